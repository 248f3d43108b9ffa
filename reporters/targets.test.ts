import { describe, expect, it } from 'vitest';
import { findingTargets } from './targets.ts';
import { sampleDocument } from './testing/sample-output.ts';

describe('findingTargets', () => {
  it('points a finding at the indicator its subject names when several share the row', () => {
    const targets = findingTargets(sampleDocument());
    expect(targets.byFinding.get(1)).toEqual({ table: 0, indicator: 3 });
    expect(targets.byIndicator.get('0/3')).toEqual([1]);
  });

  it('falls back to the deepest indicator on the row when the subject names none', () => {
    const doc = sampleDocument();
    doc.findings[1].subject = null;
    expect(findingTargets(doc).byFinding.get(1)).toEqual({ table: 0, indicator: 3 });
    doc.findings[1].subject = '过程';
    expect(findingTargets(doc).byFinding.get(1)).toEqual({ table: 0, indicator: 2 });
  });

  it('matches on the indicator’s own table number, which may differ from the joined table’s', () => {
    const doc = sampleDocument();
    doc.tables[0].indicators[4].location.table = 7;
    doc.findings[1].location = { ...doc.findings[1].location, table: 7, row: 5 };
    expect(findingTargets(doc).byFinding.get(1)).toEqual({ table: 0, indicator: 4 });
  });

  it('leaves findings off indicator rows (total row, narrative) unmatched', () => {
    const targets = findingTargets(sampleDocument());
    expect(targets.byFinding.has(0)).toBe(false);
    expect(targets.byFinding.has(2)).toBe(false);
    expect(targets.byIndicator.size).toBe(1);
  });
});
