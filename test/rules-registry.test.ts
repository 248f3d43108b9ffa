// Every rule folder is registered, tested and documented; every registered rule has sound metadata.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rules } from '../scoring/rules/index.ts';

const DIR = 'scoring/rules';
const folders = readdirSync(DIR, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);

describe('rule registry', () => {
  it.each(folders)('%s has index.ts, index.test.ts and README.md, and is registered', async (folder) => {
    for (const file of ['index.ts', 'index.test.ts', 'README.md']) expect(existsSync(join(DIR, folder, file)), `${folder}/${file}`).toBe(true);
    const rule = (await import(/* @vite-ignore */ pathToFileURL(resolve(DIR, folder, 'index.ts')).href)).default;
    expect(rules).toContain(rule);
    expect(readFileSync(join(DIR, folder, 'README.md'), 'utf8')).toContain(rule.meta.id);
  });

  it('ids are unique and metadata is complete', () => {
    const ids = rules.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(rules.length).toBe(folders.length);
    for (const { meta } of rules) {
      expect(meta.id).toMatch(/^[a-z]+\/[a-z0-9-]+$/);
      expect(['error', 'warning', 'info']).toContain(meta.severity);
      expect(meta.description).toMatch(/\p{Script=Han}/u);
      expect(meta.basis).toMatch(/\p{Script=Han}/u);
    }
  });
});
