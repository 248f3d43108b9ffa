import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compiledCli, STAMP_NAME, stampOf, stampsHold } from './compiled.js';

describe('whether dist/ is still the build of the sources', () => {
  let root: string;
  const write = (file: string, text: string) => writeFileSync(join(root, file), text);
  const stampAll = (files: string[]) => {
    mkdirSync(join(root, 'dist'), { recursive: true });
    write(`dist/${STAMP_NAME}`, JSON.stringify({ sources: Object.fromEntries(files.map((f) => [f, stampOf(f, root)])) }));
  };

  beforeEach(() => {
    root = `${mkdtempSync(join(tmpdir(), 'jixiao-compiled-'))}/`;
    mkdirSync(join(root, 'pipeline'));
    write('pipeline/cli.ts', 'export const a = 1;');
    write('pipeline/run.ts', 'export const b = 2;');
    stampAll(['pipeline/cli.ts', 'pipeline/run.ts']);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('runs the build while no bundled source has changed', () => {
    expect(compiledCli(root)).toBe(`file://${root}dist/cli.js`);
  });

  it('falls back to the sources when one was edited, even to the same size', () => {
    write('pipeline/run.ts', 'export const b = 3;');
    utimesSync(join(root, 'pipeline/run.ts'), new Date(), new Date(Date.now() + 5000));
    expect(compiledCli(root)).toBeNull();
  });

  it('falls back when a bundled source is gone or no build was made', () => {
    rmSync(join(root, 'pipeline/cli.ts'));
    expect(compiledCli(root)).toBeNull();
    rmSync(join(root, 'dist'), { recursive: true });
    write('pipeline/cli.ts', 'export const a = 1;');
    expect(compiledCli(root)).toBeNull();
  });

  it('a stamp of a file missing at build time never holds', () => {
    expect(stampsHold({ 'pipeline/gone.ts': null }, root)).toBe(false);
  });
});
