// The evaluator's list of lost points: "主要扣分点：自评材料报送质量（扣 1 分），预算编制合理性（扣 0.5 分）…".
import type { ClaimOf, Report } from '../../model/index.ts';
import { parseQuantity } from '../../numbers/quantity.ts';
import { locAt, paragraphs, type Segment } from './segments.ts';

type Deductions = ClaimOf<'deductions'>;

const LIST = /(?:主要)?扣分(?:点|项|情况)\s*(?:为|是|如下)?\s*[：:]/g;
const ITEM = /([^，,、；;。：:（(]+?)\s*[（(]\s*扣\s*(\d+(?:\.\d+)?)\s*分\s*[）)]/gy;

export function extractDeductions(text: Report['text']): Deductions[] {
  return paragraphs(text).flatMap(deductionsIn);
}

export function deductionsIn(segment: Segment): Deductions[] {
  const claims: Deductions[] = [];
  for (const m of segment.text.matchAll(LIST)) {
    const loc = locAt(segment, m.index!);
    const items: Deductions['items'] = [];
    ITEM.lastIndex = m.index! + m[0].length;
    for (let item = ITEM.exec(segment.text); item; item = ITEM.exec(segment.text)) {
      const points = parseQuantity(`${item[2]}分`, loc);
      if (points) items.push({ name: item[1].replace(/^[\s，,、；;]+/, '').trim(), points });
      const next = /^\s*[，,、；;]?/.exec(segment.text.slice(ITEM.lastIndex))!;
      ITEM.lastIndex += next[0].length;
    }
    if (items.length === 0) continue;
    const end = segment.text.indexOf('。', m.index!);
    const start = segment.text.slice(0, m.index!).search(/[^。]*$/);
    const sentenceBefore = segment.text.slice(Math.max(0, segment.text.slice(0, start).search(/[^。]*。?$/)), start);
    claims.push({ kind: 'deductions', items, loc, evidence: `${sentenceBefore}${segment.text.slice(start, end < 0 ? undefined : end + 1)}`.trim() });
  }
  return claims;
}
