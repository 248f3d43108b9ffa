// Batch progress on stderr: a redrawn bar on a terminal, plain log lines otherwise.
import { basename } from 'node:path';
import type { DocumentResult } from '../model/index.ts';

export interface Progress {
  started(path: string): void;
  finished(result: DocumentResult, reused: boolean): void;
  /** Pages read by OCR so far in a file being checked. */
  ocrPage?(path: string, done: number, total: number): void;
  /** Writes text (to stdout or stderr) without tearing the bar. */
  print(write: () => void): void;
  end(): void;
}

export interface ProgressOptions {
  total: number;
  stream?: NodeJS.WriteStream;
  /** Defaults to stream.isTTY. */
  tty?: boolean;
  now?: () => number;
}

export const silentProgress: Progress = { started() {}, finished() {}, print: (write) => write(), end() {} };

export function createProgress(options: ProgressOptions): Progress {
  const stream = options.stream ?? process.stderr;
  const tty = options.tty ?? Boolean(stream.isTTY);
  const now = options.now ?? Date.now;
  const start = now();
  // current: the file most recently started (the bar); last: the one most recently finished (log lines).
  const state = { done: 0, findings: 0, current: '', last: '', lastDraw: 0, lastLog: 0, lastLoggedDone: 0 };
  const total = options.total;

  const line = () => {
    const eta = state.done > 0 && state.done < total ? `，预计剩余 ${formatDuration(((now() - start) / state.done) * (total - state.done))}` : '';
    return `已完成 ${state.done}/${total} 个文件，发现问题 ${state.findings} 项${eta}`;
  };
  const draw = (force = false) => {
    if (!tty || (!force && now() - state.lastDraw < 100)) return;
    state.lastDraw = now();
    const width = Math.max(40, stream.columns || 100);
    const ratio = total ? state.done / total : 1;
    const barWidth = 20;
    const filled = Math.round(ratio * barWidth);
    const text = `[${'█'.repeat(filled)}${'░'.repeat(barWidth - filled)}] ${line()}　${state.current}`;
    stream.write(`\r\x1b[2K${clip(text, width - 1)}`);
  };
  const clear = () => {
    if (tty) stream.write('\r\x1b[2K');
  };
  const log = () => {
    // Not a terminal: one line per document for small batches, about every 5% (or 10 s) for large ones.
    const step = Math.max(1, Math.floor(total / 20));
    const due = state.done - state.lastLoggedDone >= step || now() - state.lastLog >= 10_000 || state.done === total;
    if (!due) return;
    state.lastLoggedDone = state.done;
    state.lastLog = now();
    stream.write(`${line()}（最近：${state.last}）\n`);
  };

  return {
    started(path) {
      state.current = basename(path);
      draw();
    },
    ocrPage(path, done, total) {
      state.current = `${basename(path)}（OCR 第 ${done}/${total} 页）`;
      if (tty) draw();
      else if (done > 0 && now() - state.lastLog >= 10_000) {
        state.lastLog = now();
        stream.write(`${basename(path)}：OCR 已识别 ${done}/${total} 页\n`);
      }
    },
    finished(result, reused) {
      state.done++;
      state.findings += result.findings.length;
      state.last = `${basename(result.file)}${reused ? '（未变化，沿用上次结果）' : ''}`;
      if (tty) draw(state.done === total);
      else log();
    },
    print(write) {
      clear();
      write();
      draw(true);
    },
    end() {
      if (!tty) return;
      draw(true);
      stream.write('\n');
    },
  };
}

export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

/** Cuts text to a display width, counting CJK characters as two columns. */
function clip(text: string, width: number): string {
  let used = 0;
  let out = '';
  for (const ch of text) {
    const w = /[\u1100-\uffff]/.test(ch) && !/[\u2500-\u25ff]/.test(ch) ? 2 : 1;
    if (used + w > width) return out;
    used += w;
    out += ch;
  }
  return out;
}
