// The web page's HTML, rendered on the server. Every value from a report, a file name or a note goes
// through reporters/html-escape.ts (reports are untrusted input); the only markup not escaped is the
// constant markup of this module.
import type { DocumentResult, FollowUpStatus } from '../model/index.ts';
import { html, type Fragment, type Safe } from '../reporters/html-escape.ts';
import { FOLLOW_UP_LABEL, FORMAT_LABEL, SEVERITIES, SEVERITY_LABEL, STATUS_LABEL, formatLocation } from '../reporters/labels.ts';
import type { FollowUpChange, StoredFinding, StoredResult } from '../store/index.ts';
import { ROLE_LABEL, type User } from './accounts.ts';
import type { Batch, BatchFile, BatchStatus } from './batches.ts';

export const APP_TITLE = 'jixiao 绩效评价报告核查';
const FOLLOW_UPS: readonly FollowUpStatus[] = ['pending', 'confirmed', 'dismissed'];
const BATCH_STATUS_LABEL: Record<BatchStatus, string> = { queued: '排队中', running: '检查中', done: '已完成', failed: '失败' };
const FILE_STATUS_LABEL: Record<BatchFile['status'], string> = { queued: '等待', running: '检查中', done: '完成' };

export interface PageContext {
  user: User | null;
  csrf: string;
  /** Accounts exist: show who is logged in and the logout button. */
  accounts: boolean;
}

export function layout(title: string, ctx: PageContext, body: Fragment): string {
  const who = ctx.user
    ? html`<span class="who">${ctx.user.name}（${ROLE_LABEL[ctx.user.role]}）</span>${ctx.accounts
        ? html`<form method="post" action="/logout" class="inline"><input type="hidden" name="_csrf" value="${ctx.csrf}"><button type="submit" class="link">退出登录</button></form>`
        : ''}`
    : '';
  return `<!doctype html>${html`<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="csrf-token" content="${ctx.csrf}"><title>${title} - ${APP_TITLE}</title><link rel="stylesheet" href="/assets/app.css"></head>
<body><header class="top"><a href="/" class="brand">${APP_TITLE}</a><nav>${who}</nav></header><main>${body}</main>
<script src="/assets/app.js"></script></body></html>`}`;
}

export function loginPage(ctx: PageContext, error: string | null): string {
  return layout(
    '登录',
    ctx,
    html`<section class="card narrow"><h1>登录</h1>${error ? html`<p class="alert" role="alert">${error}</p>` : ''}
<form method="post" action="/login" class="stack"><input type="hidden" name="_csrf" value="${ctx.csrf}">
<label>用户名 <input name="name" autocomplete="username" required></label>
<label>密码 <input name="password" type="password" autocomplete="current-password" required></label>
<button type="submit">登录</button></form></section>`,
  );
}

export function homePage(ctx: PageContext, batches: Array<Batch & { files: number; done: number }>, limits: { maxFiles: number; maxFileMb: number }): string {
  const reviewer = ctx.user?.role === 'reviewer';
  const upload = reviewer
    ? html`<section class="card"><h2>上传报告并检查</h2>
<form id="upload" class="stack" method="post" action="/batches" enctype="multipart/form-data">
<div class="drop" id="drop">把文件或文件夹拖到这里，或
<label class="button">选择文件<input type="file" name="files" id="files" multiple hidden></label>
<label class="button">选择文件夹<input type="file" name="files" id="folder" webkitdirectory multiple hidden></label>
<p class="hint">支持 PDF（含扫描件）、图片、DOCX、XLSX、TXT、DOC/WPS 及它们的 ZIP 压缩包；每批最多 ${limits.maxFiles} 个文件，单个文件不超过 ${limits.maxFileMb} MB。</p>
<p id="chosen" class="hint" aria-live="polite"></p></div>
<button type="submit" id="upload-button">开始检查</button><p id="upload-error" class="alert" role="alert" hidden></p></form>
<details><summary>检查服务器上的文件夹</summary>
<form method="post" action="/batches/folder" class="row"><input type="hidden" name="_csrf" value="${ctx.csrf}">
<label>服务器上的文件夹路径 <input name="folder" required size="50" placeholder="例如 D:\\绩效报告\\2024"></label><button type="submit">检查该文件夹</button></form></details></section>`
    : html`<p class="hint">您是查看人员：可以浏览结果和导出，不能上传或标记。</p>`;
  const rows = batches.map(
    (b) => html`<tr><td><a href="/batches/${b.id}">批次 ${b.id}</a></td><td>${localTime(b.createdAt)}</td><td>${b.createdBy}</td><td>${b.source}</td>
<td><span class="status s-${b.status}">${BATCH_STATUS_LABEL[b.status]}</span></td><td>${b.done}/${b.files}</td></tr>`,
  );
  return layout(
    '批次',
    ctx,
    html`${upload}<section class="card"><h2>检查批次</h2>${batches.length
      ? html`<table class="grid"><thead><tr><th>批次</th><th>创建时间</th><th>创建人</th><th>来源</th><th>状态</th><th>进度</th></tr></thead><tbody>${rows}</tbody></table>`
      : html`<p class="hint">还没有检查批次。</p>`}</section>`,
  );
}

