// The HTML report: one self-contained file (inline CSS and script, no external assets, a CSP that
// forbids any network access) that a reviewer reads and clicks through: an overview of all
// documents, then per document the totals, the findings by severity and the indicator tree(s) with
// the rows findings point at highlighted. All report text goes through html`` (escaped).
import { createHash } from 'node:crypto';
import { Decimal } from 'decimal.js';
import type { DocumentResult, Finding, Output, Severity } from '../model/index.ts';
import { CSS, SCRIPT } from './html-assets.ts';
import { ruleDoc } from './rule-docs.ts';
import { html, trusted, type Safe } from './html-escape.ts';
import { findingTargets, refKey, type IndicatorRef, type Targets } from './targets.ts';
import { batchCounts, batchSummaryLine, followUpStatus, needsRectification, rankUnits, rectificationLine } from './batch.ts';
import {
  FORMAT_LABEL, QUALITY_LABEL, SEVERITIES, SEVERITY_LABEL, STATUS_LABEL, TABLE_KIND_LABEL, countBySeverity,
  followUpLabel, formatEffect, formatLocation, originalHref, pageImageKey, tableName, printedElsewhere, sortFindings, type ReportOptions,
} from './labels.ts';

type TableEntry = DocumentResult['tables'][number];
type Indicator = TableEntry['indicators'][number];

export const HTML_TITLE = '绩效评价报告核查结果';

export function renderHtml(output: Output, options: ReportOptions = {}): string {
  const scriptHash = createHash('sha256').update(SCRIPT).digest('base64');
  const csp = `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${scriptHash}'; img-src data:; base-uri 'none'; form-action 'none'`;
  const page = html`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="generator" content="${output.tool.name} ${output.tool.version}">
<title>${HTML_TITLE}</title>
<style>${trusted(CSS)}</style>
</head>
<body>
<header class="bar">
<h1>${HTML_TITLE}</h1>
<span class="totals-line">${batchSummary(output, options)}</span>
<div class="search" role="search">
<label for="search">搜索问题</label>
<input type="search" id="search" placeholder="规则、指标、原文、文件名…" autocomplete="off">
<span class="count" id="search-count" aria-live="polite"></span>
</div>
</header>
<main>
${overview(output)}
${ranking(output, options)}
${output.documents.map((doc, i) => documentSection(doc, i, options))}
</main>
<script>${trusted(SCRIPT)}</script>
</body>
</html>
`;
  return page.value;
}

export const docId = (docIndex: number) => `doc-${docIndex + 1}`;
export const findingId = (docIndex: number, findingIndex: number) => `f-${docIndex + 1}-${findingIndex + 1}`;
/** Anchor of an indicator row: document, then positions in doc.tables and in that table (1-based). */
export const indicatorId = (docIndex: number, ref: IndicatorRef) => `i-${docIndex + 1}-${ref.table + 1}-${ref.indicator + 1}`;

function batchSummary(output: Output, options: ReportOptions): string {
  return `${batchSummaryLine(batchCounts(output, options.statusOf))} · ${output.tool.name} ${output.tool.version}`;
}

/** Units ranked by open errors, and the ones that need a 整改 notice (for a section head). */
function ranking(output: Output, options: ReportOptions): Safe | string {
  const ranks = rankUnits(output, options.statusOf);
  if (output.documents.length < 2) return '';
  const rows = ranks.map(
    (r, i) => html`<tr><td class="num">${String(i + 1)}</td><td>${r.unit}</td><td class="num">${String(r.files.length)}</td><td class="num">${String(r.openErrors)}</td><td class="num">${String(r.confirmedErrors)}</td><td class="num">${String(r.openWarnings)}</td><td class="num">${String(r.failed)}</td><td${needsRectification(r) ? trusted(' class="need"') : ''}>${needsRectification(r) ? '是' : '否'}</td></tr>
`,
  );
  return html`<section id="ranking" class="ranking">
<h2>单位排名</h2>
<p>${rectificationLine(ranks)}</p>
<table class="ranking-table">
<thead><tr><th class="num">名次</th><th>单位</th><th class="num">文件数</th><th class="num">未排除的错误</th><th class="num">其中已确认</th><th class="num">警告</th><th class="num">无法检查的文件</th><th>需发整改通知</th></tr></thead>
<tbody>
${rows}</tbody>
</table>
</section>`;
}

