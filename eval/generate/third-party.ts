// Kind (a): a third-party 整体支出绩效核查报告 with a 评价结论, a summary table (评价综合得分表) and the
// attachment 整体支出绩效指标核查评分表.
import { Decimal } from 'decimal.js';
import type { ReportContext } from './context.ts';
import { buildGrid, cutGrid, formatPercent, formatScore, repeatHeader, type Block, type BodyCell, type Grid, type HeaderCell } from './document.ts';
import { budgetText, dataTable, makeBudget } from './budget.ts';
import { leavesOf, makeTree, scoreOf, scoreTree, weightOf, type Leaf, type Tree } from './tree.ts';
import { BANDS_TEXT, filler, heading, narrativeTotal, paragraph, printedGrade } from './common.ts';

interface Bonus { points: Decimal }

export function thirdPartyReport(ctx: ReportContext, unit: string, year: number): { title: string; blocks: Block[] } {
  const rng = ctx.rng;
  const budget = makeBudget(ctx, year, {
    partLabels: ['基本支出', '项目支出'],
    carryoverRate: ctx.wants('rubric-score') ? rng.int(210, 290) / 1000 : rng.chance(0.2) ? rng.int(120, 180) / 1000 : rng.int(5, 90) / 1000,
    zeroStock: ctx.wants('divide-by-zero') || (!ctx.wants('rubric-score') && rng.chance(0.15)),
  });
  const calcInTable = rng.chance(0.5);
  const stockInTable = rng.chance(0.5);
  const tree = makeTree(ctx);
  const parentWeights = new Map(tree.flatMap((l1) => l1.children.map((l2) => [l2.name, weightOf(l2.leaves)] as const)));
  const text = budgetText(ctx, budget, { rateInNarrative: !calcInTable, stockInNarrative: !stockInTable });
  scoreTree(ctx, tree, budget, { calcInTable, stockInTable });
  injectLeafAnomalies(ctx, tree, parentWeights);

  const bonus: Bonus | null = scoreOf(leavesOf(tree)).lte(98) && rng.chance(0.3) ? { points: new Decimal(1) } : null;
  const leafSum = scoreOf(leavesOf(tree)).plus(bonus?.points ?? 0);
  let total = leafSum;
  const exactSum = leavesOf(tree).reduce((a, l) => a.plus(l.exact), new Decimal(0)).plus(bonus?.points ?? 0).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  if (ctx.planned.size === 0 && !exactSum.eq(leafSum) && rng.chance(0.6)) {
    total = exactSum;
    ctx.decoys.add('total-of-unrounded-items');
  }
  if (ctx.wants('total-mismatch')) {
    const delta = new Decimal(rng.pick([1, 1.5, 2, 3, 4]));
    total = leafSum.plus(delta).gt(100) ? leafSum.minus(delta) : leafSum.plus(delta);
    ctx.record({ kind: 'total-mismatch', subject: '合计', expected: leafSum.toFixed(), actual: total.toFixed(), minSeverity: 'error', where: 'table' });
  }
  const stated = narrativeTotal(ctx, total);
  const grade = printedGrade(ctx, stated);
  const summary = summaryTable(ctx, tree, parentWeights, total, bonus);
  const data = dataTable(ctx, budget, ctx.layout.moneyUnit);

  const blocks: Block[] = [
    paragraph(`评价对象：${unit}`),
    paragraph(`评价机构：${rng.pick(['某某管理咨询有限公司', '某某会计师事务所（特殊普通合伙）', '某某项目管理咨询有限公司'])}`),
    heading('一、评价部门概要'),
    heading('（一）部门整体收支情况'),
    ...text.opening.map(paragraph),
    paragraph(`表1 ${data.title}`),
    { kind: 'table', grid: data.grid },
    heading('二、评价结论'),
    paragraph(`经综合评价，${unit}${year}年度部门整体支出绩效评价得分为${formatScore(stated)}分，评价等级为“${grade}”。`),
    ...(rng.chance(0.5) ? [paragraph(BANDS_TEXT)] : []),
    paragraph('表2 评价综合得分表'),
    { kind: 'table', grid: summary },
    heading('三、绩效指标分析'),
    ...tree.map((l1, i) => {
      const leaves = l1.children.flatMap((c) => c.leaves);
      const w = l1.children.reduce((a, c) => a.plus(parentWeights.get(c.name)!), new Decimal(0));
      return paragraph(`（${'一二三四五'[i]}）${l1.name}：该类指标分值${w.toFixed()}分，评价得分${formatScore(scoreOf(leaves))}分。`);
    }),
    heading('四、主要绩效'),
    ...claim(ctx, tree).map(paragraph),
    ...text.later.map(paragraph),
    ...filler(ctx, 1),
    heading('五、存在问题'),
    ...filler(ctx, 1),
    heading('六、相关建议'),
    ...filler(ctx, 1),
    heading('附件1：整体支出绩效指标核查评分表'),
    ...attachment(ctx, tree, parentWeights, total, bonus),
  ];
  return { title: `${year}年度${unit}部门整体支出绩效评价核查报告`, blocks };
}

