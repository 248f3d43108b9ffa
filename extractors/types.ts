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
}

/** Every extractor turns one file into a RawDocument, or throws a JixiaoError with a Chinese message. */
export type Extractor = (input: ExtractInput, options: ExtractOptions) => Promise<RawDocument>;

/** Implemented by extractors/ocr: recognises a page image into blocks (paragraphs and tables). */
export interface OcrService {
  recognize(image: { data: Uint8Array | Buffer; width?: number; height?: number; page?: number }): Promise<RawDocument['blocks']>;
  terminate(): Promise<void>;
}
