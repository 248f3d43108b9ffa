// Page numbers as a reader writes them, for messages about what OCR read before it stopped.

/** "第1–3、5页" (or "0 页"). */
export function pageList(pages: number[]): string {
  if (!pages.length) return '0 页';
  const runs: string[] = [];
  for (let i = 0; i < pages.length; ) {
    let j = i;
    while (j + 1 < pages.length && pages[j + 1] === pages[j] + 1) j++;
    runs.push(j > i ? `${pages[i]}–${pages[j]}` : `${pages[i]}`);
    i = j + 1;
  }
  return `第${runs.join('、')}页`;
}