/** "各项绩效目标均已完成": true in clean reports where every target was met; the anomaly when one was not. */
function claim(ctx: ReportContext, tree: Tree): string[] {
  const targets = leavesOf(tree).find((l) => l.targets)?.targets;
  if (!targets) return [];
  if (ctx.wants('target-claim') || (targets.achieved === targets.planned && ctx.rng.chance(0.5))) return ['全年各项绩效目标均已完成，完成率100%。'];
  return [];
}

function plainLeaves(tree: Tree): Leaf[] {
  return leavesOf(tree).filter((l) => l.role === 'plain');
}

function injectLeafAnomalies(ctx: ReportContext, tree: Tree, parentWeights: Map<string, Decimal>): void {
  const used = new Set<Leaf>();
  const take = (ok: (l: Leaf) => boolean) => {
    const leaf = ctx.rng.pick(plainLeaves(tree).filter((l) => !used.has(l) && ok(l)));
    used.add(leaf);
    return leaf;
  };
  if (ctx.wants('explanation-mismatch')) {
    const leaf = take((l) => l.weight.gte(2));
    const said = leaf.score.eq(leaf.weight) ? leaf.weight.minus(1) : leaf.weight;
    const deduction = leaf.weight.minus(said);
    leaf.explanation = deduction.isZero() ? `经核查，相关资料齐全，符合要求，本项得分${said.toFixed()}分。` : `经核查，${ctx.rng.pick(['部分佐证材料不完整', '个别事项未按规定程序报批'])}，扣${deduction.toFixed()}分，本项得分${said.toFixed()}分。`;
    ctx.record({ kind: 'explanation-mismatch', subject: leaf.name, expected: said.toFixed(), actual: leaf.score.toFixed(), minSeverity: 'error', where: 'table' });
  }
  if (ctx.wants('score-over-weight')) {
    const leaf = take(() => true);
    leaf.score = leaf.weight.plus(ctx.rng.pick([0.5, 1, 2]));
    leaf.exact = leaf.score;
    leaf.explanation = `经核查，该项工作成效突出，本项得分${leaf.score.toFixed()}分。`;
    ctx.record({ kind: 'score-over-weight', subject: leaf.name, expected: leaf.weight.toFixed(), actual: leaf.score.toFixed(), minSeverity: 'error', where: 'table' });
  }
  if (ctx.wants('weight-mismatch')) {
    const leaf = take((l) => l.score.lt(l.weight.plus(1)));
    const l2 = tree.flatMap((l1) => l1.children).find((c) => c.leaves.includes(leaf))!;
    const parent = parentWeights.get(l2.name)!;
    leaf.weight = leaf.weight.plus(1);
    // The 评分说明 states the score itself, so that "得满分" does not turn into a second contradiction.
    leaf.explanation = `经核查，相关工作基本符合要求，本项得分${leaf.score.toFixed()}分。`;
    const sibling = weightOf(l2.leaves);
    const primary = ctx.layout.weightsOn === 'all'
      ? { expected: sibling.toFixed(), actual: parent.toFixed() }
      : { expected: '101', actual: '100' };
    const related = ctx.layout.weightsOn === 'all' ? [{ expected: '101', actual: '100' }] : [{ expected: sibling.toFixed(), actual: parent.toFixed() }];
    ctx.record({ kind: 'weight-mismatch', subject: ctx.layout.weightsOn === 'all' ? l2.name : '合计', ...primary, minSeverity: 'error', where: 'table', related });
  }
}

