// Claims that every target was met: "各项绩效目标都已完成，完成率为 100%", "年度任务均已完成",
// "各项指标全部完成". A single indicator's "完成率100%" or "已全部完成投放" is not such a claim.
import type { ClaimOf, Report } from '../../model/index.ts';
import { allSegments, locAt, sentenceAround } from './segments.ts';

type Completion = ClaimOf<'completion'>;

const ALL_DONE = /(?:各项|所有|全部|整体)?[^，,。；;]{0,10}(?:目标|任务|指标)[^，,。；;]{0,6}?(?:均已|都已|已全部|全部|均|都|全面)(?:完成|实现|达成|达到)/g;
const FULL_RATE = /(?:目标|任务|指标)[^。；;]{0,20}完成率\s*(?:为|达|达到)?\s*100(?:\.0+)?\s*%/g;
const NEGATED = /未|没有|不能|无法|难以/;
/** "除完成监督检查次数外，其余绩效目标均已完成": the named indicators are excepted from the claim. */
const EXCEPT = /除(?:了)?([^，,。；;]{1,60}?)(?:以)?外/;
/** "除个别指标外": the claim does not speak of every target, so it claims nothing checkable. */
const VAGUE_EXCEPTION = /个别|部分|少数|少量|一些|几项|\d+\s*项/;

export function extractCompletions(text: Report['text']): Completion[] {
  const claims: Completion[] = [];
  for (const segment of allSegments(text)) {
    const seen = new Set<number>();
    for (const pattern of [ALL_DONE, FULL_RATE]) {
      for (const m of segment.text.matchAll(pattern)) {
        if (NEGATED.test(m[0]) || seen.has(sentenceStart(segment.text, m.index!))) continue;
        const sentence = sentenceAround(segment.text, m.index!, m.index! + m[0].length);
        seen.add(sentenceStart(segment.text, m.index!));
        const except = EXCEPT.exec(sentence)?.[1];
        if (except && VAGUE_EXCEPTION.test(except)) continue;
        const exceptions = except ? except.split(/[、，,和及与]/).map((name) => name.trim()).filter(Boolean) : [];
        claims.push({ kind: 'completion', loc: locAt(segment, m.index!), evidence: sentence, ...(exceptions.length ? { exceptions } : {}) });
      }
    }
  }
  return claims;
}

const sentenceStart = (text: string, at: number) => text.slice(0, at).search(/[^。；;]*$/);
