// The 整体支出 indicator tree of a third-party check (一级 → 二级 → 三级) with weights, scores and the
// 指标说明 / 评分标准 / 评分说明 texts; rubric items are scored from the report's own budget figures.
import { Decimal } from 'decimal.js';
import type { ReportContext } from './context.ts';
import { formatPercent } from './document.ts';
import { printedRatio, statedRate, stockChange, stockSentence, fullTotal, spentTotal, type Budget } from './budget.ts';

export type LeafRole = 'plain' | 'completion' | 'carryover' | 'procurement' | 'stock' | 'targets';

export interface Leaf {
  name: string;
  role: LeafRole;
  weight: Decimal;
  score: Decimal;
  /** The unrounded score (formula items), for totals computed before rounding. */
  exact: Decimal;
  note: string;
  rubric: string;
  explanation: string;
  /** For 绩效目标完成率: planned and achieved targets as the 评分说明 states them. */
  targets?: { planned: number; achieved: number };
}
export interface Level2 { name: string; leaves: Leaf[] }
export interface Level1 { name: string; children: Level2[] }
export type Tree = Level1[];

const BANK: [string, [string, [string, LeafRole][]][]][] = [
  ['预算编制情况', [
    ['预算编制', [['预算编制合理性', 'plain'], ['预算编制规范性', 'plain'], ['预算编制准确性', 'plain']]],
    ['目标设置', [['目标完整性', 'plain'], ['目标科学性', 'plain']]],
  ]],
  ['预算执行情况', [
    ['保障措施', [['制度措施健全性', 'plain']]],
    ['支出管理', [['支出完成率', 'completion'], ['结转结余率', 'carryover'], ['国库集中支付结转结余存量资金效率性', 'stock'], ['政府采购执行率', 'procurement'], ['支出合规性', 'plain']]],
    ['项目管理', [['项目管理规范性', 'plain'], ['项目完成及时性', 'plain']]],
    ['资产管理', [['资产管理规范性', 'plain'], ['固定资产利用率', 'plain']]],
  ]],
  ['预算监督', [
    ['信息公开', [['预决算信息公开', 'plain'], ['绩效信息公开', 'plain']]],
    ['绩效自评', [['自评质量', 'plain']]],
  ]],
  ['预算执行效益', [
    ['经济性', [['公用经费控制率', 'plain']]],
    ['效率性', [['重点工作完成率', 'plain'], ['绩效目标完成率', 'targets']]],
    ['效果性', [['社会效益', 'plain'], ['经济效益', 'plain']]],
    ['公平性', [['服务对象满意度', 'plain']]],
  ]],
];
const FIXED_WEIGHT: Partial<Record<LeafRole, number>> = { completion: 4, carryover: 3, stock: 3, procurement: 3, targets: 4 };

const PROBLEMS = ['部分佐证材料不完整', '个别事项未按规定程序报批', '部分资产卡片信息更新不及时', '绩效目标不够细化', '个别项目实施进度滞后', '信息公开不够及时'];

/** Picks a subset of the bank and gives it weights adding up to 100. */
export function makeTree(ctx: ReportContext): Tree {
  const rng = ctx.rng;
  const tree: Tree = BANK.map(([l1, l2s]) => ({
    name: l1,
    children: l2s
      .map(([l2, leaves]) => ({
        name: l2,
        leaves: leaves
          .filter(([, role]) => role !== 'plain' || rng.chance(0.8))
          .map(([name, role]) => blankLeaf(name, role, FIXED_WEIGHT[role] ?? rng.int(2, 7))),
      }))
      .filter((l2) => l2.leaves.length > 0),
  }));
  const plain = tree.flatMap((l1) => l1.children.flatMap((l2) => l2.leaves)).filter((l) => l.role === 'plain');
  let total = leavesOf(tree).reduce((n, l) => n + l.weight.toNumber(), 0);
  while (total !== 100) {
    const leaf = rng.pick(plain);
    const step = total < 100 ? 1 : -1;
    if (leaf.weight.toNumber() + step < 2 || leaf.weight.toNumber() + step > 12) continue;
    leaf.weight = leaf.weight.plus(step);
    total += step;
  }
  return tree;
}

function blankLeaf(name: string, role: LeafRole, weight: number): Leaf {
  return { name, role, weight: new Decimal(weight), score: new Decimal(weight), exact: new Decimal(weight), note: '', rubric: '', explanation: '' };
}

export const leavesOf = (tree: Tree): Leaf[] => tree.flatMap((l1) => l1.children.flatMap((l2) => l2.leaves));
export const weightOf = (leaves: Leaf[]) => leaves.reduce((a, l) => a.plus(l.weight), new Decimal(0));
export const scoreOf = (leaves: Leaf[]) => leaves.reduce((a, l) => a.plus(l.score), new Decimal(0));

