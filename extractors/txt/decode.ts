import iconv from 'iconv-lite';

/** Decodes UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030/GBK text. */
export function decodeText(bytes: Buffer): { text: string; encoding: string } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: iconv.decode(bytes.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: iconv.decode(bytes.subarray(2), 'utf-16be'), encoding: 'utf-16be' };
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8' };
  } catch {
    // Not valid UTF-8: Chinese government text files are then almost always GBK, a subset of GB18030.
    return { text: iconv.decode(body, 'gb18030'), encoding: 'gb18030' };
  }
}
