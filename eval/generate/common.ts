// Text shared by every report kind: unit names, grades, filler sections.
import { Decimal } from 'decimal.js';
import type { ReportContext } from './context.ts';
import type { Block } from './document.ts';

export const UNITS = ['某市农业农村局', '某区教育局', '某市市场监督管理局', '某区卫生健康局', '某市自然资源局', '某区文化广电旅游体育局',
  '某市人力资源和社会保障局', '某区民政局', '某市投资促进局', '某区住房和城乡建设局', '某市交通运输局', '某区司法局'];

export type Grade = '优' | '良' | '中' | '差';

export function gradeOf(total: Decimal): Grade {
  return total.gte(90) ? '优' : total.gte(80) ? '良' : total.gte(60) ? '中' : '差';
}

export const BANDS_TEXT = '评价结果分为四个等级：优（90分及以上）、良（80分（含）至90分）、中（60分（含）至80分）、差（60分以下）。';

/** The printed grade, wrong on purpose when the context plans a grade-band anomaly. */
export function printedGrade(ctx: ReportContext, total: Decimal): Grade {
  const deserved = gradeOf(total);
  if (!ctx.wants('grade-band')) return deserved;
  const wrong: Grade = deserved === '优' ? '良' : deserved === '良' ? '优' : deserved === '中' ? '良' : '中';
  ctx.record({ kind: 'grade-band', subject: '评价等级', expected: deserved, actual: wrong, minSeverity: 'warning', where: 'narrative' });
  return wrong;
}

/** A narrative total that differs from the table total within the same grade band. */
export function narrativeTotal(ctx: ReportContext, tableTotal: Decimal): Decimal {
  if (!ctx.wants('narrative-total')) return tableTotal;
  const grade = gradeOf(tableTotal);
  for (const delta of ctx.rng.shuffle([-3, -2, -1.5, -1, 1, 1.5, 2, 3])) {
    const other = tableTotal.plus(delta);
    if (other.lte(100) && gradeOf(other) === grade) {
      ctx.record({ kind: 'narrative-total', subject: '总分', expected: tableTotal.toFixed(), actual: other.toFixed(), minSeverity: 'error', where: 'narrative' });
      return other;
    }
  }
  return tableTotal;
}

const FILLER = [
  '本单位按照统一部署，成立了绩效评价工作小组，收集整理了预算批复、决算报表、项目资料等佐证材料，逐项核对评分。',
  '评价工作按照“资料收集、现场核查、综合评分、报告撰写”的流程进行，对每一项三级指标均核对了原始凭证和业务台账。',
  '一是预算编制精细化程度有待提高；二是绩效目标设置不够细化，部分指标缺少可量化的目标值；三是资产管理基础工作仍需加强。',
  '下一步将进一步强化预算编制的科学性和准确性，细化量化绩效目标，加强资产日常管理，提高财政资金使用效益。',
  '全年围绕中心工作，统筹推进各项业务，较好地完成了年度工作任务，服务对象满意度进一步提升。',
];

export function filler(ctx: ReportContext, count: number): Block[] {
  return ctx.rng.shuffle(FILLER).slice(0, count).map((text) => ({ kind: 'paragraph' as const, text }));
}

export const heading = (text: string): Block => ({ kind: 'heading', text });
export const paragraph = (text: string): Block => ({ kind: 'paragraph', text });
