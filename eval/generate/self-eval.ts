// Kinds (b) the national 项目支出绩效自评表 (budget block, indicators and 总分 in one table) and (c) the
// district 部门整体支出绩效自评表 (budget header table with the 10-point 预算执行率 score above the
// indicator table; 总分 includes it).
import { Decimal } from 'decimal.js';
import type { ReportContext } from './context.ts';
import { buildGrid, formatFixed, formatScore, inUnit, repeatHeader, type Block, type BodyCell, type Grid } from './document.ts';
import { budgetText, dataTable, fullTotal, makeBudget, printedRatio, spentTotal, statedRate, type Budget } from './budget.ts';
import { BANDS_TEXT, filler, heading, narrativeTotal, paragraph, printedGrade } from './common.ts';

interface Indicator {
  l1: string;
  l2: string;
  name: string;
  target: string;
  actual: string;
  /** Numeric target/actual for count indicators (the only ones that can fall short). */
  counts: { target: number; actual: number; unit: string } | null;
  weight: Decimal;
  score: Decimal;
  reason: string;
}

const BANK: [string, number, [string, [string, string][]][]][] = [
  ['产出指标', 50, [
    ['数量指标', [['开展培训场次', '场'], ['服务企业户数', '户'], ['新增就业人数', '人'], ['完成监督检查次数', '次'], ['发放补助人数', '人']]],
    ['质量指标', [['验收合格率', '%'], ['资金拨付准确率', '%']]],
    ['时效指标', [['任务完成及时性', 'time']]],
    ['成本指标', [['项目成本控制', 'cost']]],
  ]],
  ['效益指标', 30, [
    ['社会效益指标', [['群众知晓率', '%'], ['服务覆盖人数', '人']]],
    ['可持续影响指标', [['长效机制建立', 'text']]],
  ]],
  ['满意度指标', 10, [['服务对象满意度指标', [['服务对象满意度', '%']]]]],
];

function splitWeight(ctx: ReportContext, total: number, parts: number): number[] {
  const weights = new Array(parts).fill(Math.floor(total / parts));
  let rest = total - weights.reduce((a, b) => a + b, 0);
  while (rest-- > 0) weights[ctx.rng.int(0, parts - 1)]++;
  for (let k = 0; k < parts; k++) {
    const i = ctx.rng.int(0, parts - 1);
    const j = ctx.rng.int(0, parts - 1);
    const move = ctx.rng.int(0, 2);
    if (i !== j && weights[i] - move >= 2) { weights[i] -= move; weights[j] += move; }
  }
  return weights;
}

function makeIndicators(ctx: ReportContext, costCap: Decimal): Indicator[] {
  const out: Indicator[] = [];
  for (const [l1, weight, l2s] of BANK) {
    const chosen = l2s.flatMap(([l2, leaves]) => ctx.rng.shuffle(leaves).slice(0, l2 === '数量指标' ? ctx.rng.int(2, 3) : 1).map(([name, kind]) => ({ l2, name, kind })));
    const weights = splitWeight(ctx, weight, chosen.length);
    chosen.forEach(({ l2, name, kind }, k) => {
      const w = new Decimal(weights[k]);
      const base = { l1, l2, name, weight: w, score: w, reason: '', counts: null };
      if (kind === '%') {
        const target = ctx.rng.pick([85, 90, 95, 100]);
        out.push({ ...base, target: `≥${target}%`, actual: `${ctx.rng.int(target, 100)}%` });
      } else if (kind === 'time') out.push({ ...base, target: '12月底前完成', actual: '按时完成' });
      else if (kind === 'cost') out.push({ ...base, target: `≤${formatFixed(costCap, 2)}万元`, actual: `${formatFixed(costCap.times(ctx.rng.int(900, 1000) / 1000), 2)}万元` });
      else if (kind === 'text') out.push({ ...base, target: '逐步健全', actual: '已健全' });
      else {
        const target = ctx.rng.int(2, 40) * 10;
        const actual = target + ctx.rng.int(0, Math.ceil(target / 10));
        out.push({ ...base, target: `≥${target}${kind}`, actual: `${actual}${kind}`, counts: { target, actual, unit: kind } });
      }
    });
  }
  return out;
}

