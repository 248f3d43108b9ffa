// The rule contract, modelled on ESLint: one folder per rule under scoring/rules/<name>/, whose
// index.ts default-exports defineRule({ meta, check }). check is pure: report in, ctx.report(...) out.
import type { Decimal } from 'decimal.js';
import type { Loc, Report, Severity } from '../model/index.ts';
import type { BoundRubric } from './recompute/rubric/bind.ts';

export interface RuleMeta {
  /** "category/name", e.g. "score/total-mismatch". */
  id: string;
  /** Default severity; a finding may lower it (never raise it above error). */
  severity: Severity;
  /** Chinese: what the rule checks. */
  description: string;
  /** Chinese: why (the rubric, the regulation, docs/domain.md's rounding rule). */
  basis: string;
  /**
   * What the rule's findings rest on. 'structure': column positions, sums over rows, the indicator
   * tree (the default); 'row': what one table row says by itself; 'sentence': one sentence of text.
   * The engine caps only structure-dependent findings from scrambled tables at info.
   */
  evidence?: EvidenceKind;
}

export type EvidenceKind = 'structure' | 'row' | 'sentence';

export interface FindingInput {
  message: string;
  severity?: Severity;
  expected?: Decimal | string | null;
  actual?: Decimal | string | null;
  loc: Loc;
  evidence: string;
  subject?: string | null;
  calculation?: string | null;
  /** The numbers came from OCR with low confidence: the engine lowers the finding to info. */
  uncertain?: boolean;
  /** Overrides the rule's meta.evidence for this finding (e.g. a figure read off table columns). */
  evidenceKind?: EvidenceKind;
}

export interface RuleContext {
  report(finding: FindingInput): void;
  options: RuleOptions;
  /** The rubric selected and bound to this report, evaluated once per document (see scoring/engine.ts). */
  readonly rubric: BoundRubric;
}

export interface RuleOptions {
  /** Rubric id or path chosen with --rubric; otherwise picked from the report. */
  rubric?: string;
}

export interface Rule {
  meta: RuleMeta;
  check(report: Report, ctx: RuleContext): void;
}

export const defineRule = (rule: Rule): Rule => rule;
