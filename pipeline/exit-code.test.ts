import { describe, expect, it } from 'vitest';
import { batchCounts } from '../reporters/batch.ts';
import { sampleOutput } from '../reporters/testing/sample-output.ts';
import { exitCodeOf } from './exit-code.ts';
import type { FollowUpLookup, Output } from '../model/index.ts';

const dismissedTotal: FollowUpLookup = (fp) => (fp === 'fp-total' ? { status: 'dismissed', note: null, updatedAt: null } : null);
const checkedOnly = (): Output => {
  const output = sampleOutput();
  output.documents = output.documents.filter((d) => d.status !== 'error');
  return output;
};

describe('exitCodeOf', () => {
  it('is 1 for an open error, 0 once it is dismissed, 1 again when confirmed', () => {
    expect(exitCodeOf(batchCounts(checkedOnly()))).toBe(1);
    expect(exitCodeOf(batchCounts(checkedOnly(), dismissedTotal))).toBe(0);
    expect(exitCodeOf(batchCounts(checkedOnly(), (fp) => (fp === 'fp-total' ? { status: 'confirmed', note: null, updatedAt: null } : null)))).toBe(1);
  });

  it('is 1 when a file could not be checked or timed out, even with every error dismissed', () => {
    const failed = sampleOutput();
    expect(exitCodeOf(batchCounts(failed, dismissedTotal))).toBe(1);
    const timedOut = checkedOnly();
    timedOut.documents.push({ ...sampleOutput().documents[1], error: { code: 'timeout', message: '检查超时' } });
    const counts = batchCounts(timedOut, dismissedTotal);
    expect(counts).toMatchObject({ failed: 1, timedOut: 1 });
    expect(exitCodeOf(counts)).toBe(1);
  });

  it('is 1 when nothing at all was checked', () => {
    expect(exitCodeOf(batchCounts({ tool: { name: 'jixiao', version: '0' }, documents: [] }))).toBe(1);
  });
});
