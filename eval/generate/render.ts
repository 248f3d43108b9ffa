// Renders a report model to TXT (as PDF/DOCX converters emit it) and HTML (the source for LibreOffice).
import type { Grid, RenderedReport } from './document.ts';

const clean = (text: string) => text.replace(/[\t\r\n]+/g, ' ');

/** Tables as tab-separated rows; a merged cell is its value then empty cells, as the seeds look. */
export function toTxt(report: RenderedReport): string {
  const lines: string[] = [report.title, ''];
  for (const block of report.blocks) {
    if (block.kind === 'table') {
      for (const row of block.grid) lines.push(row.map((cell) => (cell ? clean(cell.text) : '')).join('\t'));
      lines.push('');
    } else {
      lines.push(clean(block.text), '');
    }
  }
  return `${lines.join('\n')}\n`;
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function tableHtml(grid: Grid): string {
  const rows = grid.map((row) => {
    const cells = row
      .filter((cell) => cell !== null)
      .map((cell) => {
        const span = `${cell!.rowspan > 1 ? ` rowspan="${cell!.rowspan}"` : ''}${cell!.colspan > 1 ? ` colspan="${cell!.colspan}"` : ''}`;
        return `<td${span}>${escape(cell!.text)}</td>`;
      });
    return `<tr>${cells.join('')}</tr>`;
  });
  return `<table border="1" cellspacing="0" cellpadding="3" width="100%">\n${rows.join('\n')}\n</table>`;
}

export function toHtml(report: RenderedReport): string {
  const page = report.landscape ? '@page { size: 29.7cm 21cm; margin: 1.5cm; }' : '@page { size: 21cm 29.7cm; margin: 2cm; }';
  const body = report.blocks.map((block) => {
    if (block.kind === 'heading') return `<h2>${escape(block.text)}</h2>`;
    if (block.kind === 'paragraph') return `<p>${escape(block.text)}</p>`;
    return tableHtml(block.grid);
  });
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escape(report.title)}</title>
<style>${page} body { font-family: "Noto Serif CJK SC"; font-size: 11pt; } h2 { font-size: 14pt; } td { vertical-align: top; font-size: 9pt; }</style>
</head><body>
<h1>${escape(report.title)}</h1>
${body.join('\n')}
</body></html>
`;
}
