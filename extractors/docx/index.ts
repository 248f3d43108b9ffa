// DOCX → RawDocument: zip safety check, gridBefore/gridAfter padding (pad-grid.ts), mammoth → HTML
// (keeps gridSpan as colspan and vMerge — "restart"/"continue" and Word's bare <w:vMerge/> alike —
// as rowspan), then blocks.ts.
// Block provenance: loc.line is the 1-based block ordinal (see blocks.ts).
import mammoth from 'mammoth';
import { JixiaoError, type RawDocument } from '../../model/index.ts';
import type { Extractor } from '../types.ts';
import { withTimeout } from '../deadline.ts';
import { assertSafeZip } from '../zip-safety.ts';
import { BlockBuilder } from './blocks.ts';
import { parseHtml } from './html.ts';
import { padSkippedGridColumns } from './pad-grid.ts';

const TIMEOUT_MS = 60_000;

/** Chinese Word templates and LibreOffice name their heading styles in several ways. */
const STYLE_MAP = [
  "p[style-name='Title'] => h1:fresh",
  "p[style-name='Subtitle'] => h2:fresh",
  ...[1, 2, 3, 4, 5, 6].flatMap((n) => [`p[style-name='标题 ${n}'] => h${n}:fresh`, `p[style-name='标题${n}'] => h${n}:fresh`]),
];

export const extract: Extractor = async ({ bytes }) => {
  await assertSafeZip(bytes, 'Word 文件（DOCX）');
  const html = await withTimeout(padSkippedGridColumns(bytes).catch(() => bytes).then(convert), TIMEOUT_MS, `Word 文件解析超时（超过 ${TIMEOUT_MS / 1000} 秒），已跳过`);
  return docxHtmlToRawDocument(html);
};

export function docxHtmlToRawDocument(html: string): RawDocument {
  const builder = new BlockBuilder();
  const blocks = builder.build(parseHtml(html));
  if (!blocks.some((b) => b.kind !== 'image')) throw new JixiaoError('empty', 'Word 文件中没有可读取的文字内容');
  return { format: 'docx', blocks, warnings: builder.warnings };
}

async function convert(bytes: Buffer): Promise<string> {
  try {
    const result = await mammoth.convertToHtml(
      { buffer: bytes },
      {
        styleMap: STYLE_MAP,
        includeDefaultStyleMap: true,
        // Linked (not embedded) images must never make mammoth read local files.
        externalFileAccess: false,
        // An empty paragraph ends a run of tab-aligned rows, as a blank line does in a text file.
        ignoreEmptyParagraphs: false,
        // Images are noted, not embedded: never inflate them into base64.
        convertImage: mammoth.images.imgElement(async (image) => ({ src: '', alt: (image as { altText?: string }).altText ?? '' })),
      },
    );
    return result.value;
  } catch (error) {
    throw new JixiaoError('corrupt', `Word（DOCX）文件无法解析，可能已损坏或不是 Word 文档：${(error as Error).message}`);
  }
}
