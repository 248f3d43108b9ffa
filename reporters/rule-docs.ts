// What a reviewer needs to judge a finding's rule: its description, its basis, and its README.
import { ruleFolder, ruleMeta } from '../scoring/engine.ts';

export interface RuleDoc {
  description: string;
  basis: string;
  /** The README inside the installed package, as a file URL (reports work offline). */
  readme: string;
}

export function ruleDoc(id: string): RuleDoc | null {
  const meta = ruleMeta(id);
  if (!meta) return null;
  const readme = new URL(`../scoring/rules/${ruleFolder(id)}/README.md`, import.meta.url).href;
  return { description: meta.description, basis: meta.basis, readme };
}
