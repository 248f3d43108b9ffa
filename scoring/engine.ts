// Runs every registered rule over a report and turns what they report into contract Findings.
import { createHash } from 'node:crypto';
import { Decimal } from 'decimal.js';
import type { Finding, Report } from '../model/index.ts';
import { DOUBTFUL_DIGITS_NOTE, DROPPED_DIGIT_NOTE, differsByOneDigit } from '../normalizers/ocr-doubt.ts';
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

const ocrNote = (why: string) => `（OCR 未能确认：${why}，请对照原件核实）`;
const OCR_NOTE = ocrNote(DOUBTFUL_DIGITS_NOTE);

/** What scoring a document yields: its findings, its totals and the notes on the rubric used. */
export interface ScoredReport {
  findings: Finding[];
  totals: TotalsSummary;
  notes: string[];
  /** The document is not a performance evaluation report (doc/not-a-report): nothing was checked. */
  notAReport: boolean;
}

/**
 * The same document read otherwise where OCR may have misread it (normalizers/ocr-doubt.ts).
 * `values`: the finding must come out with the same values (every doubtful digit set to 9, then 0);
 * `place`: the same rule must still fire at the same place, whatever figures it quotes (a known
 * PP-OCR confusion such as "%" read "9%" changes the quoted figure itself).
 */
export interface AlternativeReading {
  report: Report;
  mustMatch: 'values' | 'place';
  /** Chinese: what this reading supposes, told with a finding it does not confirm. */
  note: string;
}

/**
 * The scoring stage of one document: the rubric is bound once, then shared by the rules and the notes.
 * Given alternative readings, a finding accuses only when every reading gives it too; without them a
 * report with doubtful OCR falls back to lowering whatever touches a doubtful table or passage.
 */
export function scoreReport(report: Report, options: RuleOptions = {}, readings: AlternativeReading[] = []): ScoredReport {
  const rubric = bindRubric(report, options.rubric);
  const totals = summarizeTotals(report);
  const proving = readings.some((r) => r.mustMatch === 'values');
  const own = runRules(proving ? { ...report, ocrDoubt: undefined } : report, options, registeredRules, rubric);
  const others = readings.map((r) => ({ ...r, findings: runRules({ ...r.report, ocrDoubt: undefined }, options), unreadTables: unreadTablesOf(r.report) }));
  const proven = provenAcross(own, others);
  const scanned = report.ocrDoubt !== undefined;
  const findings = withEffects(scanned ? proven.map(unlessDroppedDigit) : proven, totals.claimed, bandsOf(report));
  const notAReport = !looksLikeEvaluationReport(report);
  return { findings, totals, notes: notAReport ? [] : rubricNotes(rubric), notAReport };
}

const RANK = { info: 0, warning: 1, error: 2 } as const;

const placeOf = (f: Finding) => [f.rule, f.location.page, f.location.table, f.location.row, f.location.column, f.location.line].join('|');

/** Tables a reading could not read at all (unreadable or scrambled): it has nothing to say on their rows. */
const unreadTablesOf = (report: Report) => [...report.tables.filter((t) => t.quality === 'unreadable').map((t) => t.tableIndex), ...(report.scrambledTables ?? [])];

type OtherReading = Pick<AlternativeReading, 'mustMatch' | 'note'> & { findings: Finding[]; unreadTables?: number[] };

/**
 * A warning or error stands only when every other reading raises it too, at its lowest severity there.
 * A digit extreme that leaves the finding's table unreadable (a doubtful "4" read "9" elsewhere puts two
 * scores over their weights) neither confirms nor refutes it; at least one extreme must still read it.
 */
export function provenAcross(findings: Finding[], readings: OtherReading[]): Finding[] {
  return findings.map((f) => {
    if (f.severity === 'info') return f;
    let severity: Finding['severity'] = f.severity;
    let message = f.message;
    const silent = (other: OtherReading) => other.mustMatch === 'values' && f.location.table != null && !!other.unreadTables?.includes(f.location.table);
    const judging = readings.filter((other) => !silent(other) || other.findings.some((o) => o.fingerprint === f.fingerprint && o.severity !== 'info'));
    const digitExtremes = readings.filter((other) => other.mustMatch === 'values');
    if (digitExtremes.length && !judging.some((other) => other.mustMatch === 'values')) return { ...f, severity: 'info', message: f.message + ocrNote(digitExtremes[0].note) };
    for (const other of judging) {
      const alike = other.mustMatch === 'values' ? (o: Finding) => o.fingerprint === f.fingerprint : (o: Finding) => placeOf(o) === placeOf(f);
      const same = other.findings.filter((o) => alike(o) && o.severity !== 'info');
      if (!same.length) return { ...f, severity: 'info', message: f.message + ocrNote(other.note) };
      const lowest = same.reduce((a, b) => (RANK[b.severity] < RANK[a.severity] ? b : a)).severity;
      if (RANK[lowest] < RANK[severity]) severity = lowest;
      message += otherValuesNote(f, same[0], other.note);
    }
    return severity === f.severity && message === f.message ? f : { ...f, severity, message };
  });
}

/**
 * A finding that holds in a confusion reading but quotes other figures there: the anomaly stands, the
 * figures it quotes may not be the page's ("=100%" where the page may print "=-100%").
 */
function otherValuesNote(f: Finding, other: Finding, why: string): string {
  if (other.actual === f.actual && other.expected === f.expected) return '';
  const quoted = [other.expected !== f.expected ? other.expected : null, other.actual !== f.actual ? other.actual : null].filter((v) => v !== null);
  return `（OCR：${why}，那样读所涉数字为${quoted.join('、')}，请对照原件核实）`;
}

/** On a scan, a warning or error between two figures that differ only by one digit left out is info. */
function unlessDroppedDigit(f: Finding): Finding {
  if (f.severity === 'info' || f.expected === null || f.actual === null || !differsByOneDigit(f.expected, f.actual)) return f;
  return { ...f, severity: 'info', message: f.message + ocrNote(DROPPED_DIGIT_NOTE) };
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