/** Fills in scores and texts of every leaf. */
export function scoreTree(ctx: ReportContext, tree: Tree, budget: Budget, options: { calcInTable: boolean; stockInTable: boolean }): void {
  for (const leaf of leavesOf(tree)) {
    switch (leaf.role) {
      case 'completion': completion(ctx, leaf, budget, options.calcInTable); break;
      case 'carryover': carryover(ctx, leaf, budget); break;
      case 'stock': stock(ctx, leaf, budget, options.stockInTable); break;
      case 'procurement': procurement(ctx, leaf); break;
      case 'targets': targets(ctx, leaf); break;
      default: plainLeaf(ctx, leaf);
    }
  }
}

function plainLeaf(ctx: ReportContext, leaf: Leaf): void {
  if (leaf.name === '预算编制准确性' && leaf.weight.gte(4) && ctx.rng.chance(0.7)) return compositeLeaf(ctx, leaf);
  leaf.note = `考核部门（单位）${leaf.name}情况。`;
  leaf.rubric = `符合要求的，得${leaf.weight.toFixed()}分；存在问题的，每项扣0.5分，扣完为止。`;
  const deduction = ctx.rng.chance(0.35) ? new Decimal(ctx.rng.pick([0.5, 1, 1.5])).toDecimalPlaces(1) : new Decimal(0);
  leaf.score = leaf.weight.minus(Decimal.min(deduction, leaf.weight));
  leaf.exact = leaf.score;
  leaf.explanation = deduction.isZero()
    ? ctx.rng.chance(0.3) ? '经核查，相关资料齐全，符合要求，本项得满分。' : `经核查，相关资料齐全，符合要求，本项得分${leaf.score.toFixed()}分。`
    : `经核查，${ctx.rng.pick(PROBLEMS)}，扣${deduction.toFixed()}分，本项得分${leaf.score.toFixed()}分。`;
}

/** A rubric row scored in two parts (预决算差异率 part + a discretionary 2-point part); the 评分说明 gives
 * each part's score and the column holds their sum (a decoy: neither part alone is the score). */
function compositeLeaf(ctx: ReportContext, leaf: Leaf): void {
  const first = leaf.weight.minus(2);
  const firstScore = first.minus(ctx.rng.pick([0, 0.5]));
  const secondScore = new Decimal(2).minus(ctx.rng.pick([0, 0, 0.5]));
  leaf.score = firstScore.plus(secondScore);
  leaf.exact = leaf.score;
  // Above 0 and under 5%: "每增加5%（含）扣减0.5分" then allows the full part (whole steps only) or one step less
  // (any deviation costs a step), so either printed part score is consistent; 5% or more would not be.
  const gap = new Decimal(ctx.rng.int(1, 499)).div(100);
  leaf.note = `反映预算编制的准确性。主要考核：1.财政拨款收入预决算差异率（${first.toFixed()}分）；2.项目预算、功能分类和经济分类等预算编制的准确性（2分）。`;
  leaf.rubric = `1.差异率=0，得满分${first.toFixed()}分；每增加5%（含）扣减0.5分，直至扣完为止。2.非统一政策原因发生的预算调整或调剂事项3项（含）至5项扣0.5分，5项及以上扣1分。`;
  leaf.explanation = `财政拨款收入预决算差异率为${gap.toFixed(2)}%，根据既定的标准，本项得分${firstScore.toFixed()}分。经核实，项目预算、功能分类和经济分类等预算编制${secondScore.eq(2) ? '准确' : '基本准确，年中调剂事项3项'}，本项得${secondScore.toFixed()}分。`;
  ctx.decoys.add('composite-rubric-row');
}

function band(rate: Decimal, edges: [number, number][]): number {
  for (const [min, points] of edges) if (rate.gte(min)) return points;
  return 0;
}

function completion(ctx: ReportContext, leaf: Leaf, b: Budget, calcHere: boolean): void {
  const u = ctx.layout.moneyUnit;
  const E = spentTotal(b);
  const B1 = fullTotal(b);
  const rate = printedRatio(E, B1, u).times(100);
  leaf.score = new Decimal(band(rate, [[100, 4], [90, 3], [80, 2], [70, 1]]));
  leaf.exact = leaf.score;
  leaf.note = '支出完成率=年度实际支出/财政下达预算数×100%。';
  leaf.rubric = '结果=100%，得4分；100%>结果≥90%，得3分；90%>结果≥80%，得2分；80%>结果≥70%，得1分；结果<70%，得0分。';
  const stated = calcHere ? statedRate(ctx, E, B1, 'table', '支出完成率') : formatPercent(rate.div(100));
  leaf.explanation = `年度实际支出${ctx.money(E)}，财政下达预算数${ctx.money(B1)}，支出完成率=${ctx.amount(E)}/${ctx.amount(B1)}×100%=${stated}%。因此，本项得分${leaf.score.toFixed()}分。`;
}

