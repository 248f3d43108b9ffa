// Budget figures (年初预算数, 全年预算数, 执行数, 结转结余, 其中 lists, stated rates), the narrative that
// states them and the data table (基础数据表) that lists them.
import { Decimal } from 'decimal.js';
import { buildGrid, formatFixed, formatPercent, inUnit, unitDecimals, type Grid, type MoneyUnit } from './document.ts';
import { ReportContext, printedValue } from './context.ts';

export interface Budget {
  year: number;
  partLabels: [string, string];
  initial: [Decimal, Decimal];
  full: [Decimal, Decimal];
  spent: [Decimal, Decimal];
  carryStart: Decimal;
  carryEnd: Decimal;
  /** The economic breakdown of the first part's 年初 amount (工资福利支出 …). */
  economic: { label: string; yuan: Decimal }[];
}

const sum = (values: Decimal[]) => values.reduce((a, b) => a.plus(b), new Decimal(0));

export const initialTotal = (b: Budget) => sum(b.initial);
export const fullTotal = (b: Budget) => sum(b.full);
export const spentTotal = (b: Budget) => sum(b.spent);

/** A random amount in 元 with cents, between min and max 元. */
function yuan(ctx: ReportContext, min: number, max: number): Decimal {
  const whole = min + Math.floor(ctx.rng.next() * (max - min));
  return new Decimal(whole).plus(new Decimal(ctx.rng.int(0, 99)).div(100));
}

export interface BudgetOptions {
  partLabels: [string, string];
  /** The target 结转结余率 = 年末结转结余 / (年初结转结余 + 全年预算数). */
  carryoverRate: number;
  /** Both years' 存量资金 zero (hosts a divide-by-zero formula). */
  zeroStock: boolean;
}

export function makeBudget(ctx: ReportContext, year: number, options: BudgetOptions): Budget {
  const a = yuan(ctx, 1_500_000, 30_000_000);
  const b = yuan(ctx, 300_000, 20_000_000);
  const adjust = (x: Decimal) => x.times(1 + ctx.rng.int(0, 150) / 1000).toDecimalPlaces(2);
  const full: [Decimal, Decimal] = [adjust(a), adjust(b)];
  const spendShare = (x: Decimal, lo: number) => x.times(ctx.rng.int(lo, 1000) / 1000).toDecimalPlaces(2);
  const spent: [Decimal, Decimal] = [spendShare(full[0], 930), spendShare(full[1], 700)];
  // 国库集中支付结转结余存量资金 is the 结转结余 at the start and end of the year (as the rubrics define it).
  const carryStart = options.zeroStock ? new Decimal(0) : yuan(ctx, 50_000, 2_000_000);
  const carryEnd = options.zeroStock ? new Decimal(0) : carryStart.plus(sum(full)).times(options.carryoverRate).toDecimalPlaces(2);
  const wages = a.times(ctx.rng.int(550, 750) / 1000).toDecimalPlaces(2);
  const goods = a.minus(wages).times(ctx.rng.int(600, 900) / 1000).toDecimalPlaces(2);
  const economic = [
    { label: '工资福利支出', yuan: wages },
    { label: '商品和服务支出', yuan: goods },
    { label: '对个人和家庭的补助', yuan: a.minus(wages).minus(goods) },
  ];
  return { year, partLabels: options.partLabels, initial: [a, b], full, spent, carryStart, carryEnd, economic };
}

/** The ratio of two amounts as printed in `unit` (rates are computed from printed figures). */
export function printedRatio(numerator: Decimal, denominator: Decimal, unit: MoneyUnit): Decimal {
  return inUnit(numerator, unit).div(inUnit(denominator, unit));
}

