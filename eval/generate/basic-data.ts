// Kind (d): a 基础数据表 with the budget narrative that states its figures and calculations.
import type { ReportContext } from './context.ts';
import type { Block } from './document.ts';
import { budgetText, dataTable, makeBudget } from './budget.ts';
import { filler, heading, paragraph } from './common.ts';

export function basicDataReport(ctx: ReportContext, unit: string, year: number): { title: string; blocks: Block[] } {
  const budget = makeBudget(ctx, year, { partLabels: ['基本支出', '项目支出'], carryoverRate: ctx.rng.int(5, 150) / 1000, zeroStock: ctx.wants('divide-by-zero') || ctx.rng.chance(0.15) });
  const text = budgetText(ctx, budget, { rateInNarrative: true, stockInNarrative: true });
  const tableUnit = ctx.layout.moneyUnit === '万元' && ctx.rng.chance(0.4) ? '元' : ctx.layout.moneyUnit;
  if (tableUnit !== ctx.layout.moneyUnit) ctx.decoys.add('table-in-yuan-text-in-wan');
  const data = dataTable(ctx, budget, tableUnit);
  const blocks: Block[] = [
    heading('一、单位基本情况'),
    ...filler(ctx, 1),
    heading('二、部门整体收支情况'),
    ...text.opening.map(paragraph),
    heading('三、主要绩效'),
    ...text.later.map(paragraph),
    ...filler(ctx, 1),
    heading(`附表：${unit}${year}年度基础数据表`),
    paragraph(`表1 ${data.title}`),
    { kind: 'table', grid: data.grid, sheet: '基础数据表' },
  ];
  return { title: `${year}年度${unit}部门整体支出绩效自评基础数据表`, blocks };
}
