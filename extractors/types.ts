import type { Format, RawDocument } from '../model/index.ts';

export interface ExtractInput {
  /** Path as given on the command line (for messages only; extractors read `bytes`). */
  path: string;
  bytes: Buffer;
  /** Format sniffed from the bytes by pipeline/ingest.ts. */
  format: Format;
}

export interface ExtractOptions {
  signal?: AbortSignal;
  /** Set by the batch runner: OCR service shared by all documents of a batch (extractors/ocr). */
  ocr?: OcrService;
  /** Called before the first and after every page read by OCR: pages done so far, of `total` to read. */
  onOcrPage?: (progress: OcrPageProgress) => void;
}

export interface OcrPageProgress {
  /** Page numbers already read, in order. */
  done: number[];
  /** Pages this document has to read by OCR. */
  total: number;
}

/** Every extractor turns one file into a RawDocument, or throws a JixiaoError with a Chinese message. */
export type Extractor = (input: ExtractInput, options: ExtractOptions) => Promise<RawDocument>;

/** Implemented by extractors/ocr: recognises a page image into blocks (paragraphs and tables). */
export interface OcrService {
  /**
   * `data` is raw RGBA when width and height are given and data.length === width × height × 4,
   * otherwise encoded image bytes (PNG, JPEG, TIFF). `dpi` (default: guessed from an A4 page) scales
   * the table-rule detector. Returned bboxes are pixel boxes of the given image (top-left origin).
   */
  recognize(image: { data: Uint8Array | Buffer; width?: number; height?: number; page?: number; dpi?: number }): Promise<RawDocument['blocks']>;
  terminate(): Promise<void>;
}

/**
 * What one extractor folder reads (its format.ts): the formats, how to recognise them from the bytes,
 * their Chinese names, and the extractor itself, loaded lazily so a TXT-only run never loads pdf.js,
 * mammoth or tesseract. A new input format is one folder with a format.ts, its entry in the model's
 * FormatSchema, and a line in extractors/index.ts.
 */
export interface FormatReader {
  formats: readonly Format[];
  /** Chinese names shown to the user (reports, console). */
  labels: Partial<Record<Format, string>>;
  /** The format these bytes are in, when this reader reads them; `ext` is the lower-case extension. */
  sniff(bytes: Buffer, ext: string): Format | null;
  load(): Promise<Extractor>;
}
