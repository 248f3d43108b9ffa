// The document's notes on the rubric: which one was used, how sure the match is, what was recomputed.
import { describeSelection } from '../../rubrics/select.ts';
import type { Outcome, BoundRubric } from './bind.ts';

/**
 * Chinese notes for a document's result: which rubric was used and how sure the match is, and how
 * many formula items could be recomputed. For the document's notes, not a finding.
 */
export function rubricNotes({ selection, outcomes }: BoundRubric): string[] {
  const lines = [describeSelection(selection)];
  if (!selection) return lines;
  const scored = outcomes.filter((o) => o.computation && o.printed);
  const recomputed = scored.filter((o) => o.computation?.readings.length);
  const missing = scored.filter((o) => o.computation?.missing.length && !o.computation.readings.length);
  const rateOnly = scored.filter((o) => !o.computation?.missing.length && !o.computation?.readings.length);
  const list = (os: Outcome[]) => (os.length ? `（${os.map((o) => o.subject).join('、')}）` : '');
  lines.push(
    `按公式复算的指标：找到得分 ${scored.length} 项，可复算得分 ${recomputed.length} 项，缺少数据 ${missing.length} 项${list(missing)}` +
      (rateOnly.length ? `，评分档次未载明、只复核比率 ${rateOnly.length} 项${list(rateOnly)}` : ''),
  );
  return lines;
}
