// Runs every registered rule over a report and turns what they report into contract Findings.
import { createHash } from 'node:crypto';
import { Decimal } from 'decimal.js';
import type { Finding, Report } from '../model/index.ts';
import { bindRubric, type BoundRubric } from './recompute/rubric/bind.ts';
import { rubricNotes } from './recompute/rubric/notes.ts';
import { summarizeTotals, type TotalsSummary } from './recompute/totals.ts';
import { bandsOf, withEffects } from './recompute/effect.ts';
import { looksLikeEvaluationReport } from './recompute/report-kind.ts';
import { oneFindingPerFact } from './facts.ts';
import type { FindingInput, Rule, RuleContext, RuleMeta, RuleOptions } from './rule.ts';
import { rules as registeredRules } from './rules/index.ts';

/** The registered rule's meta (description, basis) by id, for the reports that explain a finding. */
export function ruleMeta(id: string): RuleMeta | undefined {
  return registeredRules.find((r) => r.meta.id === id)?.meta;
}

/** The rule's folder under scoring/rules/, which holds its README ("calc/stated-mismatch" → "calc-stated-mismatch"). */
export const ruleFolder = (id: string): string => id.replace('/', '-');

const OCR_NOTE = '（OCR 未能确认：所涉数字识别置信度低，请对照原件核实）';

/** What scoring a document yields: its findings, its totals and the notes on the rubric used. */
export interface ScoredReport {
  findings: Finding[];
  totals: TotalsSummary;
  notes: string[];
  /** The document is not a performance evaluation report (doc/not-a-report): nothing was checked. */
  notAReport: boolean;
}

/**
 * The scoring stage of one document: the rubric is bound once, then shared by the rules and the notes.
 * `readings`: the same document read otherwise where OCR doubted a figure (normalizers/ocr-doubt.ts
 * ocrReadings). Given them, a finding accuses only when every reading gives it too; without them a
 * report with doubtful OCR falls back to lowering whatever touches a doubtful table or passage.
 */
export function scoreReport(report: Report, options: RuleOptions = {}, readings: Report[] = []): ScoredReport {
  const rubric = bindRubric(report, options.rubric);
  const totals = summarizeTotals(report);
  const proving = readings.length > 0;
  const own = runRules(proving ? { ...report, ocrDoubt: undefined } : report, options, registeredRules, rubric);
  const proven = proving ? provenAcross(own, readings.map((r) => runRules({ ...r, ocrDoubt: undefined }, options))) : own;
  const findings = withEffects(proven, totals.claimed, bandsOf(report));
  const notAReport = !looksLikeEvaluationReport(report);
  return { findings, totals, notes: notAReport ? [] : rubricNotes(rubric), notAReport };
}

const RANK = { info: 0, warning: 1, error: 2 } as const;

/** A warning or error stands only when every other reading raises it too (same fingerprint), at its lowest severity there. */
export function provenAcross(findings: Finding[], readings: Finding[][]): Finding[] {
  return findings.map((f) => {
    if (f.severity === 'info') return f;
    let severity: Finding['severity'] = f.severity;
    for (const other of readings) {
      const same = other.filter((o) => o.fingerprint === f.fingerprint && o.severity !== 'info');
      if (!same.length) return { ...f, severity: 'info', message: f.message + OCR_NOTE };
      const lowest = same.reduce((a, b) => (RANK[b.severity] < RANK[a.severity] ? b : a)).severity;
      if (RANK[lowest] < RANK[severity]) severity = lowest;
    }
    return severity === f.severity ? f : { ...f, severity };
  });
}

/** Runs the rules; the rubric is bound on first use when the caller has not bound it. */
export function runRules(report: Report, options: RuleOptions = {}, rules: Rule[] = registeredRules, rubric?: BoundRubric): Finding[] {
  const findings: Finding[] = [];
  let bound = rubric;
  const boundRubric = () => (bound ??= bindRubric(report, options.rubric));
  const doubt = squeezedDoubt(report);
  for (const rule of rules) {
    const ctx: RuleContext = {
      options,
      report: (input: FindingInput) => findings.push(toFinding(rule, fromDoubtfulOcr(doubt, rule, fromScrambledTable(report, rule, input)))),
      get rubric() {
        return boundRubric();
      },
    };
    try {
      rule.check(report, ctx);
    } catch (error) {
      findings.push({
        ...toFinding(rule, { message: `规则运行出错，未能完成检查：${(error as Error).message}`, severity: 'info', loc: {}, evidence: '' }),
      });
    }
  }
  return oneFindingPerFact(dedupe(findings));
}

