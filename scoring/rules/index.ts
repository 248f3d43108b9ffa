// The rule registry. test/rules-registry.test.ts fails when a folder under scoring/rules/ is missing
// here, or lacks its index.test.ts or README.md.
import type { Rule } from '../rule.ts';

export const rules: Rule[] = [];