/** Makes one count indicator fall short; `fullMarks` keeps its score at the weight (the anomaly). */
function fallShort(ctx: ReportContext, ind: Indicator, fullMarks: boolean): void {
  const c = ind.counts!;
  c.actual = Math.max(1, Math.floor(c.target * ctx.rng.int(70, 95) / 100));
  ind.actual = `${c.actual}${c.unit}`;
  const proportional = ind.weight.times(c.actual).div(c.target).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  ind.score = fullMarks ? ind.weight : proportional;
  ind.reason = '受政策调整和实施进度影响，未完成年度目标，下一步将加快推进。';
  if (fullMarks) {
    ctx.record({
      kind: 'unmet-full-marks', subject: ind.name, expected: proportional.toFixed(), actual: ind.weight.toFixed(), minSeverity: 'warning', where: 'table',
      alternatives: [{ expected: String(c.target), actual: String(c.actual) }],
    });
  }
}

interface SelfEval {
  budget: Budget;
  indicators: Indicator[];
  budgetScore: Decimal;
  ratePrinted: string;
  total: Decimal;
}

function makeSelfEval(ctx: ReportContext, year: number, labels: [string, string], calcInTable: boolean): SelfEval {
  const budget = makeBudget(ctx, year, { partLabels: labels, carryoverRate: ctx.rng.int(5, 90) / 1000, zeroStock: ctx.wants('divide-by-zero') || ctx.rng.chance(0.1) });
  const E = spentTotal(budget);
  const B1 = fullTotal(budget);
  const indicators = makeIndicators(ctx, inUnit(B1, '万元'));
  const countable = ctx.rng.shuffle(indicators.filter((i) => i.counts));
  if (ctx.wants('unmet-full-marks')) fallShort(ctx, countable.pop()!, true);
  if (ctx.wants('target-claim')) {
    const ind = countable.pop()!;
    fallShort(ctx, ind, false);
    ctx.record({ kind: 'target-claim', subject: ind.name, expected: String(ind.counts!.target), actual: String(ind.counts!.actual), minSeverity: 'warning', where: 'narrative' });
  } else if (ctx.planned.size === 0 && ctx.rng.chance(0.3)) fallShort(ctx, countable.pop()!, false);
  const spare = countable.filter((i) => i.score.eq(i.weight));
  if (ctx.wants('score-over-weight')) {
    const ind = spare.pop()!;
    ind.score = ind.weight.plus(ctx.rng.pick([1, 2]));
    ctx.record({ kind: 'score-over-weight', subject: ind.name, expected: ind.weight.toFixed(), actual: ind.score.toFixed(), minSeverity: 'error', where: 'table' });
  }
  const rate = printedRatio(E, B1, '万元');
  const budgetScore = Decimal.min(10, rate.times(10)).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  const ratePrinted = calcInTable ? statedRate(ctx, E, B1, 'table', '执行率', '万元') : rate.times(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
  const sum = indicators.reduce((a, i) => a.plus(i.score), budgetScore);
  let total = sum;
  if (ctx.wants('total-mismatch')) {
    const delta = new Decimal(ctx.rng.pick([1, 2, 3, 5]));
    total = sum.plus(delta).gt(100) ? sum.minus(delta) : sum.plus(delta);
    ctx.record({ kind: 'total-mismatch', subject: '总分', expected: sum.toFixed(), actual: total.toFixed(), minSeverity: 'error', where: 'table' });
  }
  if (ctx.wants('weight-mismatch')) {
    const ind = ctx.rng.pick(indicators.filter((i) => i.score.lte(i.weight)));
    ind.weight = ind.weight.plus(1);
    ctx.record({ kind: 'weight-mismatch', subject: '总分', expected: '101', actual: '100', minSeverity: 'error', where: 'table', related: [] });
  }
  return { budget, indicators, budgetScore, ratePrinted, total };
}

const money = (ctx: ReportContext, yuan: Decimal) => formatFixed(inUnit(yuan, '万元'), 2, ctx.style);

function indicatorRows(ctx: ReportContext, se: SelfEval, l1Label: (l1: string) => string, lead: BodyCell[]): BodyCell[][] {
  const l1Names = [...new Set(se.indicators.map((i) => i.l1))];
  return se.indicators.map((ind) => {
    const i = l1Names.indexOf(ind.l1);
    return [...lead, { text: l1Label(ind.l1), key: `l1:${i}` }, { text: ind.l2, key: `l2:${i}.${ind.l2}` }, { text: ind.name }, { text: ind.target }, { text: ind.actual },
      { text: ind.weight.toFixed() }, { text: formatScore(ind.score) }, { text: ind.reason }];
  });
}

/** (b) the national 项目支出绩效自评表: everything in one table. */
function projectForm(ctx: ReportContext, se: SelfEval, unit: string, project: string): Grid {
  const b = se.budget;
  const fund = (text: string): BodyCell => ({ text, key: 'fund' });
  const perf: BodyCell = { text: '绩效指标', key: 'perf' };
  const dash = { text: '—' };
  const rows: BodyCell[][] = [
    [{ text: '项目名称' }, { text: project, colspan: 8 }],
    [{ text: '主管部门' }, { text: unit, colspan: 3 }, { text: '实施单位' }, { text: unit, colspan: 4 }],
    [fund('项目资金（万元）'), { text: '', colspan: 2 }, { text: '年初预算数' }, { text: '全年预算数' }, { text: '全年执行数' }, { text: '分值' }, { text: '执行率' }, { text: '得分' }],
    [fund('项目资金（万元）'), { text: '年度资金总额', colspan: 2 }, { text: money(ctx, b.initial[0].plus(b.initial[1])) }, { text: money(ctx, fullTotal(b)) }, { text: money(ctx, spentTotal(b)) }, { text: '10' }, { text: `${se.ratePrinted}%` }, { text: formatScore(se.budgetScore) }],
    ...b.partLabels.map((label, k) => [fund('项目资金（万元）'), { text: k === 0 ? `其中：${label}` : label, colspan: 2 }, { text: money(ctx, b.initial[k]) }, { text: money(ctx, b.full[k]) }, { text: money(ctx, b.spent[k]) }, dash, dash, dash]),
    [{ text: '年度总体目标', key: 'goal' }, { text: '预期目标', colspan: 4 }, { text: '实际完成情况', colspan: 4 }],
    [{ text: '年度总体目标', key: 'goal' }, { text: '按期完成项目建设任务，提升服务质量。', colspan: 4 }, { text: '已按期完成主要建设任务，服务质量稳步提升。', colspan: 4 }],
    [perf, { text: '一级指标' }, { text: '二级指标' }, { text: '三级指标' }, { text: '年度指标值' }, { text: '实际完成值' }, { text: '分值' }, { text: '得分' }, { text: '偏差原因分析及改进措施' }],
    ...indicatorRows(ctx, se, (l1) => l1, [perf]),
    [{ text: '总分', colspan: 6 }, { text: '100' }, { text: formatScore(se.total) }, { text: '' }],
  ];
  return buildGrid([], rows, ctx.layout.parents);
}

/** (c) the district form: a budget header table, then the indicator table whose 总分 includes the budget score. */
function districtForms(ctx: ReportContext, se: SelfEval, unit: string): Block[] {
  const b = se.budget;
  const fund = (text: string): BodyCell => ({ text, key: 'fund' });
  const header: BodyCell[][] = [
    [{ text: '预算单位名称' }, { text: unit, colspan: 7 }],
    [fund('年度预算申请（万元）'), { text: '' }, { text: '年初预算数' }, { text: '全年预算数' }, { text: '全年执行数' }, { text: '分值' }, { text: '执行率' }, { text: '得分' }],
    [fund('年度预算申请（万元）'), { text: '年度资金总额' }, { text: money(ctx, b.initial[0].plus(b.initial[1])) }, { text: money(ctx, fullTotal(b)) }, { text: money(ctx, spentTotal(b)) }, { text: '10' }, { text: `${se.ratePrinted}%` }, { text: formatScore(se.budgetScore) }],
    ...b.partLabels.map((label, k) => [fund('年度预算申请（万元）'), { text: k === 0 ? `其中：${label}` : label }, { text: money(ctx, b.initial[k]) }, { text: money(ctx, b.full[k]) }, { text: money(ctx, b.spent[k]) }, { text: '' }, { text: '' }, { text: '' }]),
  ];
  const weights = new Map<string, Decimal>();
  for (const ind of se.indicators) weights.set(ind.l1, (weights.get(ind.l1) ?? new Decimal(0)).plus(ind.weight));
  const withWeight = ctx.rng.chance(0.5);
  const tableHeader = [{ text: '一级指标' }, { text: '二级指标' }, { text: '三级指标' }, { text: '年度指标值' }, { text: '实际完成值' }, { text: '分值' }, { text: '得分' }, { text: '偏差原因分析及改进措施' }];
  const rows = indicatorRows(ctx, se, (l1) => (withWeight ? `${l1}（${BANK.find((x) => x[0] === l1)![1]}分）` : l1), []);
  const totalRow: BodyCell[] = [{ text: '总分', colspan: 5 }, { text: '100' }, { text: formatScore(se.total) }, { text: '' }];
  const body = ctx.layout.totalRow === 'first' ? [totalRow, ...rows] : [...rows, totalRow];
  let grid = buildGrid([tableHeader], body, ctx.layout.parents);
  if (ctx.layout.split === 'repeated-header') grid = repeatHeader(grid, 1, 1 + Math.floor(body.length / 2));
  const weightAnomaly = ctx.anomalies.find((a) => a.kind === 'weight-mismatch');
  if (weightAnomaly && withWeight) {
    const changed = [...weights].find(([l1, w]) => !w.eq(BANK.find((x) => x[0] === l1)![1]))!;
    weightAnomaly.related = [{ expected: changed[1].toFixed(), actual: String(BANK.find((x) => x[0] === changed[0])![1]) }];
  }
  return [paragraph('部门整体支出绩效自评表'), { kind: 'table', grid: buildGrid([], header, ctx.layout.parents) }, { kind: 'table', grid }];
}

function claimSentence(ctx: ReportContext, se: SelfEval): string {
  const short = se.indicators.filter((i) => i.counts && i.counts.actual < i.counts.target);
  if (ctx.wants('target-claim') || short.length === 0) return '各项绩效目标均已完成，完成率100%。';
  return `除${short.map((i) => i.name).join('、')}外，其余绩效目标均已完成。`;
}

export function selfEvalReport(ctx: ReportContext, unit: string, year: number, district: boolean): { title: string; blocks: Block[] } {
  const calcInTable = ctx.rng.chance(0.5);
  const project = ctx.rng.pick(['基层公共服务能力提升专项', '城乡环境综合整治专项经费', '就业创业补助资金', '公共文化服务体系建设经费']);
  const se = makeSelfEval(ctx, year, district ? ['基本支出', '项目支出'] : ['当年财政拨款', '上年结转资金'], calcInTable);
  const text = budgetText(ctx, se.budget, { rateInNarrative: !calcInTable, stockInNarrative: true });
  const stated = narrativeTotal(ctx, se.total);
  const grade = printedGrade(ctx, stated);
  const forms = district ? districtForms(ctx, se, unit) : [paragraph('项目支出绩效自评表'), { kind: 'table' as const, grid: projectForm(ctx, se, unit, project) }];
  const data = district ? dataTable(ctx, se.budget, ctx.layout.moneyUnit) : null;
  const subject = district ? '部门' : `${project}项目`;
  const blocks: Block[] = [
    heading(district ? '一、部门基本情况' : '一、项目基本情况'),
    ...filler(ctx, 1),
    heading(district ? '二、部门整体支出情况' : '二、项目资金情况'),
    ...text.opening.map(paragraph),
    ...(data ? [paragraph(`表1 ${data.title}`), { kind: 'table' as const, grid: data.grid }] : []),
    heading('三、绩效目标完成情况'),
    paragraph(claimSentence(ctx, se)),
    ...text.later.map(paragraph),
    heading('四、自评结论'),
    paragraph(`经自评，${unit}${year}年度${subject}${district ? '整体绩效自评得分为' : '绩效自评得分为'}${formatScore(stated)}分，自评等级为“${grade}”。`),
    ...(ctx.rng.chance(0.5) ? [paragraph(BANDS_TEXT)] : []),
    heading('五、存在问题及改进措施'),
    ...filler(ctx, 2),
    heading(district ? '附件：部门整体支出绩效自评表' : '附件：项目支出绩效自评表'),
    ...forms,
  ];
  return { title: district ? `${year}年度${unit}部门整体支出绩效自评报告` : `${year}年度${unit}${project}项目支出绩效自评报告`, blocks };
}