const SCRAMBLED_NOTE = '（所在表格结构错乱，数字与栏目的对应无法确认，仅供参考）';

/**
 * A finding that rests on the columns or rows of a scrambled table rests on cells whose meaning is
 * uncertain: info at most. What one intact row or sentence says by itself keeps its severity.
 */
function fromScrambledTable(report: Report, rule: Rule, input: FindingInput): FindingInput {
  const table = input.loc.table;
  if (table == null || !report.scrambledTables?.includes(table) || (input.severity ?? 'error') === 'info') return input;
  if ((input.evidenceKind ?? rule.meta.evidence ?? 'structure') !== 'structure') return input;
  return { ...input, severity: 'info', message: input.message + SCRAMBLED_NOTE };
}

/**
 * A finding that rests on a number OCR was unsure of does not accuse: it is info, "OCR 未能确认".
 * What it rests on follows its evidence kind: a sum over a table rests on every number of that
 * table; what one row or sentence says rests on that row or sentence (its evidence quotes, or is
 * quoted by, a paragraph or row holding such a number).
 */
function fromDoubtfulOcr(doubt: OcrDoubt | null, rule: Rule, input: FindingInput): FindingInput {
  if (!doubt || input.uncertain) return input;
  const structural = (input.evidenceKind ?? rule.meta.evidence ?? 'structure') === 'structure';
  const inTable = structural && input.loc.table != null && doubt.tables.includes(input.loc.table);
  const quoted = input.evidence.split(' ↔ ').map(squeeze).filter((part) => part.length >= 6);
  const inPassage = doubt.passages.some((passage) => quoted.some((part) => passage.includes(part) || part.includes(passage)));
  return inTable || inPassage ? { ...input, uncertain: true } : input;
}

/** The report's doubtful OCR places, passages squeezed once per report rather than per finding. */
interface OcrDoubt {
  tables: number[];
  passages: string[];
}

function squeezedDoubt(report: Report): OcrDoubt | null {
  return report.ocrDoubt ? { tables: report.ocrDoubt.tables, passages: report.ocrDoubt.passages.map(squeeze) } : null;
}

/** Text without spaces, tabs or the ' | ' that joins a row's cells in evidence. */
const squeeze = (text: string) => text.replace(/[\s|]+/g, '');

export function toFinding(rule: Rule, input: FindingInput): Finding {
  const severity = input.uncertain ? 'info' : (input.severity ?? rule.meta.severity);
  const expected = asString(input.expected);
  const actual = asString(input.actual);
  const subject = input.subject ?? null;
  return {
    rule: rule.meta.id,
    severity,
    message: input.uncertain ? input.message + OCR_NOTE : input.message,
    expected,
    actual,
    location: {
      page: input.loc.page ?? null,
      table: input.loc.table ?? null,
      row: input.loc.row ?? null,
      column: input.loc.column ?? null,
      line: input.loc.line ?? null,
      ...(input.loc.bbox ? { bbox: input.loc.bbox } : {}),
    },
    evidence: input.evidence,
    subject,
    calculation: input.calculation ?? null,
    fingerprint: fingerprint(rule.meta.id, subject, expected, actual, input.evidence),
  };
}

function asString(value: Decimal | string | null | undefined): string | null {
  if (value == null) return null;
  return Decimal.isDecimal(value) ? (value as Decimal).toFixed() : String(value);
}

/** Rule + subject + values; the evidence text only when there is no subject (never line numbers). */
function fingerprint(rule: string, subject: string | null, expected: string | null, actual: string | null, evidence: string): string {
  const key = [rule, subject ?? evidence.replace(/\s+/g, '').slice(0, 200), expected ?? '', actual ?? ''].join('\u0000');
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.fingerprint}|${f.location.table}|${f.location.row}|${f.location.line}|${f.location.page}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
