// Converter debris and full-width characters out, so numbers and labels can be matched.

const FULL_WIDTH_DIGITS = /[０-９]/g;
const LATEX_REPLACEMENTS: [RegExp, string][] = [
  [/\\times/g, '×'],
  [/\\div/g, '÷'],
  [/\\cdot/g, '×'],
  [/\\leq?/g, '≤'],
  [/\\geq?/g, '≥'],
  [/\\%/g, '%'],
  [/\\text\{([^}]*)\}/g, '$1'],
  [/\\mathrm\{([^}]*)\}/g, '$1'],
  [/\\left|\\right/g, ''],
  [/\\[,;!: ]/g, ''],
  [/\$/g, ''],
];

/** Full-width digits and punctuation to ASCII, LaTeX and markdown debris removed. Keeps Chinese punctuation that separates clauses. */
export function cleanText(text: string): string {
  let out = text.replace(FULL_WIDTH_DIGITS, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  out = out.replace(/[．]/g, '.').replace(/[％]/g, '%').replace(/[＋]/g, '+').replace(/[－—–−]/g, (m) => (m === '—' ? m : '-'));
  out = out.replace(/[／]/g, '/').replace(/[＝]/g, '=').replace(/[（]/g, '(').replace(/[）]/g, ')').replace(/[＊]/g, '*');
  for (const [pattern, replacement] of LATEX_REPLACEMENTS) out = out.replace(pattern, replacement);
  out = out.replace(/\*\*/g, '').replace(/<\/?p>/g, ' ');
  return out;
}

/** Normalizes an indicator name for matching: no spaces, punctuation, quotes or "(50分)". */
export function normalizeName(name: string): string {
  return cleanText(name)
    .replace(/\(\s*\d+(?:\.\d+)?\s*分\s*\)/g, '')
    .replace(/[\s"“”‘’'「」《》()（）【】[\]、,，.。:：;；*\-—_]/g, '');
}
