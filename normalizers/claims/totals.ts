// The report's own verdict in prose: the total ("自评分数94.42分", "绩效评价得分为 85 分"), the grade
// ("等级为良", "自评等级优") and, when printed, its grade bands ("优[90 分~100 分)…").
import { Decimal } from 'decimal.js';
import type { Claim, ClaimOf, Grade, GradeBand, Report } from '../../model/index.ts';
import { parseQuantity } from '../../numbers/quantity.ts';
import { cleanText } from '../../numbers/text.ts';

type TextItem = Report['text'][number];

const TOTAL = /(自评分数|自评得分|评价得分|绩效评价得分|综合得分|绩效得分|总得分|评分结果)\s*(?:为|是|：|:)?\s*(\d{1,3}(?:\.\d{1,2})?)\s*分/g;
/** Sentences about one indicator, not the whole report. */
const ITEM_CONTEXT = /本项|该项|该指标|本指标|指标总分|扣\s*\d|加\s*\d|单项|二级指标|三级指标/;
const WHOLE_CONTEXT = /整体|部门|综合|本次|单位|总体|自评分数|绩效评价得分|该单位|项目绩效自评得分|绩效自评得分/;
const GRADE = /(?:评定等级|绩效等级|自评等级|评价等级|等级)\s*(?:为|是|：|:)?\s*[“"「]?(优秀|优|良好|良|中等|中|合格|差|不合格)[”"」]?/g;
const GRADE_NAMES: Record<string, Grade> = { 优秀: '优', 优: '优', 良好: '良', 良: '良', 中等: '中', 中: '中', 合格: '中', 差: '差', 不合格: '差' };

export function extractTotalClaims(text: Report['text']): Claim[] {
  const claims: Claim[] = [];
  for (const item of narrative(text)) {
    for (const sentence of sentencesOf(item.text)) {
      if (ITEM_CONTEXT.test(sentence) || !WHOLE_CONTEXT.test(sentence)) continue;
      for (const m of sentence.matchAll(TOTAL)) {
        const value = parseQuantity(`${m[2]}分`, item.loc);
        if (value) claims.push({ kind: 'total', value, loc: item.loc, evidence: sentence.trim() });
      }
      for (const m of sentence.matchAll(GRADE)) claims.push({ kind: 'grade', grade: GRADE_NAMES[m[1]], loc: item.loc, evidence: sentence.trim() });
    }
    const bands = parseGradeBands(item.text);
    if (bands) claims.push({ kind: 'grade-bands', bands, loc: item.loc, evidence: item.text.trim().slice(0, 200) });
  }
  return claims;
}

/** Paragraphs and short single-cell rows: scoring-table cells speak of one indicator each. */
function narrative(text: Report['text']): TextItem[] {
  return text.filter((t) => t.loc.table == null || !t.text.includes('\t'));
}

function sentencesOf(text: string): string[] {
  return cleanText(text).split(/[。；;\n]/).filter((s) => s.trim() !== '');
}

const BAND = /(优|良|中|差)\s*[(（\[【]\s*(\d+)\s*分?\s*[~～\-—至]+\s*(\d+)\s*分?\s*([)）\]】])/g;
const BELOW = /(差|不合格)\s*[(（]?\s*(\d+)\s*分?\s*以下/;

/** "优[90 分~100 分), 良[80 分~90 分), 中[60 分~80 分), 差(60 分以下)". */
export function parseGradeBands(raw: string): GradeBand[] | null {
  const text = cleanText(raw);
  if (!/等级/.test(text)) return null;
  const bands: GradeBand[] = [];
  for (const m of text.matchAll(BAND)) {
    const opening = text[m.index! + m[1].length + (m[0].slice(m[1].length).match(/^\s*/)?.[0].length ?? 0)];
    bands.push({
      grade: m[1] as Grade,
      min: new Decimal(m[2]),
      minInclusive: opening === '[' || opening === '【',
      max: new Decimal(m[3]),
      maxInclusive: m[4] === ']' || m[4] === '】',
    });
  }
  const below = BELOW.exec(text);
  if (below) bands.push({ grade: '差', min: null, minInclusive: false, max: new Decimal(below[2]), maxInclusive: false });
  if (bands.length >= 3) return bands;
  const worded = parseWordedBands(text);
  return worded.length >= 3 ? worded : null;
}

const GRADE_WITH_RANGE = /(优秀|优|良好|良|中等|中|合格|差|不合格)\s*[（(]((?:[^（()）]|[（(]含[^（()）]*[)）])+)[)）]/g;
const NUMBER_THEN_QUALIFIER = /(\d+(?:\.\d+)?)\s*分?\s*([（(]含[^（()）]*[)）])?/g;

/** "优（90分及以上）、良（80分（含）至90分）、中（60分（含）至80分）、差（60分以下）". */
function parseWordedBands(text: string): GradeBand[] {
  const bands: GradeBand[] = [];
  for (const m of text.matchAll(GRADE_WITH_RANGE)) {
    const band = wordedRange(m[2]);
    if (band) bands.push({ grade: GRADE_NAMES[m[1]], ...band });
  }
  return bands;
}

function wordedRange(inner: string): Omit<GradeBand, 'grade'> | null {
  const numbers = [...inner.matchAll(NUMBER_THEN_QUALIFIER)].map((n) => ({ value: new Decimal(n[1]), included: !!n[2] }));
  if (numbers.length === 2 && /[~～\-—至到]/.test(inner))
    return { min: numbers[0].value, minInclusive: true, max: numbers[1].value, maxInclusive: numbers[1].included };
  if (numbers.length !== 1) return null;
  const [only] = numbers;
  // 以上 includes its number (as in statute: 以上、以下、以内包括本数); a 以下 band yields its number to the band above.
  if (/以上|≥|不低于/.test(inner)) return { min: only.value, minInclusive: true, max: null, maxInclusive: true };
  if (/以下|<|低于/.test(inner)) return { min: null, minInclusive: true, max: only.value, maxInclusive: only.included };
  return null;
}

/** Grade bands of 财预〔2020〕10号: 优 ≥ 90, 良 [80, 90), 中 [60, 80), 差 < 60. */
export const DEFAULT_BANDS: GradeBand[] = [
  { grade: '优', min: new Decimal(90), minInclusive: true, max: null, maxInclusive: true },
  { grade: '良', min: new Decimal(80), minInclusive: true, max: new Decimal(90), maxInclusive: false },
  { grade: '中', min: new Decimal(60), minInclusive: true, max: new Decimal(80), maxInclusive: false },
  { grade: '差', min: null, minInclusive: true, max: new Decimal(60), maxInclusive: false },
];

export function inBand(value: Decimal, band: GradeBand): boolean {
  const aboveMin = band.min === null || (band.minInclusive ? value.gte(band.min) : value.gt(band.min));
  // A band printed as [90, 100) still holds a perfect 100: the top band's upper edge is the scale's end.
  const belowMax = band.max === null || (band.maxInclusive ? value.lte(band.max) : value.lt(band.max)) || (band.max.eq(100) && value.eq(100));
  return aboveMin && belowMax;
}

export type TotalClaim = ClaimOf<'total'>;
