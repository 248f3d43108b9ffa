// Shows a number the way Excel would under its number format, for the formats budget sheets use:
// fixed decimals ("0.00"), thousands ("#,##0.00"), percent ("0.00%"), literal text ('0.00"万元"',
// "¥#,##0.00", "0.00_ "), and a separate negative section. Anything fancier (dates, fractions,
// scientific, conditions) falls back to General. Arithmetic in decimal.js: 0.1234 → "12.34%" exactly.
import { Decimal } from 'decimal.js';

const GENERAL = /^(general|@|)$/i;

export function formatNumber(value: number, numFmt: string | undefined): string {
  if (!Number.isFinite(value)) return String(value);
  const fmt = (numFmt ?? '').trim();
  if (GENERAL.test(fmt)) return general(value);
  const sections = splitSections(fmt);
  const section = value < 0 && sections[1] !== undefined ? sections[1] : sections[0];
  const explicitNegative = value < 0 && sections[1] !== undefined;
  const parsed = parseSection(section);
  if (!parsed) return general(value);
  let n = new Decimal(value).abs();
  if (parsed.percent) n = n.times(100);
  const digits = withThousands(trimOptional(n.toFixed(parsed.decimals, Decimal.ROUND_HALF_UP), parsed.decimals - parsed.optional), parsed.thousands);
  const sign = value < 0 && !explicitNegative && !/^0(\.0+)?$/.test(digits.replace(/,/g, '')) ? '-' : '';
  return `${parsed.prefix}${sign}${digits}${parsed.suffix}`;
}

/** Up to 15 significant digits, no exponent for the magnitudes reports use (Excel's General, roughly). */
export function general(value: number): string {
  return new Decimal(value).toSignificantDigits(15).toFixed();
}

interface Section { prefix: string; suffix: string; decimals: number; optional: number; thousands: boolean; percent: boolean }

function splitSections(fmt: string): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < fmt.length; i++) {
    const ch = fmt[i];
    if (ch === '"') quoted = !quoted;
    if (ch === '\\' && !quoted) {
      current += ch + (fmt[++i] ?? '');
      continue;
    }
    if (ch === ';' && !quoted) {
      out.push(current);
      current = '';
    } else current += ch;
  }
  out.push(current);
  return out;
}

/** Literal text before and after one run of digit placeholders; null when the format is not a plain number. */
function parseSection(section: string): Section | null {
  let prefix = '';
  let suffix = '';
  let number = '';
  let percent = false;
  let seenNumber = false;
  const literal = (text: string) => (seenNumber ? (suffix += text) : (prefix += text));
  for (let i = 0; i < section.length; i++) {
    const ch = section[i];
    if (ch === '"') {
      const end = section.indexOf('"', i + 1);
      literal(section.slice(i + 1, end === -1 ? undefined : end));
      i = end === -1 ? section.length : end;
    } else if (ch === '\\') literal(section[++i] ?? '');
    else if (ch === '_' || ch === '*') i++; // padding: a space the width of the next char / fill
    else if (ch === '[') {
      const end = section.indexOf(']', i);
      const currency = /^\[\$([^-\]]*)/.exec(section.slice(i));
      if (currency) literal(currency[1]);
      else if (!/^\[(red|black|blue|green|white|yellow|cyan|magenta|color\d+)\]$/i.test(section.slice(i, end + 1))) return null;
      i = end === -1 ? section.length : end;
    } else if ('0#?,.'.includes(ch)) {
      if (seenNumber && suffix) return null; // two number runs: not a plain number format
      number += ch;
      seenNumber = true;
    } else if (ch === '%') {
      percent = true;
      literal('%');
    } else if (/[eEyYmMdDhHsS\/]/.test(ch)) return null; // scientific, dates, fractions
    else literal(ch);
  }
  if (!seenNumber) return null;
  const point = number.indexOf('.');
  const fraction = point === -1 ? '' : number.slice(point + 1);
  const decimals = fraction.replace(/[^0#?]/g, '').length;
  const optional = fraction.replace(/[^#?]/g, '').length;
  return { prefix, suffix, decimals, optional, thousands: number.includes(','), percent };
}

/** "0.##" shows 1.5 as "1.5": drop trailing zeros beyond the required decimals. */
function trimOptional(fixed: string, required: number): string {
  const point = fixed.indexOf('.');
  if (point === -1) return fixed;
  let end = fixed.length;
  while (end > point + 1 + required && fixed[end - 1] === '0') end--;
  return fixed.slice(0, end === point + 1 ? point : end);
}

function withThousands(fixed: string, thousands: boolean): string {
  if (!thousands) return fixed;
  const [int, frac] = fixed.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}
