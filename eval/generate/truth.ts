// The truth file written beside every generated report.

export const ANOMALY_KINDS = [
  'total-mismatch', // 合计 ≠ sum of items
  'subtotal-mismatch', // a summary 二级 score ≠ sum of its 三级 scores
  'explanation-mismatch', // 评分说明 "本项得分X分" ≠ score column
  'narrative-total', // narrative total ≠ table total
  'narrative-figure', // narrative figure ≠ table figure
  'calc-wrong', // stated calculation with a wrong result
  'calc-transposition', // stated calculation whose result has two digits swapped
  'divide-by-zero', // a stated formula dividing by zero
  'rubric-score', // printed rubric contradicts the score
  'grade-band', // grade outside its band
  'score-over-weight', // score above weight
  'weight-mismatch', // weights not adding to parent / 100
  'target-claim', // "各项绩效目标均已完成" while an actual is below its target
  'unmet-full-marks', // actual below target, score = weight
  'figure-conflict', // same figure, two values
  'unit-yuan-wan', // 元 ↔ 万元 decimal slip
  'unit-wan-yi', // same digits in 万元 and 亿元
  'breakdown-digit', // a 其中 list missing its total by one digit
  'data-total', // data table 合计 ≠ sum of rows
] as const;
export type AnomalyKind = (typeof ANOMALY_KINDS)[number];

export type Severity = 'warning' | 'error';

export interface TruthAnomaly {
  kind: AnomalyKind;
  /** The indicator or label the anomaly is about. */
  subject: string;
  /** What the report's own numbers imply (decimal string, a grade, or null when undefined). */
  expected: string | null;
  /** What the report prints. */
  actual: string;
  minSeverity: Severity;
  where: 'table' | 'narrative';
  /** Consequences of the same wrong number elsewhere (e.g. a summary total off by the same subtotal);
   * a finding that matches one of them is not false, but does not count as finding the anomaly. */
  related?: { expected: string | null; actual: string }[];
  /** Other equally valid statements of the same anomaly (e.g. target and actual instead of the score); they count as found. */
  alternatives?: { expected: string | null; actual: string }[];
}

export const REPORT_KINDS = ['third-party', 'project-self', 'district-self', 'basic-data'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export interface Layout {
  parents: 'merged' | 'filled' | 'blank';
  totalRow: 'first' | 'last';
  weightsOn: 'all' | 'leaves';
  scoreColumn: 'last' | 'after-weight';
  split: 'none' | 'continued' | 'repeated-header';
  landscape: boolean;
  moneyUnit: '元' | '万元' | '亿元';
  thousands: boolean;
  fullWidth: boolean;
  tables: number;
}

export interface Truth {
  id: string;
  kind: ReportKind;
  layout: Layout;
  /** Clean reports carry rounding/truncation decoys and no anomaly. */
  decoys: string[];
  anomalies: TruthAnomaly[];
  /** Formats this report was rendered to. */
  formats: string[];
}