export interface DocumentView {
  file: BatchFile;
  result: DocumentResult | null;
  stored: StoredResult | null;
  followUps: Record<FollowUpStatus, number>;
}

/** Brings back a finding list that was marked offline (状态 and 备注 filled in Excel or WPS). */
function importForm(batchId: number): Fragment {
  return html`<form id="import-form" class="actions" data-batch="${batchId}"><label>导入离线标记的问题清单（本页导出的 Excel 或 CSV）：<input type="file" id="import-file" accept=".xlsx,.csv"></label>
<button type="submit">导入</button> <span id="import-result" role="status"></span></form>`;
}

export function batchPage(ctx: PageContext, batch: Batch, docs: DocumentView[]): string {
  const done = docs.filter((d) => d.file.status === 'done').length;
  const finished = batch.status === 'done' || batch.status === 'failed';
  const progress = html`<progress id="progress" max="${Math.max(docs.length, 1)}" value="${docs.length ? done : 1}" aria-label="已完成的文件">${done}/${docs.length}</progress>
<p id="batch-status" data-status="${batch.status}">状态：<span class="status s-${batch.status}">${BATCH_STATUS_LABEL[batch.status]}</span>，已完成 <span id="done">${done}</span>/${docs.length} 个文件${batch.error ? html`。错误：${batch.error}` : ''}</p>`;
  const rows = docs.map((d) => documentRow(batch.id, d));
  const exports = html`<p class="actions">导出：<a href="/batches/${batch.id}/export.xlsx">Excel</a> · <a href="/batches/${batch.id}/export.csv">CSV</a> · <a href="/batches/${batch.id}/export.html">HTML 报告</a>
 · <a href="/batches/${batch.id}/findings">全部问题</a></p>${ctx.user?.role === 'reviewer' ? importForm(batch.id) : ''}`;
  return layout(
    `批次 ${batch.id}`,
    ctx,
    html`<p><a href="/">← 全部批次</a></p><section class="card" id="batch" data-batch="${batch.id}" data-finished="${finished ? '1' : '0'}">
<h1>批次 ${batch.id}</h1><p class="hint">${localTime(batch.createdAt)} 由 ${batch.createdBy} 创建，来源：${batch.source}</p>${progress}${exports}
<div class="scroll"><table class="grid docs"><thead><tr><th>文件</th><th>进度</th><th>单位</th><th>年度</th><th>报告总分</th><th>复算总分</th><th>等级</th>
${SEVERITIES.map((s) => html`<th>${SEVERITY_LABEL[s]}</th>`)}${FOLLOW_UPS.map((s) => html`<th>${FOLLOW_UP_LABEL[s]}</th>`)}</tr></thead>
<tbody>${rows}</tbody></table></div></section>`,
  );
}

