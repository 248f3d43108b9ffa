// Exit codes a script can trust (as ESLint treats a file it cannot parse): 0 every file checked and
// no open error finding; 1 an open error finding (dismissed ones do not count, confirmed ones do) or a
// file that could not be checked; 2 the run itself failed (bad arguments, an output not writable).
import type { BatchCounts } from '../reporters/batch.ts';

export const EXIT_CODES_USAGE = `退出码：0 所有文件都已检查且没有未排除的错误级问题；1 有未排除的错误级问题，或有文件无法检查（无法读取或超时，汇总行给出各有几个）；2 运行本身失败（参数错误、输出文件无法写入）`;

export function exitCodeOf(counts: BatchCounts): 0 | 1 {
  return counts.open.error > 0 || counts.failed > 0 || counts.files === 0 ? 1 : 0;
}