function carryover(ctx: ReportContext, leaf: Leaf, b: Budget): void {
  const u = ctx.layout.moneyUnit;
  const base = b.carryStart.plus(fullTotal(b));
  const rate = printedRatio(b.carryEnd, base, u).times(100);
  const deserved = rate.lte(10) ? 3 : rate.lte(20) ? 2 : rate.lte(30) ? 1 : 0;
  leaf.score = new Decimal(deserved);
  if (ctx.wants('rubric-score') && deserved < 3) {
    leaf.score = new Decimal(3);
    ctx.record({ kind: 'rubric-score', subject: '结转结余率', expected: String(deserved), actual: '3', minSeverity: 'warning', where: 'table' });
  }
  leaf.exact = leaf.score;
  leaf.note = '结转结余率=年末财政拨款结转和结余/（年初财政拨款结转和结余+全年预算数）×100%。';
  leaf.rubric = '结转结余率≤10%的，得3分；10%<结转结余率≤20%的，得2分；20%<结转结余率≤30%的，得1分；结转结余率>30%的，得0分。';
  const inner = `${ctx.amount(b.carryStart)}+${ctx.amount(fullTotal(b))}`;
  leaf.explanation = `年初财政拨款结转和结余${ctx.money(b.carryStart)}，全年预算数${ctx.money(fullTotal(b))}，年末财政拨款结转和结余${ctx.money(b.carryEnd)}，结转结余率=${ctx.amount(b.carryEnd)}/(${inner})×100%=${formatPercent(rate.div(100))}%。因此，本项得${leaf.score.toFixed()}分。`;
}

function stock(ctx: ReportContext, leaf: Leaf, b: Budget, here: boolean): void {
  const change = b.carryStart.isZero() ? null : stockChange(b, ctx.layout.moneyUnit).times(100);
  leaf.score = new Decimal(change === null || change.lte(-15) ? 3 : change.lte(-10) ? 2 : change.lte(0) ? 1 : 0);
  leaf.exact = leaf.score;
  leaf.note = '考核国库集中支付结转结余存量资金的变动情况。';
  leaf.rubric = '变动率=(当年年末存量资金÷上年末存量资金-1)×100%。变动率≤-15%的，得3分；≤-10%的，得2分；≤0的，得1分；>0的，不得分；上年度为0、本年度继续为0的，得3分。';
  leaf.explanation = `${here ? stockSentence(ctx, b, 'table') : '存量资金情况见前文。'}因此，本项得${leaf.score.toFixed()}分。`;
}

function procurement(ctx: ReportContext, leaf: Leaf): void {
  const plan = new Decimal(ctx.rng.int(2_000, 50_000)).div(100);
  const actual = plan.times(ctx.rng.int(880, 1000) / 1000).toDecimalPlaces(2);
  const rate = actual.div(plan);
  const ratePrinted = new Decimal(formatPercent(rate));
  leaf.exact = leaf.weight.times(ratePrinted).div(100);
  leaf.score = leaf.exact.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  leaf.note = '政府采购执行率=实际采购金额/政府采购预算金额×100%。';
  leaf.rubric = `得分=政府采购执行率×${leaf.weight.toFixed()}分；实际采购金额超过预算的，不得分。`;
  leaf.explanation = `政府采购预算金额${plan.toFixed(2)}万元，实际采购金额${actual.toFixed(2)}万元，政府采购执行率${ratePrinted.toFixed(2)}%，得分=${leaf.weight.toFixed()}×${ratePrinted.toFixed(2)}%=${leaf.score.toFixed()}分。`;
}

function targets(ctx: ReportContext, leaf: Leaf): void {
  const planned = ctx.rng.int(5, 9);
  const achieved = planned - (ctx.wants('target-claim') ? ctx.rng.pick([1, 2]) : ctx.rng.pick([0, 0, 1, 2]));
  leaf.targets = { planned, achieved };
  if (ctx.wants('target-claim')) {
    ctx.record({ kind: 'target-claim', subject: '绩效目标完成率', expected: String(planned), actual: String(achieved), minSeverity: 'warning', where: 'narrative' });
  }
  leaf.exact = leaf.weight.times(achieved).div(planned);
  leaf.score = leaf.exact.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  leaf.note = '考核部门整体绩效目标的完成情况。';
  leaf.rubric = `得分=${leaf.weight.toFixed()}分×已实现目标数/计划目标数。`;
  leaf.explanation = `部门整体绩效目标计划${planned}个，已实现${achieved}个，本项得分=${leaf.weight.toFixed()}×${achieved}/${planned}=${leaf.score.toFixed()}分。`;
}
