// One OCR service per batch worker, created on first use so text-only batches never start tesseract.
// extractors/ocr exports `createOcrService({ workers })`; each batch thread gets one tesseract worker, since
// the batch already runs one thread per core.
import type { OcrService } from '../extractors/types.ts';
import { JixiaoError } from '../model/index.ts';

type OcrModule = { createOcrService?: (options?: { workers?: number }) => OcrService | Promise<OcrService> };

export function lazyOcrService(load: () => Promise<OcrModule> = () => import('../extractors/ocr/index.ts')): OcrService {
  let service: Promise<OcrService> | null = null;
  const get = () =>
    (service ??= load().then(
      (mod) => {
        if (!mod.createOcrService) throw new JixiaoError('unsupported-format', '文字识别（OCR）模块不可用，无法读取扫描页');
        return mod.createOcrService({ workers: 1 });
      },
      () => {
        throw new JixiaoError('unsupported-format', '文字识别（OCR）模块未安装，无法读取扫描页');
      },
    ));
  return {
    recognize: async (image) => (await get()).recognize(image),
    terminate: async () => {
      if (service) await (await service.catch(() => null))?.terminate();
      service = null;
    },
  };
}