// ---------- overview ----------

interface OverviewColumn {
  header: string;
  numeric?: boolean;
  cell: (doc: DocumentResult, i: number, counts: Record<Severity, number>) => { sort: string; content: Safe | string; className?: string };
}

const countCell = (severity: Severity) => (_doc: DocumentResult, _i: number, counts: Record<Severity, number>) => ({
  sort: String(counts[severity]),
  content: String(counts[severity]),
  className: `num n-${severity}${counts[severity] === 0 ? ' n-zero' : ''}`,
});

const OVERVIEW_COLUMNS: OverviewColumn[] = [
  { header: '文件', cell: (doc, i) => ({ sort: doc.file, content: html`<a href="#${docId(i)}">${fileName(doc.file)}</a>`, className: 'file' }) },
  { header: '单位', cell: (doc) => ({ sort: doc.unit ?? '', content: doc.unit ?? '—' }) },
  { header: '年度', numeric: true, cell: (doc) => ({ sort: doc.year === null ? '' : String(doc.year), content: doc.year === null ? '—' : String(doc.year), className: 'num' }) },
  { header: '状态', cell: (doc) => ({ sort: STATUS_LABEL[doc.status], content: STATUS_LABEL[doc.status], className: 'nowrap' }) },
  { header: '报告总分', numeric: true, cell: (doc) => numberCell(doc.claimedTotal) },
  { header: '复算总分', numeric: true, cell: (doc) => numberCell(doc.computedTotal) },
  { header: '等级', cell: (doc) => ({ sort: doc.grade ?? '', content: doc.grade ?? '—' }) },
  ...SEVERITIES.map((s): OverviewColumn => ({ header: SEVERITY_LABEL[s], numeric: true, cell: countCell(s) })),
];

/** The folder in muted text, then a break opportunity, so long paths wrap between folder and name. */
function fileName(file: string): Safe {
  const cut = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1;
  return html`${cut ? html`<span class="dir">${file.slice(0, cut)}</span><wbr>` : ''}${file.slice(cut)}`;
}

function numberCell(value: string | null) {
  return { sort: value ?? '', content: value ?? '—', className: 'num' };
}

function overview(output: Output): Safe {
  const head = OVERVIEW_COLUMNS.map(
    (c) => html`<th scope="col" data-type="${c.numeric ? 'number' : 'text'}"${trusted(c.numeric ? ' class="num"' : '')}><button type="button">${c.header}</button></th>`,
  );
  const rows = output.documents.map((doc, i) => {
    const counts = countBySeverity(doc);
    const cells = OVERVIEW_COLUMNS.map((c) => {
      const cell = c.cell(doc, i, counts);
      return html`<td data-sort="${cell.sort}"${cell.className ? html` class="${cell.className}"` : ''}>${cell.content}</td>`;
    });
    return html`<tr data-doc="${docId(i)}" data-order="${i}">${cells}</tr>\n`;
  });
  return html`<section id="overview">
<h2>文件一览</h2>
${output.documents.length === 0 ? html`<p class="none">没有检查任何文件。</p>` : html`<table class="overview sortable">
<thead><tr>${head}</tr></thead>
<tbody>
${rows}</tbody>
</table>`}
</section>`;
}

// ---------- one document ----------

function documentSection(doc: DocumentResult, i: number, options: ReportOptions): Safe {
  const targets = findingTargets(doc);
  return html`<section class="doc" id="${docId(i)}" data-file="${doc.file}">
<h2>${doc.file}<a class="back" href="#overview">返回一览</a></h2>
<div class="meta">
<span>单位：<b>${doc.unit ?? '未识别'}</b></span>
<span>年度：<b>${doc.year === null ? '未识别' : String(doc.year)}</b></span>
<span>格式：<b>${FORMAT_LABEL[doc.format]}</b></span>
<span>状态：<b>${STATUS_LABEL[doc.status]}</b></span>
<span>等级：<b>${doc.grade ?? '未识别'}</b></span>
</div>
${doc.error ? html`<p class="error-box">无法读取（${doc.error.code}）：${doc.error.message}</p>` : scores(doc, options)}
${doc.notes.length ? html`<ul class="notes">${doc.notes.map((n) => html`<li>${n}</li>`)}</ul>` : ''}
${doc.error ? '' : findingsPart(doc, i, options, targets)}
${doc.error ? '' : treesPart(doc, i, targets)}
</section>
`;
}

