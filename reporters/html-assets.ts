// The inline CSS and script of the HTML report. Constants only: no report data ever goes in here.

export const CSS = `
:root {
  --fg: #1f2328; --muted: #59636e; --line: #d0d7de; --bg: #ffffff; --panel: #f6f8fa;
  --err: #b42318; --err-bg: #fdecea; --warn: #8a5300; --warn-bg: #fff4d6; --info: #1f5fa8; --info-bg: #e8f1fb;
  --link: #0b57d0;
}
* { box-sizing: border-box; }
html { scroll-padding-top: 5.5rem; }
body {
  margin: 0; color: var(--fg); background: var(--bg); line-height: 1.6; font-size: 15px;
  font-family: "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", system-ui, sans-serif;
}
a { color: var(--link); }
code, .mono { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Noto Sans Mono CJK SC", monospace; font-size: 0.92em; }
.bar {
  position: sticky; top: 0; z-index: 10; background: rgba(255,255,255,0.97); border-bottom: 1px solid var(--line);
  padding: 0.6rem 1.5rem; display: flex; flex-wrap: wrap; gap: 0.4rem 1.5rem; align-items: center;
}
.bar h1 { font-size: 1.15rem; margin: 0; }
.bar .totals-line { color: var(--muted); font-size: 0.9rem; }
.search { margin-left: auto; display: flex; gap: 0.5rem; align-items: center; }
.search input { font: inherit; padding: 0.3rem 0.6rem; width: 22rem; max-width: 60vw; border: 1px solid var(--line); border-radius: 6px; }
.search .count { color: var(--muted); font-size: 0.85rem; min-width: 8rem; }
main { max-width: 1200px; margin: 0 auto; padding: 1rem 1.5rem 4rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 0.6rem; word-break: break-all; }
h3 { font-size: 1.05rem; margin: 1.4rem 0 0.5rem; }
h4 { font-size: 0.98rem; margin: 1rem 0 0.4rem; }
table { border-collapse: collapse; width: 100%; font-size: 0.92rem; }
th, td { border: 1px solid var(--line); padding: 0.3rem 0.55rem; text-align: left; vertical-align: top; }
thead th { background: var(--panel); white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.overview td.file { overflow-wrap: anywhere; min-width: 12rem; }
.overview td.file .dir { color: var(--muted); font-size: 0.85em; }
.nowrap { white-space: nowrap; }
.overview tr.no-match { opacity: 0.35; }
th button { font: inherit; font-weight: 600; background: none; border: 0; padding: 0; cursor: pointer; color: inherit; }
th button::after { content: " ↕"; color: var(--muted); font-weight: normal; }
th[aria-sort="ascending"] button::after { content: " ↑"; color: var(--fg); }
th[aria-sort="descending"] button::after { content: " ↓"; color: var(--fg); }
.n-error { color: var(--err); font-weight: 600; }
.n-warning { color: var(--warn); font-weight: 600; }
.n-info { color: var(--info); }
.n-zero { color: var(--muted); font-weight: normal; }
.doc { border-top: 3px solid var(--line); margin-top: 2.5rem; }
.doc:target > h2 { background: #fffbe6; }
.back { font-size: 0.85rem; font-weight: normal; margin-left: 0.8rem; }
.meta { display: flex; flex-wrap: wrap; gap: 0.2rem 1.6rem; margin: 0.2rem 0 0.8rem; color: var(--muted); }
.meta b { color: var(--fg); font-weight: 600; }
.scores { display: flex; flex-wrap: wrap; gap: 0.8rem; margin: 0.6rem 0; }
.score { border: 1px solid var(--line); border-radius: 8px; padding: 0.4rem 1rem; min-width: 9rem; background: var(--panel); }
.score .label { color: var(--muted); font-size: 0.85rem; display: block; }
.score .value { font-size: 1.5rem; font-weight: 600; font-variant-numeric: tabular-nums; }
.score.diff { border-color: var(--err); background: var(--err-bg); color: var(--err); }
.score.same { border-color: #2da44e; background: #e9f7ec; }
.error-box { border: 1px solid var(--err); background: var(--err-bg); padding: 0.6rem 1rem; border-radius: 6px; }
.notes { color: var(--muted); font-size: 0.9rem; margin: 0.4rem 0; padding-left: 1.2rem; }
.none { color: var(--muted); }
.finding { border: 1px solid var(--line); border-left: 5px solid var(--line); border-radius: 6px; padding: 0.55rem 0.9rem; margin: 0.55rem 0; }
.finding.sev-error { border-left-color: var(--err); }
.finding.sev-warning { border-left-color: var(--warn); }
.finding.sev-info { border-left-color: var(--info); }
.finding:target { box-shadow: 0 0 0 3px #ffd54f; }
.finding .effect { margin: 0.25rem 0; font-weight: 600; color: var(--err); }
.finding .follow.confirmed { color: var(--err); font-weight: 600; }
.finding .follow.dismissed { text-decoration: line-through; }
.finding.dismissed { opacity: 0.6; }
details.sev-group > summary { cursor: pointer; font-weight: 600; margin: 0.6rem 0; }
.finding .links { display: flex; gap: 1.2rem; margin: 0.3rem 0 0; }
details.page-image > summary { cursor: pointer; color: var(--muted); font-size: 0.9rem; }
details.page-image img { display: block; max-width: 100%; border: 1px solid var(--line); margin-top: 0.4rem; }
.ranking .need { color: var(--err); font-weight: 600; }
.finding .head { display: flex; flex-wrap: wrap; gap: 0.3rem 0.8rem; align-items: baseline; font-size: 0.88rem; color: var(--muted); }
.finding .msg { margin: 0.25rem 0; font-weight: 600; }
.badge { display: inline-block; border-radius: 4px; padding: 0 0.45rem; font-size: 0.82rem; font-weight: 600; text-decoration: none; }
.badge.sev-error { background: var(--err-bg); color: var(--err); }
.badge.sev-warning { background: var(--warn-bg); color: var(--warn); }
.badge.sev-info { background: var(--info-bg); color: var(--info); }
.follow { border: 1px solid var(--line); border-radius: 4px; padding: 0 0.4rem; }
.values { display: flex; flex-wrap: wrap; gap: 0.1rem 1.6rem; margin: 0.25rem 0; font-size: 0.92rem; color: var(--muted); }
.values b, .values code { color: var(--fg); }
.values > span { min-width: 0; overflow-wrap: anywhere; }
.values b { font-size: 1.05em; }
.evidence { white-space: pre-wrap; tab-size: 4; word-break: break-all; background: var(--panel); border-left: 3px solid var(--line); margin: 0.35rem 0; padding: 0.35rem 0.7rem; max-height: 14em; overflow: auto; font-size: 0.9rem; }
.to-cell { font-size: 0.88rem; }
.tree td.name { white-space: normal; }
.tree .lvl-1 { font-weight: 600; }
.tree .lvl-2 { padding-left: 1.8rem; }
.tree .lvl-3 { padding-left: 3.3rem; color: #30363d; }
.tree tr.hl td { background: var(--info-bg); }
.tree tr.hl-warning td { background: var(--warn-bg); }
.tree tr.hl-error td { background: var(--err-bg); }
.tree tr.hl td.name { box-shadow: inset 4px 0 0 var(--info); }
.tree tr.hl-warning td.name { box-shadow: inset 4px 0 0 var(--warn); }
.tree tr.hl-error td.name { box-shadow: inset 4px 0 0 var(--err); }
.tree tr:target td { outline: 2px solid #ffd54f; outline-offset: -2px; }
.tree caption { text-align: left; color: var(--muted); padding: 0.3rem 0; }
[hidden] { display: none !important; }
@media (max-width: 720px) { .search { margin-left: 0; } .search input { width: 100%; } }
@media print {
  html { scroll-padding-top: 0; }
  body { font-size: 10.5pt; }
  .bar { position: static; border: 0; padding: 0 0 0.5rem; }
  .search, .back, .to-cell, th button::after { display: none !important; }
  [hidden] { display: revert !important; }
  main { max-width: none; padding: 0; }
  a { color: inherit; text-decoration: none; }
  .doc { break-before: page; border-top: 0; }
  .finding, .tree tr, .score { break-inside: avoid; }
  h2, h3, h4, caption { break-after: avoid; }
  .evidence { max-height: none; overflow: visible; }
  .tree tr.hl td, .badge, .score.diff { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;

export const SCRIPT = `
(function () {
  'use strict';
  var sortValue = function (row, col) {
    var cell = row.cells[col];
    return cell ? cell.getAttribute('data-sort') : '';
  };
  document.querySelectorAll('table.sortable').forEach(function (table) {
    var headers = table.querySelectorAll('thead th');
    headers.forEach(function (th, col) {
      var button = th.querySelector('button');
      if (!button) return;
      button.addEventListener('click', function () {
        var numeric = th.getAttribute('data-type') === 'number';
        var current = th.getAttribute('aria-sort');
        var dir = current ? (current === 'ascending' ? 'descending' : 'ascending') : (numeric ? 'descending' : 'ascending');
        headers.forEach(function (other) { other.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', dir);
        var sign = dir === 'ascending' ? 1 : -1;
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = sortValue(a, col), y = sortValue(b, col);
          if (x === '' || y === '') return (x === '' ? 1 : 0) - (y === '' ? 1 : 0);
          var d = numeric ? Number(x) - Number(y) : x.localeCompare(y, 'zh-CN');
          return d === 0 ? Number(a.getAttribute('data-order')) - Number(b.getAttribute('data-order')) : sign * d;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  });

  var input = document.getElementById('search');
  var count = document.getElementById('search-count');
  var cards = Array.prototype.slice.call(document.querySelectorAll('.finding'));
  var haystacks = cards.map(function (card) {
    var doc = card.closest('.doc');
    // The rule's explanation is the same for every finding of the rule: search the finding itself.
    var rule = card.querySelector('.rule');
    var text = rule ? card.textContent.replace(rule.textContent, '') : card.textContent;
    return ((doc ? doc.getAttribute('data-file') : '') + '\\n' + text).toLowerCase();
  });
  var filter = function () {
    var terms = input.value.toLowerCase().split(/\\s+/).filter(Boolean);
    var shown = 0;
    cards.forEach(function (card, i) {
      var match = terms.every(function (t) { return haystacks[i].indexOf(t) !== -1; });
      card.hidden = !match;
      if (match) shown += 1;
    });
    document.querySelectorAll('.sev-group').forEach(function (group) {
      var has = !!group.querySelector('.finding:not([hidden])');
      group.hidden = terms.length > 0 && !has;
      // Folded info findings open when a search finds something in them.
      if (group.tagName === 'DETAILS' && terms.length > 0 && has) group.open = true;
    });
    document.querySelectorAll('.doc').forEach(function (doc) {
      var any = !!doc.querySelector('.finding:not([hidden])');
      doc.hidden = terms.length > 0 && !any;
      var row = document.querySelector('.overview tr[data-doc="' + doc.id + '"]');
      if (row) row.classList.toggle('no-match', terms.length > 0 && !any);
    });
    count.textContent = terms.length ? '显示 ' + shown + ' / ' + cards.length + ' 项问题' : '共 ' + cards.length + ' 项问题';
  };
  input.addEventListener('input', filter);
  filter();

  // A link to a finding inside the folded info group opens the group first.
  var reveal = function () {
    var target = location.hash ? document.getElementById(location.hash.slice(1)) : null;
    var folded = target ? target.closest('details') : null;
    if (folded) { folded.open = true; target.scrollIntoView(); }
  };
  window.addEventListener('hashchange', reveal);
  reveal();
})();
`;
