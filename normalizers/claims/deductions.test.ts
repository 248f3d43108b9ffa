import { describe, expect, it } from 'vitest';
import { textItems } from '../../test/helpers/text-claims.ts';
import { extractDeductions } from './deductions.ts';

describe('extractDeductions', () => {
  it('reads every item of the list with its points', () => {
    const [claim] = extractDeductions(textItems(['得分为 85 分，等级为良。主要扣分点：自评材料报送质量（扣 1 分），预算编制合理性（扣 0.5 分），效率性（扣 1.5 分）。']));
    expect(claim.kind).toBe('deductions');
    if (claim.kind !== 'deductions') return;
    expect(claim.items.map((i) => `${i.name}:${i.points.value.toFixed()}`)).toEqual(['自评材料报送质量:1', '预算编制合理性:0.5', '效率性:1.5']);
    expect(claim.evidence).toContain('85 分');
  });

  it('finds nothing without a list', () => {
    expect(extractDeductions(textItems(['本项扣 1 分。']))).toEqual([]);
  });
});
