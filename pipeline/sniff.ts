// Decides a file's real format from its bytes; the extension only breaks ties the bytes cannot
// (an OLE2 container is .doc, .wps, .et or .xls; a ZIP is .docx or .xlsx by its parts).
import { extname } from 'node:path';
import type { Format } from '../model/index.ts';

const PDF = Buffer.from('%PDF-');
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47]);
const JPG = Buffer.from([0xff, 0xd8, 0xff]);
const TIFF_LE = Buffer.from([0x49, 0x49, 0x2a, 0x00]);
const TIFF_BE = Buffer.from([0x4d, 0x4d, 0x00, 0x2a]);

const startsWith = (bytes: Buffer, magic: Buffer) => bytes.subarray(0, magic.length).equals(magic);

export function sniffFormat(bytes: Buffer, path: string): Format {
  const ext = extname(path).toLowerCase();
  // A PDF may carry junk before its header; the spec allows the header within the first 1024 bytes.
  if (bytes.subarray(0, 1024).includes(PDF)) return 'pdf';
  if (startsWith(bytes, ZIP)) return sniffZip(bytes, ext);
  if (startsWith(bytes, OLE)) return ({ '.wps': 'wps', '.et': 'et', '.xls': 'xls' } as Record<string, Format>)[ext] ?? 'doc';
  if (startsWith(bytes, PNG) || startsWith(bytes, JPG) || startsWith(bytes, TIFF_LE) || startsWith(bytes, TIFF_BE)) return 'image';
  if (looksLikeText(bytes)) return 'txt';
  return 'unknown';
}

function sniffZip(bytes: Buffer, ext: string): Format {
  // Part names are stored uncompressed in local headers; a bounded scan finds them without unzipping.
  const head = bytes.subarray(0, Math.min(bytes.length, 1 << 20)).toString('latin1');
  if (head.includes('word/')) return 'docx';
  if (head.includes('xl/')) return 'xlsx';
  if (ext === '.docx') return 'docx';
  if (ext === '.xlsx') return 'xlsx';
  return 'unknown';
}

/** Text when the first 64 KiB has no NUL and few control characters (UTF-8 or GB18030 alike). */
function looksLikeText(bytes: Buffer): boolean {
  if (bytes.length === 0) return false;
  const sample = bytes.subarray(0, 65536);
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) return false;
    if (byte < 0x09 || (byte > 0x0d && byte < 0x20)) control++;
  }
  return control / sample.length < 0.01;
}
