// Converter debris and full-width characters out, so numbers and labels can be matched.

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

/** Full-width characters and the ASCII each stands for ('—' stays: it is Chinese punctuation). */
const SINGLE_CHARACTERS: Record<string, string> = { '．': '.', '％': '%', '＋': '+', '－': '-', '–': '-', '−': '-', '／': '/', '＝': '=', '（': '(', '）': ')', '＊': '*' };
const SINGLE_CHARACTER = /[０-９．％＋－–−／＝（）＊]/g;

/**
 * Full-width digits and punctuation to ASCII, LaTeX and markdown debris removed. Keeps Chinese
 * punctuation that separates clauses. Called for every cell and sentence, often several times: one
 * pass for the characters, and the debris passes only when their marks are there.
 */
export function cleanText(text: string): string {
  let out = text.replace(SINGLE_CHARACTER, (c) => SINGLE_CHARACTERS[c] ?? String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  if (out.includes('\\') || out.includes('$')) for (const [pattern, replacement] of LATEX_REPLACEMENTS) out = out.replace(pattern, replacement);
  if (out.includes('**')) out = out.replace(/\*\*/g, '');
  if (out.includes('p>')) out = out.replace(/<\/?p>/g, ' ');
  return out;
}

/** Normalizes an indicator name for matching: no spaces, punctuation, quotes or "(50分)". */
export function normalizeName(name: string): string {
  return cleanText(name)
    .replace(/\(\s*\d+(?:\.\d+)?\s*分\s*\)/g, '')
    .replace(/[\s"“”‘’'「」《》()（）【】[\]、,，.。:：;；*\-—_]/g, '');
}
