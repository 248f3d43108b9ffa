// The --xlsx/--csv/--html flags of `jixiao check`, end to end through the real CLI.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { OutputSchema } from '../model/index.ts';
import { reportTargets } from '../pipeline/report-files.ts';
import { BOM } from './csv.ts';
import { FINDINGS_SHEET, SUMMARY_SHEET } from './xlsx.ts';

const run = promisify(execFile);

describe('reportTargets', () => {
  it('accepts file paths and refuses stdout', () => {
    expect(reportTargets({ xlsx: 'a.xlsx', html: 'b.html' })).toEqual([
      { kind: 'xlsx', path: 'a.xlsx' },
      { kind: 'html', path: 'b.html' },
    ]);
    expect(() => reportTargets({ csv: '-' })).toThrow('--csv 需要一个文件路径');
  });
});

describe('jixiao check --xlsx --csv --html', () => {
  it('writes all three reports of the same batch as --json', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'jixiao-cli-'));
    const file = (name: string) => join(dir, name);
    const args = ['bin/jixiao.js', 'check', 'fixtures/seeds', '-q', '--no-db', '--json', file('o.json'), '--xlsx', file('o.xlsx'), '--csv', file('o.csv'), '--html', file('o.html')];
    const exit = await run(process.execPath, args, { timeout: 60_000 }).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
    );
    expect([0, 1], `jixiao exited with ${exit.code}: ${exit.stderr}`).toContain(exit.code);

    const output = OutputSchema.parse(JSON.parse(await readFile(file('o.json'), 'utf8')));
    const findings = output.documents.flatMap((d) => d.findings);

    const csv = await readFile(file('o.csv'), 'utf8');
    expect(csv.startsWith(`${BOM}编号,指纹,文件,单位,年度,严重程度,规则`)).toBe(true);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readFile(file('o.xlsx'))) as unknown as ArrayBuffer);
    expect(workbook.getWorksheet(SUMMARY_SHEET)!.rowCount).toBe(output.documents.length + 1);
    expect(workbook.getWorksheet(FINDINGS_SHEET)!.rowCount).toBe(findings.length + 1);

    const page = await readFile(file('o.html'), 'utf8');
    expect(page.match(/<article class="finding /g) ?? []).toHaveLength(findings.length);
    for (const doc of output.documents) expect(page).toContain(`data-file="${doc.file}"`);
  });

  it('refuses `-` before checking anything', async () => {
    const failure = await run(process.execPath, ['bin/jixiao.js', 'check', 'fixtures/seeds', '--no-db', '--html', '-']).then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    );
    expect(failure?.code).toBe(2);
    expect(failure?.stderr).toContain('--html 需要一个文件路径');
  });
});
