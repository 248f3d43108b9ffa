// Running headers, footers and page numbers: text in the top or bottom band of the page that repeats
// at the same place on most pages (digits ignored, so "- 3 -" matches "- 4 -"), or that reads as a
// page number on its own ("- 3 -", "第 3 页", "3 / 16").
import type { PageLayout } from './page.ts';
import type { TextLine } from './text.ts';

/** Share of the page height, from the top and from the bottom, where furniture lives. */
const BAND = 0.1;
/** Same place: baselines within this many points. */
const SAME_Y = 6;

const PAGE_NUMBER = [
  /^[-–—－\s]*\d{1,4}[-–—－\s]*$/,
  /^第\s*\d{1,4}\s*页(\s*[,，/]?\s*共\s*\d{1,4}\s*页)?$/,
  /^\d{1,4}\s*\/\s*\d{1,4}$/,
  /^page\s*\d{1,4}(\s*of\s*\d{1,4})?$/i,
];

export function isPageNumber(text: string): boolean {
  const t = text.trim();
  return PAGE_NUMBER.some((re) => re.test(t));
}

function inBand(line: TextLine, layout: PageLayout): 'top' | 'bottom' | null {
  const [, y0, , y1] = layout.view;
  const h = y1 - y0;
  if (line.y >= y1 - BAND * h) return 'top';
  if (line.y <= y0 + BAND * h) return 'bottom';
  return null;
}

const keyOf = (text: string) => text.replace(/\d+/g, '#').replace(/\s+/g, '');

/** Removes furniture lines from every page in place; returns how many lines were removed. */
export function removeFurniture(pages: PageLayout[]): number {
  const withText = pages.filter((p) => p.lines.length > 0);
  const needed = Math.max(2, Math.ceil(0.5 * withText.length));
  const candidates = pages.flatMap((layout) =>
    layout.lines.flatMap((line) => {
      const band = inBand(line, layout);
      return band ? [{ layout, line, band, key: keyOf(line.text) }] : [];
    }),
  );
  const furniture = new Set<TextLine>();
  for (const c of candidates) {
    if (isPageNumber(c.line.text)) {
      furniture.add(c.line);
      continue;
    }
    const pagesWithIt = new Set(
      candidates.filter((o) => o.band === c.band && o.key === c.key && Math.abs(o.line.y - c.line.y) <= SAME_Y).map((o) => o.layout.page),
    );
    if (pagesWithIt.size >= needed) furniture.add(c.line);
  }
  for (const layout of pages) {
    layout.lines = layout.lines.filter((l) => !furniture.has(l));
    layout.looseLines = layout.looseLines.filter((l) => !furniture.has(l));
  }
  return furniture.size;
}