function scores(doc: DocumentResult, options: ReportOptions): Safe {
  const difference = totalDifference(doc.claimedTotal, doc.computedTotal);
  // A green "91.16 = 91.16" must not hide an open finding that changes the total or the grade.
  const effects = sortFindings(doc.findings).filter((f) => f.effect && f.severity !== 'info' && followUpStatus(f, options.statusOf) !== 'dismissed' && f.effect.total.from !== f.effect.total.to);
  const state = difference === null ? '' : difference.isZero() ? ' same' : ' diff';
  return html`<div class="scores">
<div class="score${trusted(state)}"><span class="label">报告总分</span><span class="value">${doc.claimedTotal ?? '未找到'}</span></div>
<div class="score${trusted(state)}"><span class="label">复算总分</span><span class="value">${doc.computedTotal ?? '无法复算'}</span></div>
${difference !== null && !difference.isZero() ? html`<div class="score diff"><span class="label">相差</span><span class="value">${signed(difference)}</span></div>` : ''}
${effects.map((f) => html`<div class="score diff"><span class="label">若“${f.subject ?? f.rule}”问题属实</span><span class="value">${f.effect!.total.to}${f.effect!.grade.to ? `（${f.effect!.grade.to}）` : ''}</span></div>`)}
</div>`;
}

function totalDifference(claimed: string | null, computed: string | null): Decimal | null {
  if (claimed === null || computed === null) return null;
  try {
    return new Decimal(claimed).minus(new Decimal(computed));
  } catch {
    return null;
  }
}

const signed = (d: Decimal) => (d.isPositive() ? `+${d.toFixed()}` : d.toFixed());

// ---------- findings ----------

function findingsPart(doc: DocumentResult, i: number, options: ReportOptions, targets: Targets): Safe {
  if (doc.findings.length === 0) return html`<h3>问题</h3><p class="none">未发现问题。</p>`;
  const indexed = doc.findings.map((finding, index) => ({ finding, index }));
  const groups = SEVERITIES.map((severity) => {
    const items = indexed.filter((x) => x.finding.severity === severity);
    if (items.length === 0) return '';
    const cards = items.map((x) => findingCard(doc, x.finding, i, x.index, options, targets));
    // Info findings (could not verify, for reference) are folded so errors and warnings come first.
    if (severity === 'info') {
      return html`<details class="sev-group" data-severity="${severity}">
<summary><span class="badge sev-${severity}">${SEVERITY_LABEL[severity]}</span> ${items.length} 项（点击展开）</summary>
${cards}
</details>`;
    }
    return html`<section class="sev-group" data-severity="${severity}">
<h4><span class="badge sev-${severity}">${SEVERITY_LABEL[severity]}</span> ${items.length} 项</h4>
${cards}
</section>`;
  });
  return html`<h3>问题（${doc.findings.length} 项）</h3>
${groups}`;
}