function summaryTable(ctx: ReportContext, tree: Tree, parentWeights: Map<string, Decimal>, total: Decimal, bonus: Bonus | null): Grid {
  const truncate = ctx.rng.chance(0.3);
  const rate = (s: Decimal, w: Decimal) => `${formatPercent(s.div(w), truncate)}%`;
  if (truncate) ctx.decoys.add('truncated-score-rate');
  const rows: BodyCell[][] = [];
  const l2s = tree.flatMap((l1, i) => l1.children.map((l2) => ({ l1, i, l2 })));
  const subtotalAt = ctx.wants('subtotal-mismatch') ? ctx.rng.int(0, l2s.length - 1) : -1;
  let printedSum = new Decimal(0);
  l2s.forEach(({ l1, i, l2 }, k) => {
    const w = parentWeights.get(l2.name)!;
    let s = scoreOf(l2.leaves);
    if (k === subtotalAt) {
      const truth = s;
      s = s.gte(w) || s.plus(1).gt(w) ? s.minus(ctx.rng.pick([0.5, 1, 2])) : s.plus(ctx.rng.pick([0.5, 1]));
      ctx.record({ kind: 'subtotal-mismatch', subject: l2.name, expected: truth.toFixed(), actual: s.toFixed(), minSeverity: 'error', where: 'table', related: [] });
    }
    printedSum = printedSum.plus(s);
    rows.push([{ text: l1.name, key: `s${i}` }, { text: l2.name }, { text: w.toFixed() }, { text: formatScore(s) }, { text: rate(s, w) }]);
  });
  if (bonus) {
    rows.push([{ text: '加减分项' }, { text: '-' }, { text: '-' }, { text: bonus.points.toFixed() }, { text: '' }]);
    printedSum = printedSum.plus(bonus.points);
  }
  const subtotal = ctx.anomalies.find((a) => a.kind === 'subtotal-mismatch');
  if (subtotal) subtotal.related = [{ expected: printedSum.toFixed(), actual: total.toFixed() }];
  const overWeight = ctx.anomalies.find((a) => a.kind === 'score-over-weight');
  if (overWeight) {
    for (const l2 of tree.flatMap((l1) => l1.children)) {
      const s = scoreOf(l2.leaves);
      const w = parentWeights.get(l2.name)!;
      if (s.gt(w)) overWeight.related = [...(overWeight.related ?? []), { expected: w.toFixed(), actual: s.toFixed() }];
    }
  }
  const totalRow: BodyCell[] = [{ text: '合计' }, { text: '' }, { text: '100' }, { text: formatScore(total) }, { text: rate(total, new Decimal(100)) }];
  const body = ctx.layout.totalRow === 'first' ? [totalRow, ...rows] : [...rows, totalRow];
  const header: HeaderCell[][] = [[{ text: '一级指标' }, { text: '二级指标' }, { text: '分值' }, { text: '评价得分' }, { text: '得分率' }]];
  return buildGrid(header, body, ctx.layout.parents);
}

type Column = 'l1' | 'l1w' | 'l2' | 'l2w' | 'l3' | 'l3w' | 'note' | 'rubric' | 'expl' | 'score';

function attachmentColumns(ctx: ReportContext): Column[] {
  const names: Column[] = ctx.layout.weightsOn === 'all' ? ['l1', 'l1w', 'l2', 'l2w', 'l3', 'l3w'] : ['l1', 'l2', 'l3', 'l3w'];
  return ctx.layout.scoreColumn === 'last' ? [...names, 'note', 'rubric', 'expl', 'score'] : [...names, 'score', 'note', 'rubric', 'expl'];
}

