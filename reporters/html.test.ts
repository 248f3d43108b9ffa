import { describe, expect, it } from 'vitest';
import { escapeHtml, html, trusted } from './html-escape.ts';
import { HTML_TITLE, findingId, indicatorId, renderHtml } from './html.ts';
import { HOSTILE_EVIDENCE, sampleOutput } from './testing/sample-output.ts';

describe('html``', () => {
  it('escapes every interpolated string, attribute quotes included', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
    expect(html`<td title="${'" onmouseover="x'}">${'<b>'}</td>`.value).toBe('<td title="&quot; onmouseover=&quot;x">&lt;b&gt;</td>');
  });

  it('passes nested fragments and arrays through once, and drops null/false', () => {
    const inner = html`<i>${'<x>'}</i>`;
    expect(html`${[inner, null, false, 'a&b']}`.value).toBe('<i>&lt;x&gt;</i>a&amp;b');
    expect(html`${trusted('<br>')}`.value).toBe('<br>');
  });
});

describe('renderHtml', () => {
  const page = renderHtml(sampleOutput(), { statusOf: (fp) => (fp === 'fp-rate' ? { status: 'confirmed' as const, note: null, updatedAt: null } : null) });

  it('is one self-contained file: no external URL, a CSP that forbids the network', () => {
    expect(page.startsWith('<!doctype html>')).toBe(true);
    expect(page).toContain(`<title>${HTML_TITLE}</title>`);
    expect(page).toMatch(/Content-Security-Policy" content="default-src &#39;none&#39;/);
    expect(page).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(page).not.toMatch(/<link\b/);
  });

  it('never lets report text out of its element', () => {
    expect(page).not.toContain('<script>window.__pwned');
    expect(page).not.toContain('<img src=x');
    expect(page).toContain(HOSTILE_EVIDENCE.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;'));
    expect(page.match(/<script>/g)).toHaveLength(1);
  });

  it('lists every document in the overview and gives each a section', () => {
    expect(page).toContain('<a href="#doc-1"><span class="dir">reports/</span><wbr>2022-金融工作局.pdf</a>');
    expect(page).toContain('<section class="doc" id="doc-2" data-file="reports/加密文件.pdf">');
    expect(page).toContain('无法读取（encrypted）：文件已加密，无法读取');
  });

  it('shows claimed and computed totals and their difference', () => {
    expect(page).toMatch(/报告总分<\/span><span class="value">100</);
    expect(page).toMatch(/复算总分<\/span><span class="value">94.42</);
    expect(page).toMatch(/相差<\/span><span class="value">\+5.58</);
  });

  it('highlights the indicator row a finding points at and links both ways', () => {
    // Row 4 holds both 过程 (一级) and 预算执行率 (二级); the finding's subject picks the second.
    const anchor = indicatorId(0, { table: 0, indicator: 3 });
    expect(page).toContain(`<tr id="${anchor}" class="hl hl-warning">\n<td class="name lvl-2">预算执行率</td>`);
    expect(page).toContain(`<tr>\n<td class="name lvl-1">过程</td>`);
    expect(page).toContain(`href="#${anchor}">在指标表中查看`);
    expect(page).toContain(`href="#${findingId(0, 1)}"`);
    expect(page.match(/class="hl /g)).toHaveLength(1);
    // The total row (9) is not an indicator: that finding gets no link to a missing anchor.
    const totalCard = page.slice(page.indexOf(`id="${findingId(0, 0)}"`), page.indexOf('</article>', page.indexOf(`id="${findingId(0, 0)}"`)));
    expect(totalCard).not.toContain('to-cell');
  });

  it('explains the rule of each finding: description, basis and a link to its README', () => {
    expect(page).toContain('<summary>规则说明</summary>');
    expect(page).toMatch(/<p>依据：[^<]*舍入区间/);
    expect(page).toMatch(/href="file:[^"]*\/scoring\/rules\/score-total-mismatch\/README\.md"/);
  });

  it('shows follow-up statuses, defaulting to 待核实', () => {
    expect(page).toContain('<span class="follow confirmed">已确认</span>');
    expect(page).toContain('<span class="follow pending">待核实</span>');
  });

  it('shows the effect of a finding on the total and grade, beside the totals too', () => {
    expect(page).toContain('<p class="effect">若属实：总分 100 → 94.42，等级不变（优）</p>');
    expect(page).toMatch(/若“合计”问题属实<\/span><span class="value">94.42（优）/);
  });

  it('folds info findings and ranks units with the ones that need a 整改 notice', () => {
    expect(page).toMatch(/<details class="sev-group" data-severity="info">\s*<summary>/);
    expect(page).not.toMatch(/<details class="sev-group" data-severity="(error|warning)"/);
    expect(page).toContain('需发整改通知的单位 1 个：湛江市金融工作局（错误 1 项）');
  });
});
