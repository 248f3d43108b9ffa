// `jixiao review` and `jixiao mark`: reviewers work through the findings kept in the store.
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { relative, resolve } from 'node:path';
import { parseArgsZh, UsageError } from '../pipeline/cli-args.ts';
import type { FollowUpStatus } from '../model/index.ts';
import { FOLLOW_UP_LABEL, SEVERITY_LABEL } from '../reporters/labels.ts';
import { DEFAULT_DB_PATH, Store, type ReviewRow } from './index.ts';

export const STORE_USAGE = `  jixiao review [--db <文件>] [--all]               列出未解决的问题及跟进状态（不含已排除；--all 全部列出）
  jixiao mark <编号|指纹> <状态> [--note 文字] [--db <文件>]
                                                    记录核实结果，状态为 已确认（confirmed）、已排除（dismissed）
                                                    或 待核实（pending，撤销先前的结论）；已排除的问题不再计入退出码`;

/** The status words `mark` and `import` accept, Chinese and English. */
export const STATUS_ARG: Record<string, FollowUpStatus> = {
  confirmed: 'confirmed', dismissed: 'dismissed', pending: 'pending',
  已确认: 'confirmed', 已排除: 'dismissed', 待核实: 'pending',
};

type Write = (text: string) => void;

export async function reviewCommand(argv: string[], write: Write = (t) => process.stdout.write(`${t}\n`)): Promise<number> {
  const { values } = parseArgsZh({ args: argv, options: { db: { type: 'string' }, all: { type: 'boolean' } } }, 'review');
  const store = openExisting(values.db);
  try {
    const rows = store.reviewRows({ all: values.all });
    if (rows.length === 0) {
      write(values.all ? '数据库中没有任何问题记录。' : '没有未解决的问题。');
      return 0;
    }
    write(formatReviewTable(rows));
    write(`\n共 ${rows.length} 项。用 jixiao mark <编号> 已确认|已排除|待核实 [--note 文字] 记录核实结果，或在 Excel 中填写“状态”“备注”后用 jixiao import 导入。`);
    return 0;
  } finally {
    store.close();
  }
}

export async function markCommand(argv: string[], write: Write = (t) => process.stdout.write(`${t}\n`)): Promise<number> {
  const { values, positionals } = parseArgsZh(
    { args: argv, allowPositionals: true, options: { db: { type: 'string' }, note: { type: 'string' } } },
    'mark',
  );
  const [id, statusArg] = positionals;
  const status = statusArg ? STATUS_ARG[statusArg] : undefined;
  if (!id || !status || positionals.length > 2) throw new UsageError('用法：jixiao mark <编号|指纹> 已确认|已排除|待核实 [--note 文字]（也可写 confirmed、dismissed、pending）');
  const store = openExisting(values.db);
  try {
    const marked = store.mark(id, status, values.note ?? null, { who: osUser() });
    if (!marked) throw new Error(`找不到编号或指纹为“${id}”的问题（用 jixiao review --all 查看）`);
    const label = FOLLOW_UP_LABEL[store.followUpLookup()(marked.fingerprint)?.status ?? 'pending'];
    write(`已将问题 ${id}（指纹 ${marked.fingerprint}，涉及 ${marked.findings} 处）标记为“${label}”${values.note ? `，备注：${values.note}` : ''}`);
    return 0;
  } finally {
    store.close();
  }
}

export function formatReviewTable(rows: ReviewRow[], cwd = process.cwd()): string {
  const header = ['编号', '文件', '规则', '严重程度', '问题', '跟进状态'];
  const body = rows.map((r) => [
    String(r.id),
    displayPath(r.file, cwd),
    r.rule,
    SEVERITY_LABEL[r.severity],
    clip(r.message.replace(/\s+/g, ' '), 40),
    r.resolvedAt ? `${FOLLOW_UP_LABEL[r.followUp.status]}（已解决）` : FOLLOW_UP_LABEL[r.followUp.status] + (r.followUp.note ? `：${clip(r.followUp.note, 20)}` : ''),
  ]);
  const widths = header.map((h, c) => Math.max(width(h), ...body.map((row) => width(row[c]))));
  const line = (cells: string[]) => cells.map((cell, c) => pad(cell, widths[c])).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

/** The OS account running the command, recorded as who changed a follow-up. */
export function osUser(): string | null {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? null;
  }
}

export function openExisting(db: string | undefined): Store {
  const path = resolve(db ?? DEFAULT_DB_PATH);
  if (!existsSync(path)) throw new Error(`找不到结果数据库 ${path}：请先运行 jixiao check（或用 --db 指定）`);
  return Store.open(path);
}

function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  const shown = [...(rel.startsWith('..') ? path : rel)];
  return shown.length > 40 ? `…${shown.slice(-39).join('')}` : shown.join('');
}

/** Display width: CJK and full-width characters take two columns. */
function width(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

function pad(text: string, w: number): string {
  return text + ' '.repeat(Math.max(0, w - width(text)));
}

function clip(text: string, max: number): string {
  return [...text].length > max ? `${[...text].slice(0, max - 1).join('')}…` : text;
}