/** A stated result with one digit changed, or two adjacent digits swapped (a typo). */
export function typo(value: string, ctx: ReportContext, swap: boolean): string {
  const digits = [...value].map((ch, i) => ({ ch, i })).filter((d) => /\d/.test(d.ch));
  if (swap) {
    for (const k of ctx.rng.shuffle(digits.slice(0, -1).map((_, k) => k))) {
      if (k === digits.length - 2 && digits.length > 2 && ctx.rng.chance(0.5)) continue;
      const x = digits[k];
      const y = digits[k + 1];
      if (y.i === x.i + 1 && x.ch !== y.ch) {
        const chars = [...value];
        [chars[x.i], chars[y.i]] = [chars[y.i], chars[x.i]];
        return chars.join('');
      }
    }
  }
  // Never the last digit: a change there is a rounding-sized difference, not a typo a reader would see.
  const pick = ctx.rng.pick(digits.length > 1 ? digits.slice(0, -1) : digits);
  const chars = [...value];
  const d = Number(pick.ch);
  chars[pick.i] = String(d === 9 ? 8 : d + 1);
  return chars.join('');
}

export interface BudgetText {
  /** The opening paragraphs (部门整体收支情况). */
  opening: string[];
  /** Sentences placed later in the report (评价结论, 主要绩效). */
  later: string[];
}

/** The budget narrative; injects the narrative budget anomalies the context planned. */
export function budgetText(ctx: ReportContext, b: Budget, options: { rateInNarrative: boolean; stockInNarrative: boolean }): BudgetText {
  const u = ctx.layout.moneyUnit;
  const [l0, l1] = b.partLabels;
  const opening: string[] = [];
  const later: string[] = [];
  const B0 = initialTotal(b);
  const B1 = fullTotal(b);
  const E = spentTotal(b);

  let first = `${b.year}年年初预算数为${ctx.money(B0, u, true)}，其中：${l0}${ctx.money(b.initial[0])}，${l1}${ctx.money(b.initial[1])}。`;
  if (!ctx.wants('narrative-figure')) {
    first += `全年预算数为${ctx.money(B1)}，全年执行数为${ctx.money(E)}，`;
    if (options.rateInNarrative) first += `预算执行率=${ctx.amount(E)}/${ctx.amount(B1)}×100%=${statedRate(ctx, E, B1, 'narrative', '预算执行率')}%。`;
    else first += `预算执行率为${formatPercent(printedRatio(E, B1, u))}%。`;
  } else {
    first += `全年预算数为${ctx.money(B1)}。`;
  }
  opening.push(first);
  if (sumIsOffByRounding([...b.initial], B0, u)) ctx.decoys.add('rounded-parts');

  opening.push(economicBreakdown(ctx, b));
  opening.push(`年初财政拨款结转和结余${ctx.money(b.carryStart)}，年末财政拨款结转和结余${ctx.money(b.carryEnd)}。`);
  if (options.stockInNarrative) opening.push(stockSentence(ctx, b, 'narrative'));
  if (ctx.wants('unit-yuan-wan') || ctx.rng.chance(0.4)) opening.push(conversionSentence(ctx, B0));

  if (ctx.wants('figure-conflict')) {
    const other = B0.times(1 + ctx.rng.int(30, 150) / 1000).div(100).round().times(100);
    later.push(`本年度部门年初预算数为${ctx.money(other)}，资金主要用于保障机构正常运转和重点工作开展。`);
    ctx.record({ kind: 'figure-conflict', subject: '年初预算数', expected: printedValue(B0, u), actual: printedValue(other, u), minSeverity: 'warning', where: 'narrative' });
  }
  if (ctx.wants('narrative-figure')) {
    const other = E.plus(E.times(ctx.rng.int(20, 120) / 1000)).div(100).round().times(100);
    later.push(`全年执行数为${ctx.money(other)}，各项支出均按预算执行。`);
    ctx.record({ kind: 'narrative-figure', subject: '全年执行数', expected: printedValue(E, u), actual: printedValue(other, u), minSeverity: 'warning', where: 'narrative' });
  }
  if (ctx.wants('unit-wan-yi') && u === '万元') {
    later.push(`截至年末，财政拨款结转和结余${formatFixed(inUnit(b.carryEnd, '万元'), 2)}亿元，已按规定清理盘活。`);
    const digits = inUnit(b.carryEnd, '万元').toFixed();
    ctx.record({ kind: 'unit-wan-yi', subject: '年末财政拨款结转和结余', expected: digits, actual: digits, minSeverity: 'warning', where: 'narrative' });
  }
  return { opening, later };
}

