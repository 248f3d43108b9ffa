import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkLayers } from './layers.ts';

function fakeTree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'layers-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('checkLayers', () => {
  it('accepts imports that run down the stages', () => {
    const root = fakeTree({
      'numbers/interval.ts': "import type { Quantity } from '../model/index.ts';",
      'model/index.ts': 'export type Quantity = number;',
      'normalizers/claims/rate.ts': "import { x } from '../../numbers/interval.ts';\nimport { y } from '../../extractors/txt/index.ts';",
      'pipeline/check.ts': "import { scoreReport } from '../scoring/engine.ts';",
      'scoring/rubrics/select.ts': "import { normalizeName } from '../../numbers/text.ts';",
    });
    expect(checkLayers(root)).toEqual([]);
  });

  it('names every import from a lower stage to a higher one, from rubric data to engine code, and past scoring entry points', () => {
    const root = fakeTree({
      'normalizers/claims/breakdown.ts': "import { sum } from '../../scoring/recompute/interval.ts';",
      'reporters/html.ts': "export { formatLocation } from '../pipeline/console.ts';",
      'scoring/rubrics/select.ts': "import { normalizeName } from '../recompute/rubric-figures.ts';",
      'pipeline/result.ts': "import { summarizeTotals } from '../scoring/recompute/totals.ts';",
      'numbers/parse.ts': "const m = await import('../normalizers/number.ts');",
    });
    const found = checkLayers(root).map((v) => `${v.file} → ${v.imports}`);
    expect(found.sort()).toEqual(
      [
        'normalizers/claims/breakdown.ts → scoring/recompute/interval.ts',
        'numbers/parse.ts → normalizers/number.ts',
        'pipeline/result.ts → scoring/recompute/totals.ts',
        'reporters/html.ts → pipeline/console.ts',
        'scoring/rubrics/select.ts → scoring/recompute/rubric-figures.ts',
      ].sort(),
    );
  });

  it('lets tests import any stage', () => {
    const root = fakeTree({ 'normalizers/claims/expression.test.ts': "import { evaluate } from '../../scoring/recompute/expression.ts';" });
    expect(checkLayers(root)).toEqual([]);
  });
});