const TITLES: Record<Exclude<Column, 'l1w' | 'l2w' | 'l3w'>, string> = { l1: '一级指标', l2: '二级指标', l3: '三级指标', note: '指标说明', rubric: '评分标准', expl: '评分说明', score: '得分' };

function attachmentHeader(ctx: ReportContext, columns: Column[]): HeaderCell[][] {
  if (ctx.layout.weightsOn === 'leaves') return [columns.map((c) => ({ text: c === 'l3w' ? '分值' : TITLES[c as keyof typeof TITLES] }))];
  const first: HeaderCell[] = [];
  const second: HeaderCell[] = [];
  for (const c of columns) {
    if (c === 'l1' || c === 'l2' || c === 'l3') {
      first.push({ text: TITLES[c], colspan: 2 });
      second.push({ text: '名称' }, { text: '分值' });
    } else if (!c.endsWith('w')) first.push({ text: TITLES[c as keyof typeof TITLES], rowspan: 2 });
  }
  return [first, second];
}

function attachment(ctx: ReportContext, tree: Tree, parentWeights: Map<string, Decimal>, total: Decimal, bonus: Bonus | null): Block[] {
  const columns = attachmentColumns(ctx);
  const header = attachmentHeader(ctx, columns);
  const rows: BodyCell[][] = [];
  tree.forEach((l1, i) => {
    const w1 = l1.children.reduce((a, c) => a.plus(parentWeights.get(c.name)!), new Decimal(0));
    l1.children.forEach((l2, j) => {
      for (const leaf of l2.leaves) {
        const cells: Record<Column, BodyCell> = {
          l1: { text: l1.name, key: `a${i}` }, l1w: { text: w1.toFixed(), key: `aw${i}` },
          l2: { text: l2.name, key: `b${i}.${j}` }, l2w: { text: parentWeights.get(l2.name)!.toFixed(), key: `bw${i}.${j}` },
          l3: { text: leaf.name }, l3w: { text: leaf.weight.toFixed() },
          note: { text: leaf.note }, rubric: { text: leaf.rubric }, expl: { text: leaf.explanation }, score: { text: formatScore(leaf.score) },
        };
        rows.push(columns.map((c) => cells[c]));
      }
    });
  });
  if (bonus) {
    const cells: Record<Column, BodyCell> = {
      l1: { text: '加减分项' }, l1w: { text: '' }, l2: { text: '加分项' }, l2w: { text: '' }, l3: { text: '表彰奖励' }, l3w: { text: '' },
      note: { text: '反映部门获得表彰奖励情况。' }, rubric: { text: '获市级及以上表彰的，每次加1分，最高加3分。' },
      expl: { text: `获市级表彰1次，加${bonus.points.toFixed()}分。` }, score: { text: bonus.points.toFixed() },
    };
    rows.push(columns.map((c) => cells[c]));
  }
  const totalCells: BodyCell[] = ctx.layout.weightsOn === 'all'
    ? columns.map((c) => ({ text: c === 'l1' ? '合计' : c.endsWith('w') ? '100' : c === 'score' ? formatScore(total) : '' }))
    : [{ text: '合计', colspan: 3 }, ...columns.slice(3).map((c) => ({ text: c === 'l3w' ? '100' : c === 'score' ? formatScore(total) : '' }))];
  const body = ctx.layout.totalRow === 'first' ? [totalCells, ...rows] : [...rows, totalCells];
  const grid = buildGrid(header, body, ctx.layout.parents);
  const cutAt = header.length + Math.floor(body.length / 2);
  if (ctx.layout.split === 'continued') {
    const [top, bottom] = cutGrid(grid, cutAt);
    const headerRows = grid.slice(0, header.length);
    return [{ kind: 'table', grid: top }, paragraph('续表'), { kind: 'table', grid: [...headerRows.map((r) => r.map((c) => (c ? { ...c } : null))), ...bottom] }];
  }
  if (ctx.layout.split === 'repeated-header') return [{ kind: 'table', grid: repeatHeader(grid, header.length, cutAt) }];
  return [{ kind: 'table', grid }];
}

