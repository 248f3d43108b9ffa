// The names the report gives its tables ("附件1", "表 2-1", "附表3", or a title such as
// "整体绩效自评指标评分表"), so a reviewer is pointed to 附件1 rather than the tool's own count (表12).
// A table printed straight after another with no text between continues it and shares its name; a
// name several tables share is told apart by part (附件1·第8段).
import type { Block, RawDocument } from '../../model/index.ts';

export interface TableCaption {
  /** The tool's 1-based table number (loc.table). */
  table: number;
  /** What to call the table: the report's numbering, else its title. */
  label: string;
  /** The caption line as printed. */
  caption: string;
}

const NUMBERED = /^(附件|附表|表)\s*([0-9０-９]+(?:\s*[-－—–.．]\s*[0-9０-９]+)?)/;
const MAX_TITLE = 30;
/** Paragraphs looked at above a table for its caption. */
const LOOK_BACK = 3;

export function tableCaptions(raw: RawDocument): TableCaption[] {
  const own = new Map<number, { label: string; caption: string }>();
  raw.blocks.forEach((block, i) => {
    if (block.kind !== 'table') return;
    const found = captionAbove(raw.blocks, i);
    if (found) own.set(block.index, found);
    else if (raw.blocks[i - 1]?.kind === 'table') {
      const previous = own.get((raw.blocks[i - 1] as Extract<Block, { kind: 'table' }>).index);
      if (previous) own.set(block.index, previous);
    }
  });
  const count = new Map<string, number>();
  for (const { label } of own.values()) count.set(label, (count.get(label) ?? 0) + 1);
  const seen = new Map<string, number>();
  return [...own.entries()].map(([table, { label, caption }]) => {
    const part = (seen.get(label) ?? 0) + 1;
    seen.set(label, part);
    return { table, caption, label: (count.get(label) ?? 0) > 1 ? `${label}·第${part}段` : label };
  });
}

function captionAbove(blocks: Block[], tableAt: number): { label: string; caption: string } | null {
  const lines: string[] = [];
  for (let i = tableAt - 1; i >= 0 && lines.length < LOOK_BACK; i--) {
    const block = blocks[i];
    if (block.kind !== 'paragraph') break;
    lines.push(block.text.trim());
  }
  let title: string | null = null;
  for (const line of lines) {
    const numbered = NUMBERED.exec(line);
    if (numbered) return { label: numbered[1] + toAscii(numbered[2]).replace(/\s+/g, '').replace(/[－—–]/g, '-').replace(/．/g, '.'), caption: line };
    if (!title && line.length <= MAX_TITLE && /表$|表（|表\(/.test(line)) title = line;
  }
  return title ? { label: title, caption: title } : null;
}

const toAscii = (text: string) => text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