/** "a/b×100%=c%" with the planned calc anomaly (a changed digit or swapped digits) when one is wanted here. */
export function statedRate(ctx: ReportContext, numerator: Decimal, denominator: Decimal, where: 'table' | 'narrative', subject: string, u: MoneyUnit = ctx.layout.moneyUnit): string {
  const truncate = ctx.rng.chance(0.2) && !ctx.wants('calc-wrong') && !ctx.wants('calc-transposition');
  const correct = formatPercent(printedRatio(numerator, denominator, u));
  if (truncate && formatPercent(printedRatio(numerator, denominator, u), true) !== correct) {
    ctx.decoys.add('truncated-percent');
    return formatPercent(printedRatio(numerator, denominator, u), true);
  }
  for (const kind of ['calc-wrong', 'calc-transposition'] as const) {
    if (!ctx.wants(kind) || ctx.anomalies.some((a) => a.kind === kind)) continue;
    const wrong = typoBeyondRounding(ctx, correct, kind === 'calc-transposition', ratioRange(numerator, denominator, u));
    if (wrong === null) continue;
    ctx.record({ kind, subject, expected: new Decimal(correct).toFixed(), actual: new Decimal(wrong).toFixed(), minSeverity: 'error', where });
    return wrong;
  }
  return correct;
}

/**
 * The percentage a/b×100% may be for a and b as printed in `u`, each anywhere in its rounding
 * interval: a stated result that meets it is consistent (DOMAIN.md), so an injected error must not.
 */
export function ratioRange(numerator: Decimal, denominator: Decimal, u: MoneyUnit): { lo: Decimal; hi: Decimal } {
  const half = new Decimal(10).pow(-unitDecimals(u)).div(2);
  const n = inUnit(numerator, u);
  const d = inUnit(denominator, u);
  return { lo: n.minus(half).div(d.plus(half)).times(100), hi: n.plus(half).div(d.minus(half)).times(100) };
}

/** A typo of the stated result that the rounding of the printed inputs cannot explain; null after a few tries. */
function typoBeyondRounding(ctx: ReportContext, correct: string, swap: boolean, range: { lo: Decimal; hi: Decimal }): string | null {
  for (let attempt = 0; attempt < 6; attempt++) {
    const wrong = typo(correct, ctx, swap);
    const value = new Decimal(wrong);
    // The stated percentage is itself printed to 0.01: it stands for ±0.005.
    if (wrong !== correct && (value.plus(0.005).lt(range.lo) || value.minus(0.005).gt(range.hi))) return wrong;
  }
  return null;
}

function economicBreakdown(ctx: ReportContext, b: Budget): string {
  const style = { thousands: true, fullWidth: false };
  const parts = b.economic.map((e) => ({ ...e }));
  if (ctx.wants('breakdown-digit')) {
    const target = ctx.rng.pick(parts.filter((p) => p.yuan.gte(100_000)));
    const digit = target.yuan.div(10_000).floor().mod(10).toNumber();
    target.yuan = digit > 0 ? target.yuan.minus(10_000) : target.yuan.plus(10_000);
    ctx.record({
      kind: 'breakdown-digit', subject: `${b.partLabels[0]}`,
      expected: sum(parts.map((p) => p.yuan)).toFixed(), actual: b.initial[0].toFixed(), minSeverity: 'warning', where: 'narrative',
    });
  }
  const list = parts.map((p) => `${p.label}${formatFixed(p.yuan, 2, style)}元`).join('，');
  return `年初${b.partLabels[0]}预算${formatFixed(b.initial[0], 2, style)}元，其中：${list}。`;
}

