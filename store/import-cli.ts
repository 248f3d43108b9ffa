// `jixiao import <a.xlsx|a.csv>`: reviewers' statuses and notes, typed into the finding list in Excel,
// WPS or LibreOffice, go back into the store through Store.mark (the same setter as `jixiao mark`).
import { existsSync } from 'node:fs';
import { FOLLOW_UP_LABEL } from '../reporters/labels.ts';
import { parseArgsZh, UsageError } from '../pipeline/cli-args.ts';
import { openExisting, osUser, STATUS_ARG } from './cli.ts';
import { readMarkSheet, type MarkRow, type MarkSheet } from './import.ts';
import type { Store } from './index.ts';

export const IMPORT_USAGE = `  jixiao import <问题清单.xlsx|.csv> [--db <文件>]  把在 Excel/WPS 中填写的“状态”“备注”导回结果库
                                                    （按“指纹”栏对应问题；对应不上的行逐行报告，其余照常导入）`;

type Write = (text: string) => void;

export interface ImportSummary {
  updated: number;
  unchanged: number;
  /** Chinese, one per row (or per file) that could not be imported. */
  problems: string[];
}

export async function importCommand(
  argv: string[],
  write: Write = (t) => process.stdout.write(`${t}\n`),
  warn: Write = (t) => process.stderr.write(`${t}\n`),
): Promise<number> {
  const { values, positionals } = parseArgsZh({ args: argv, allowPositionals: true, options: { db: { type: 'string' } } }, 'import');
  if (positionals.length !== 1) throw new UsageError('用法：jixiao import <问题清单.xlsx|.csv> [--db <文件>]');
  const [file] = positionals;
  if (!existsSync(file)) throw new UsageError(`找不到文件 ${file}`);
  let sheet;
  try {
    sheet = await readMarkSheet(file);
  } catch (error) {
    throw new Error(`无法读取 ${file}：${(error as Error).message}（应为 jixiao check --xlsx 或 --csv 写出的问题清单）`);
  }
  const store = openExisting(values.db);
  try {
    const summary = importSheet(store, sheet);
    for (const problem of summary.problems) warn(problem);
    write(`已导入 ${file}：更新 ${summary.updated} 项，未变 ${summary.unchanged} 项${summary.problems.length ? `，${summary.problems.length} 行无法导入（见上）` : ''}。用 jixiao review 查看。`);
    return summary.problems.length ? 1 : 0;
  } finally {
    store.close();
  }
}

/** A marked list into the store; a list that could not be read as one (no 指纹 column…) changes nothing. */
export function importSheet(store: Store, sheet: MarkSheet, who: string | null = osUser()): ImportSummary {
  return sheet.problems.length ? { updated: 0, unchanged: 0, problems: sheet.problems } : importMarks(store, sheet.rows, who);
}

/** Applies every row whose status or note differs from the store's; the rest are counted as unchanged. */
function importMarks(store: Store, rows: MarkRow[], who: string | null): ImportSummary {
  const known = new Set(store.reviewRows({ all: true }).map((r) => r.fingerprint));
  const current = store.followUpLookup();
  const summary: ImportSummary = { updated: 0, unchanged: 0, problems: [] };
  for (const row of rows) {
    const problem = rowProblem(row, known);
    if (problem) {
      summary.problems.push(`第${row.row}行：${problem}`);
      continue;
    }
    const now = current(row.fingerprint);
    const status = row.status === '' ? now.status : STATUS_ARG[row.status];
    if (status === now.status && (row.note === '' || row.note === now.note)) {
      summary.unchanged += 1;
      continue;
    }
    store.mark(row.fingerprint, status, row.note === '' ? null : row.note, { who });
    summary.updated += 1;
  }
  return summary;
}

function rowProblem(row: MarkRow, known: Set<string>): string | null {
  if (row.fingerprint === '') return '“指纹”栏为空，无法对应到问题';
  if (row.status !== '' && !STATUS_ARG[row.status]) {
    return `状态“${row.status}”无法识别（应为 ${Object.values(FOLLOW_UP_LABEL).join('、')}，或 confirmed、dismissed、pending）`;
  }
  if (!known.has(row.fingerprint)) return `指纹 ${row.fingerprint} 在结果库中找不到（该文件是否用同一个结果库 --db 检查过？）`;
  return null;
}
