// Batch worker for the fuzz suite: the real checkFile, with an OCR stub so mutated images exercise
// decoding and layout, not minutes of tesseract.
import { parentPort } from 'node:worker_threads';
import { register as registerHooks } from 'node:module';
import { register } from 'tsx/esm/api';

register();
registerHooks('../../pipeline/worker-hooks.mjs', import.meta.url);
const { checkFile } = await import('../../pipeline/check.ts');
const { decodeImage } = await import('../../extractors/ocr/index.ts');
const { JixiaoError } = await import('../../model/index.ts');
// Decode the image for real (the part mutations break), recognise nothing.
const noTiff = { toGreyPng: async () => { throw new JixiaoError('unsupported-format', '测试中不解码 TIFF'); } };
const ocr = {
  recognize: async (input) => {
    await decodeImage(input, noTiff);
    return [];
  },
  terminate: async () => {},
};

parentPort.on('message', async (task) => {
  if (task.type === 'shutdown') process.exit(0);
  const { result } = await checkFile(task.path, { ...task.options, ocr });
  parentPort.postMessage({ type: 'done', id: task.id, result });
});
parentPort.postMessage({ type: 'ready' });