function conversionSentence(ctx: ReportContext, B0: Decimal): string {
  const style = { thousands: true, fullWidth: false };
  const right = inUnit(B0, '万元');
  let shown = right;
  if (ctx.wants('unit-yuan-wan')) {
    shown = B0.div(100_000).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
    ctx.record({ kind: 'unit-yuan-wan', subject: '年初预算数', expected: right.toFixed(), actual: shown.toFixed(), minSeverity: 'warning', where: 'narrative' });
  } else {
    ctx.decoys.add('rounded-yuan-in-wan');
  }
  return `按元计，年初预算数为${formatFixed(B0, 2, style)}元，折合${formatFixed(shown, 2, style)}万元。`;
}

/** The 存量资金 sentence; a divide-by-zero formula when planned and both years are zero. */
export function stockSentence(ctx: ReportContext, b: Budget, where: 'table' | 'narrative'): string {
  const u = ctx.layout.moneyUnit;
  if (b.carryStart.isZero()) {
    if (ctx.wants('divide-by-zero') && !ctx.anomalies.some((a) => a.kind === 'divide-by-zero')) {
      ctx.record({ kind: 'divide-by-zero', subject: '国库集中支付结转结余存量资金变动率', expected: null, actual: '-100', minSeverity: 'error', where });
      return `国库集中支付结转结余存量资金上年末为0${u}，本年末为0${u}，存量资金变动率=(0÷0-1)×100%=-100%。`;
    }
    return `国库集中支付结转结余存量资金上年末、本年末均为0${u}。`;
  }
  const change = stockChange(b, u);
  return `国库集中支付结转结余存量资金上年末为${ctx.money(b.carryStart)}，本年末为${ctx.money(b.carryEnd)}，存量资金变动率=(${ctx.amount(b.carryEnd)}÷${ctx.amount(b.carryStart)}-1)×100%=${formatPercent(change)}%。`;
}

/** (本年末 ÷ 上年末 − 1) of the printed 结转结余 figures; null when both are zero. */
export function stockChange(b: Budget, u: MoneyUnit): Decimal {
  return printedRatio(b.carryEnd, b.carryStart, u).minus(1);
}

function sumIsOffByRounding(parts: Decimal[], total: Decimal, unit: MoneyUnit): boolean {
  return !sum(parts.map((p) => inUnit(p, unit))).eq(inUnit(total, unit));
}

/** 表 部门收支情况: 项目 | 年初预算数 | 全年预算数 | 全年执行数, with 合计 first or last. */
export function dataTable(ctx: ReportContext, b: Budget, unit: MoneyUnit): { title: string; grid: Grid } {
  const cell = (x: Decimal) => ({ text: formatFixed(inUnit(x, unit), unitDecimals(unit), ctx.style) });
  const spentShown = [...b.spent];
  const rows = b.partLabels.map((label, i) => [{ text: label }, cell(b.initial[i]), cell(b.full[i]), cell(spentShown[i])]);
  let spentSumPrinted = sum(b.spent.map((x) => inUnit(x, unit)));
  if (ctx.wants('data-total')) {
    const i = ctx.rng.int(0, 1);
    const bumpYuan = unit === '亿元' ? ctx.rng.int(2, 60) * 100_000 : ctx.rng.int(2, 60) * 10_000 + 3_700;
    const changed = b.spent[i].plus(bumpYuan);
    rows[i][3] = cell(changed);
    spentSumPrinted = spentSumPrinted.minus(inUnit(b.spent[i], unit)).plus(inUnit(changed, unit));
    ctx.record({ kind: 'data-total', subject: '全年执行数', expected: spentSumPrinted.toFixed(), actual: inUnit(spentTotal(b), unit).toFixed(), minSeverity: 'error', where: 'table' });
  }
  const total = [{ text: '合计' }, cell(initialTotal(b)), cell(fullTotal(b)), cell(spentTotal(b))];
  const body = ctx.layout.totalRow === 'first' ? [total, ...rows] : [...rows, total];
  const header = [[{ text: '项目' }, { text: '年初预算数' }, { text: '全年预算数' }, { text: '全年执行数' }]];
  return { title: `部门收支情况（单位：${unit}）`, grid: buildGrid(header, body, 'filled') };
}