function documentRow(batchId: number, d: DocumentView): Safe {
  const r = d.result;
  const counts = countBy(r?.findings.map((f) => f.severity) ?? [], SEVERITIES);
  const state = d.file.status === 'done' ? (r ? STATUS_LABEL[r.status] : '完成') : FILE_STATUS_LABEL[d.file.status];
  const link = d.file.status === 'done' && r ? html`<a href="/batches/${batchId}/findings?file=${d.file.ord}">${d.file.name}</a>` : d.file.name;
  const mismatch = r?.claimedTotal && r.computedTotal && r.claimedTotal !== r.computedTotal;
  return html`<tr data-ord="${d.file.ord}"><td class="name">${link}${r?.error ? html`<div class="alert small">${r.error.message}</div>` : ''}</td>
<td class="file-status f-${d.file.status}">${state}${r ? html` <span class="hint">${FORMAT_LABEL[r.format]}</span>` : ''}</td>
<td>${r?.unit ?? ''}</td><td>${r?.year ?? ''}</td><td class="num">${r?.claimedTotal ?? ''}</td><td class="num${mismatch ? ' differs' : ''}">${r?.computedTotal ?? ''}</td><td>${r?.grade ?? ''}</td>
${SEVERITIES.map((s) => html`<td class="num n-${s}${counts[s] > 0 ? ' some' : ''}">${r ? counts[s] : ''}</td>`)}${FOLLOW_UPS.map((s) => html`<td class="num">${r ? d.followUps[s] : ''}</td>`)}</tr>`;
}

export interface FindingRowView {
  finding: StoredFinding;
  fileName: string;
  fileOrd: number;
  unit: string | null;
  year: number | null;
}

export interface FindingFilters {
  severity?: string;
  rule?: string;
  status?: string;
  unit?: string;
  year?: string;
  q?: string;
  file?: string;
}

export function findingsPage(ctx: PageContext, batch: Batch, rows: FindingRowView[], all: FindingRowView[], filters: FindingFilters): string {
  const options = (values: Array<string | number | null>, selected: string | undefined, label: (v: string) => string = (v) => v) =>
    [...new Set(values.filter((v): v is string | number => v !== null && v !== '').map(String))]
      .sort()
      .map((v) => html`<option value="${v}"${v === selected ? ' selected' : ''}>${label(v)}</option>`);
  const select = (name: keyof FindingFilters, title: string, opts: Safe[]) =>
    html`<label>${title} <select name="${name}"><option value="">全部</option>${opts}</select></label>`;
  const form = html`<form method="get" class="filters row" role="search">
${select('severity', '严重程度', SEVERITIES.map((s) => html`<option value="${s}"${s === filters.severity ? ' selected' : ''}>${SEVERITY_LABEL[s]}</option>`))}
${select('rule', '规则', options(all.map((r) => r.finding.rule), filters.rule))}
${select('status', '跟进状态', FOLLOW_UPS.map((s) => html`<option value="${s}"${s === filters.status ? ' selected' : ''}>${FOLLOW_UP_LABEL[s]}</option>`))}
${select('unit', '单位', options(all.map((r) => r.unit), filters.unit))}
${select('year', '年度', options(all.map((r) => r.year), filters.year))}
${select('file', '文件', [...new Map(all.map((r) => [r.fileOrd, r.fileName]))].map(([ord, name]) => html`<option value="${ord}"${String(ord) === filters.file ? ' selected' : ''}>${name}</option>`))}
<label>搜索 <input type="search" name="q" value="${filters.q ?? ''}" placeholder="问题、原文或指标"></label><button type="submit">筛选</button> <a href="?">清除</a></form>`;
  const body = rows.map(
    ({ finding: f, fileName }) => html`<tr><td><span class="badge sev-${f.severity}">${SEVERITY_LABEL[f.severity]}</span></td>
<td><a href="/findings/${f.id}?batch=${batch.id}">${f.message}</a></td><td>${fileName}</td><td>${formatLocation(f.location)}</td><td><code>${f.rule}</code></td>
<td><span class="fu fu-${f.followUp.status}">${FOLLOW_UP_LABEL[f.followUp.status]}</span>${f.followUp.note ? html`<div class="hint small">${f.followUp.note}</div>` : ''}</td></tr>`,
  );
  return layout(
    `批次 ${batch.id} 的问题`,
    ctx,
    html`<p><a href="/batches/${batch.id}">← 批次 ${batch.id}</a></p><section class="card"><h1>批次 ${batch.id} 的问题</h1>${form}
<p class="hint" id="count">共 ${rows.length} 项（全部 ${all.length} 项）</p>
<div class="scroll"><table class="grid findings"><thead><tr><th>严重程度</th><th>问题</th><th>文件</th><th>位置</th><th>规则</th><th>跟进状态</th></tr></thead><tbody>${body}</tbody></table></div></section>`,
  );
}