function findingCard(doc: DocumentResult, f: Finding, docIndex: number, index: number, options: ReportOptions, targets: Targets): Safe {
  const ref = targets.byFinding.get(index);
  const target = ref ? indicatorId(docIndex, ref) : null;
  const followUp = options.statusOf?.(f.fingerprint);
  const status = followUp?.status ?? 'pending';
  return html`<article class="finding sev-${f.severity}${trusted(status === 'dismissed' ? ' dismissed' : '')}" id="${findingId(docIndex, index)}" data-fingerprint="${f.fingerprint}">
<div class="head"><span class="badge sev-${f.severity}">${SEVERITY_LABEL[f.severity]}</span><code>${f.rule}</code>${f.subject ? html`<span>指标：${f.subject}</span>` : ''}<span>${formatLocation(f.location, doc)}</span><span class="follow ${status}">${followUpLabel(f, options.statusOf)}${followUp?.note ? `：${followUp.note}` : ''}</span></div>
<p class="msg">${f.message}</p>
${f.actual !== null || f.expected !== null ? html`<p class="values"><span>报告值 <b class="mono">${f.actual ?? '—'}</b></span><span>${printedElsewhere(f) ? '另一处所印' : '复算值'} <b class="mono">${f.expected ?? '—'}</b></span></p>` : ''}
${f.effect ? html`<p class="effect">若属实：${formatEffect(f.effect)}</p>` : ''}
${f.calculation ? html`<p class="values"><span>复算过程 <code>${f.calculation}</code></span></p>` : ''}
${f.evidence ? html`<div class="evidence" title="原文">${f.evidence}</div>` : ''}
${ruleNote(f.rule)}
${pageImage(doc, f, docIndex, index, options)}
<p class="links">${target ? html`<a class="to-cell" href="#${target}">在指标表中查看 →</a>` : ''}<a class="original" href="${originalHref(doc, f.location.page, options)}" target="_blank" rel="noopener">打开原文件${doc.format === 'pdf' && f.location.page ? `（第${f.location.page}页）` : ''}</a></p>
</article>
`;
}

/** The page the finding points at, with the cell or paragraph outlined, folded until clicked. */
function pageImage(doc: DocumentResult, f: Finding, docIndex: number, index: number, options: ReportOptions): Safe | string {
  const uri = options.pageImages?.get(pageImageKey(docIndex, index));
  if (!uri || !/^data:image\/(jpeg|png);base64,[A-Za-z0-9+/=]+$/.test(uri)) return '';
  const page = `第${f.location.page}页`;
  return html`<details class="page-image"><summary>查看原文${page}${f.location.bbox ? '（红框为所指位置）' : ''}</summary><img src="${uri}" alt="${doc.file} ${page}"></details>`;
}

/** The rule's description and basis, folded, with a link to its README. */
function ruleNote(rule: string): Safe | string {
  const doc = ruleDoc(rule);
  if (!doc) return '';
  return html`<details class="rule"><summary>规则说明</summary><p>${doc.description}</p><p>依据：${doc.basis}</p><p><a href="${doc.readme}">规则文档</a></p></details>`;
}

// ---------- indicator trees ----------

function treesPart(doc: DocumentResult, docIndex: number, targets: Targets): Safe {
  if (doc.tables.length === 0) return html`<h3>指标表</h3><p class="none">未识别出评分表。</p>`;
  return html`<h3>指标表</h3>
${doc.tables.map((t, position) => treeTable(doc, t, position, docIndex, targets))}`;
}

function treeTable(doc: DocumentResult, table: TableEntry, position: number, docIndex: number, targets: Targets): Safe {
  const rows = table.indicators.map((ind, indicator) => {
    const ref = { table: position, indicator };
    const hits = (targets.byIndicator.get(refKey(ref)) ?? []).map((index) => ({ index, finding: doc.findings[index] }));
    const worst = hits.length ? sortFindings(hits.map((h) => h.finding))[0].severity : null;
    const level = Math.min(3, Math.max(1, ind.level));
    return html`<tr${worst ? html` id="${indicatorId(docIndex, ref)}" class="hl hl-${worst}"` : ''}>
<td class="name lvl-${String(level)}">${ind.name}</td><td class="num">${ind.weight ?? '—'}</td><td class="num">${ind.score ?? '—'}</td><td class="num">${ind.location.row ? `第${ind.location.row}行` : '—'}</td><td>${hits.map((h) => html`<a class="badge sev-${h.finding.severity}" href="#${findingId(docIndex, h.index)}" title="${h.finding.message}">${SEVERITY_LABEL[h.finding.severity]}</a> `)}</td>
</tr>
`;
  });
  return html`<table class="tree">
<caption>${tableName(table.table, doc)} · ${TABLE_KIND_LABEL[table.kind] ?? table.kind} · ${QUALITY_LABEL[table.quality] ?? table.quality}</caption>
<thead><tr><th>指标</th><th class="num">分值</th><th class="num">得分</th><th class="num">位置</th><th>问题</th></tr></thead>
<tbody>
${rows}</tbody>
</table>
`;
}
