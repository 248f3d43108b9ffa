// The same seed report in TXT and as LibreOffice made it into DOCX and PDF gives the same warnings
// and errors (fixtures/seeds-office/make.sh made the copies).
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { checkFile } from '../pipeline/check.ts';

const ROOT = new URL('../fixtures/', import.meta.url).pathname;

async function alarms(path: string): Promise<string[]> {
  const { result } = await checkFile(path);
  expect(result.status).not.toBe('error');
  return result.findings.filter((f) => f.severity !== 'info').map((f) => `${f.severity} ${f.rule} ${f.subject} ${f.actual}`).sort();
}

describe('a seed report reads the same in TXT, DOCX and PDF', () => {
  it.each([
    ['003_4e052ca5c436ec0e', 'docx'],
    ['003_4e052ca5c436ec0e', 'pdf'],
    ['004_5832cd79950040f3', 'docx'],
    // Printed from its text file: the long scoring table comes back from tab stops (extractors/pdf/tabbed.ts).
    ['004_5832cd79950040f3', 'pdf'],
  ])('%s.%s', async (seed, format) => {
    const txt = await alarms(join(ROOT, 'seeds', `${seed}.txt`));
    expect(txt.length).toBeGreaterThan(0);
    expect(await alarms(join(ROOT, 'seeds-office', `${seed}.${format}`))).toEqual(txt);
  });
});