export interface FindingView {
  finding: StoredFinding;
  fileName: string;
  batchId: number | null;
  format: DocumentResult['format'];
  /** PDF only: the finding's text was found on its page and is boxed in the image. */
  located: boolean;
  history: FollowUpChange[];
}

export function findingPage(ctx: PageContext, view: FindingView): string {
  const f = view.finding;
  const reviewer = ctx.user?.role === 'reviewer';
  const field = (label: string, value: Fragment) => (value === null || value === '' ? '' : html`<dt>${label}</dt><dd>${value}</dd>`);
  const page =
    view.format === 'pdf' && f.location.page
      ? html`<figure class="page"><figcaption>原文第 ${f.location.page} 页${view.located ? '，问题原文已用红框标出' : '（未能在页面上定位原文，整页加框）'}</figcaption>
<img class="page-image${view.located ? ' located' : ' highlighted'}" src="/findings/${f.id}/page.png" alt="原文第 ${f.location.page} 页"></figure>`
      : html`<p class="hint">${view.format === 'pdf' ? '未能确定问题所在页。' : '此格式没有页面图像，原文见左侧“原文”。'}</p>`;
  const mark = reviewer
    ? html`<form method="post" action="/findings/${f.id}/mark" class="stack mark"><input type="hidden" name="_csrf" value="${ctx.csrf}">
<fieldset><legend>跟进状态</legend>${FOLLOW_UPS.map(
        (s) => html`<label class="choice"><input type="radio" name="status" value="${s}"${s === f.followUp.status ? ' checked' : ''}> ${FOLLOW_UP_LABEL[s]}</label>`,
      )}</fieldset>
<label>备注 <textarea name="note" rows="3" maxlength="2000"></textarea></label>${view.batchId ? html`<input type="hidden" name="batch" value="${view.batchId}">` : ''}
<button type="submit">保存</button></form>`
    : '';
  const history = view.history.length
    ? html`<table class="grid history"><thead><tr><th>时间</th><th>操作人</th><th>变更</th><th>备注</th></tr></thead><tbody>${view.history.map(
        (h) => html`<tr><td>${localTime(h.at)}</td><td>${h.who ?? '（未记录）'}</td><td>${h.oldStatus ? html`${FOLLOW_UP_LABEL[h.oldStatus]} → ` : ''}${FOLLOW_UP_LABEL[h.newStatus]}</td><td>${h.note ?? ''}</td></tr>`,
      )}</tbody></table>`
    : html`<p class="hint">尚无跟进记录。</p>`;
  return layout(
    '问题详情',
    ctx,
    html`${view.batchId ? html`<p><a href="/batches/${view.batchId}/findings">← 批次 ${view.batchId} 的问题</a></p>` : ''}
<div class="split"><section class="card finding"><h1><span class="badge sev-${f.severity}">${SEVERITY_LABEL[f.severity]}</span> ${f.message}</h1>
<dl class="facts">${field('文件', view.fileName)}${field('位置', formatLocation(f.location))}${field('指标', f.subject)}${field('报告数值', f.actual)}${field('复算数值', f.expected)}
${field('计算过程', f.calculation ? html`<code>${f.calculation}</code>` : null)}${field('原文', f.evidence ? html`<pre class="evidence">${f.evidence}</pre>` : null)}${field('规则', html`<code>${f.rule}</code>`)}
<dt>跟进状态</dt><dd><span class="fu fu-${f.followUp.status}" id="follow-up">${FOLLOW_UP_LABEL[f.followUp.status]}</span>${f.followUp.note ? html` <span class="note">${f.followUp.note}</span>` : ''}</dd></dl>
${mark}<h2>跟进记录</h2>${history}</section><section class="card">${page}</section></div>`,
  );
}

export function messagePage(ctx: PageContext, title: string, message: string): string {
  return layout(title, ctx, html`<section class="card narrow"><h1>${title}</h1><p>${message}</p><p><a href="/">返回首页</a></p></section>`);
}

export function countBy<T extends string>(values: T[], keys: readonly T[]): Record<T, number> {
  const out = Object.fromEntries(keys.map((k) => [k, 0])) as Record<T, number>;
  for (const v of values) out[v] += 1;
  return out;
}

function localTime(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

