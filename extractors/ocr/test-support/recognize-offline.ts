// Run by ocr.test.ts in a child process under no-network-guard.cjs: proves the guard is active in
// worker threads, then recognises an image with a fresh OCR service and prints what it read.
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { createOcrService } from '../index.ts';

const probe = new Worker("try { fetch('http://probe.invalid/') } catch {}", { eval: true });
await new Promise((resolve) => probe.on('exit', resolve));

const ocr = createOcrService({ workers: 1 });
try {
  const blocks = await ocr.recognize({ data: readFileSync(process.argv[2]), page: 1 });
  const text = blocks.map((b) => (b.kind === 'paragraph' ? b.text : b.kind === 'table' ? b.rows.flat().map((c) => c.text).join(' ') : '')).join('\n');
  process.stdout.write(JSON.stringify({ blocks: blocks.length, text }));
} finally {
  await ocr.terminate();
}
