// One finding per fact (issue 15: the same 0/0 as an error and again as an info; the same 万元/亿元
// cell twice). Findings about different numbers, or the same number in different places, stay.
import { describe, expect, it } from 'vitest';
import type { Finding } from '../model/index.ts';
import { checkFile } from '../pipeline/check.ts';
import { oneFindingPerFact } from './facts.ts';

const at = (table: number | null, row: number | null, column: number | null, line: number | null = null) => ({ page: null, table, row, column, line });
const finding = (rule: string, severity: Finding['severity'], actual: string | null, evidence: string, location = at(null, null, null), expected: string | null = null): Finding => ({
  rule, severity, actual, evidence, location, message: rule, expected, subject: null, calculation: null, fingerprint: rule,
});

const ZERO = '国库集中支付结转结余存量资金效率性 = (0 / 0 - 1) × 100% = -100% 。';

describe('oneFindingPerFact', () => {
  it('keeps the strongest of two rules accusing the same printed value in the same sentence', () => {
    const error = finding('calc/divide-by-zero', 'error', '-100', ZERO, at(null, null, null, 129));
    const info = finding('rubric/rate-mismatch', 'info', '-100.00', `结转结余率 = 0%; ${ZERO}`, at(null, null, null, 125));
    expect(oneFindingPerFact([info, error])).toEqual([error]);
  });

  it('keeps the strongest of two rules accusing the same table cell', () => {
    const conflict = finding('figure/conflict', 'error', '0.08', 'a', at(3, 4, 5), '0.00104');
    const unit = finding('figure/unit-conflict', 'warning', '0.08', 'b', at(3, 4, 5), '0.001040');
    expect(oneFindingPerFact([unit, conflict])).toEqual([conflict]);
  });

  it('keeps findings about different values, different cells, or short generic evidence', () => {
    const kept = [
      finding('calc/divide-by-zero', 'error', '-100', ZERO),
      finding('rubric/rate-mismatch', 'info', '-99', ZERO),
      finding('figure/conflict', 'error', '0.08', 'a', at(3, 4, 5)),
      finding('figure/unit-conflict', 'warning', '0.08', 'b', at(3, 5, 5)),
      // One cell printing 0.08 twice: wrong against 10.4万元 (0.00104亿元) and against 0.08万元 (two facts)
      finding('figure/conflict', 'error', '0.08', 'c', at(4, 4, 5), '0.00104'),
      finding('figure/unit-conflict', 'warning', '0.08', 'c', at(4, 4, 5), '0.08'),
      finding('score/total-mismatch', 'error', '100', '合计 100'),
      finding('score/narrative-total', 'error', '100', '合计 100'),
    ];
    expect(oneFindingPerFact(kept)).toEqual(kept);
  });
});

describe('the seeds', () => {
  it('seed 003 reports its 0/0 once, as the error', async () => {
    const { result } = await checkFile('fixtures/seeds/003_4e052ca5c436ec0e.txt');
    const about = result.findings.filter((f) => f.actual === '-100');
    expect(about.map((f) => [f.rule, f.severity])).toEqual([['calc/divide-by-zero', 'error']]);
  });

  it('seed 000 keeps both slips of its 0.08亿元 cell (one against 10.4万元, one against 0.08万元)', async () => {
    const { result } = await checkFile('fixtures/seeds/000_a830d013271ff8ad.txt');
    const cell = result.findings.filter((f) => f.location.table === 3 && f.location.row === 4 && f.location.column === 5 && f.actual === '0.08');
    expect(cell.map((f) => f.rule).sort()).toEqual(['figure/conflict', 'figure/unit-conflict']);
  });
});
