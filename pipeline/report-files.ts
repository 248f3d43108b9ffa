// Command-line glue for the reviewer reports: the --xlsx/--csv/--html flags and writing the files
// (the reporters themselves are pure and live in reporters/).
import { writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { FollowUpLookup, Output } from '../model/index.ts';
import { renderCsv } from '../reporters/csv.ts';
import { renderHtml } from '../reporters/html.ts';
import { renderJson } from '../reporters/json.ts';
import type { ReportOptions } from '../reporters/labels.ts';

export const REPORT_FLAGS = {
  xlsx: { type: 'string' },
  csv: { type: 'string' },
  html: { type: 'string' },
} as const;

export const REPORT_USAGE = `  --xlsx <文件>         写出 Excel 问题清单（工作表“汇总”“问题清单”“单位排名”；“状态”“备注”两栏填写后可用 jixiao import 导回）
  --csv <文件>          写出 CSV 问题清单（UTF-8 带 BOM，可直接用 Excel/WPS 打开）
  --html <文件>         写出可在浏览器中查看、点击跳转的 HTML 报告（单个文件，无需联网；PDF 的问题附所在页原图并标出位置，
                        每个问题可链接打开原文件）`;

type Kind = keyof typeof REPORT_FLAGS;
const RENDER: Record<Kind, (output: Output, options: ReportOptions) => Promise<Uint8Array | string> | string> = {
  // exceljs alone takes most of a second to load: only when an Excel report is asked for.
  xlsx: async (output, options) => (await import('../reporters/xlsx.ts')).renderXlsx(output, options),
  csv: renderCsv,
  html: renderHtml,
};

export interface ReportTarget {
  kind: Kind;
  path: string;
}

/** The requested reports; throws (before any file is checked) on `-` or an empty path. */
export function reportTargets(values: Partial<Record<Kind, string>>): ReportTarget[] {
  const targets: ReportTarget[] = [];
  for (const kind of Object.keys(REPORT_FLAGS) as Kind[]) {
    const path = values[kind];
    if (path === undefined) continue;
    if (path === '-' || path.trim() === '') throw new Error(`--${kind} 需要一个文件路径（不支持输出到标准输出“-”）`);
    targets.push({ kind, path });
  }
  return targets;
}

/** The output contract as JSON, to a file or ("-") to stdout, with reviewers' follow-ups on the findings they marked. */
export async function writeJson(target: string, output: Output, statusOf?: FollowUpLookup): Promise<void> {
  const text = renderJson(withFollowUps(output, statusOf));
  if (target === '-') process.stdout.write(text);
  else await writeFile(target, text);
}

export function withFollowUps(output: Output, statusOf?: FollowUpLookup): Output {
  if (!statusOf) return output;
  const documents = output.documents.map((doc) => ({
    ...doc,
    findings: doc.findings.map((f) => {
      const followUp = statusOf(f.fingerprint);
      return followUp && (followUp.status !== 'pending' || followUp.note) ? { ...f, followUp: { status: followUp.status, note: followUp.note } } : f;
    }),
  }));
  return { ...output, documents };
}

export async function writeReports(targets: ReportTarget[], output: Output, statusOf?: FollowUpLookup): Promise<void> {
  for (const { kind, path } of targets) {
    // pdf.js and the canvas load only when an HTML report is asked for.
    const pageImages = kind === 'html' ? await (await import('./page-images.ts')).renderPageImages(output) : undefined;
    const content = await RENDER[kind](output, { statusOf, linkBase: dirname(resolve(path)), pageImages });
    try {
      await writeFile(path, content);
    } catch (error) {
      throw new Error(`无法写入 ${path}：${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
