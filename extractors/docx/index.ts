// DOCX → RawDocument: zip safety check, mammoth → HTML (keeps gridSpan as colspan and vMerge —
// "restart"/"continue" and Word's bare <w:vMerge/> alike — as rowspan), then blocks.ts.
// Block provenance: loc.line is the 1-based block ordinal (see blocks.ts).
import mammoth from 'mammoth';
import { JixiaoError, type RawDocument } from '../../model/index.ts';
import type { Extractor } from '../types.ts';
import { assertSafeZip } from '../zip-safety.ts';
import { BlockBuilder } from './blocks.ts';
import { parseHtml } from './html.ts';

const TIMEOUT_MS = 60_000;

/** Chinese Word templates and LibreOffice name their heading styles in several ways. */
const STYLE_MAP = [
  "p[style-name='Title'] => h1:fresh",
  "p[style-name='Subtitle'] => h2:fresh",
  ...[1, 2, 3, 4, 5, 6].flatMap((n) => [`p[style-name='标题 ${n}'] => h${n}:fresh`, `p[style-name='标题${n}'] => h${n}:fresh`]),
];

export const extract: Extractor = async ({ bytes }) => {
  await assertSafeZip(bytes, 'Word（DOCX）');
  const html = await withTimeout(convert(bytes), TIMEOUT_MS);
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
        // Images are noted, not embedded: never inflate them into base64.
        convertImage: mammoth.images.imgElement(async (image) => ({ src: '', alt: image.altText ?? '' })),
      },
    );
    return result.value;
  } catch (error) {
    throw new JixiaoError('corrupt', `Word（DOCX）文件无法解析，可能已损坏或不是 Word 文档：${(error as Error).message}`);
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new JixiaoError('timeout', `Word 文件解析超时（超过 ${ms / 1000} 秒），已跳过`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
