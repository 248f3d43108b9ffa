// Argument handling shared by every jixiao command: node:util's parseArgs with its English errors
// turned into Chinese ones, and the output paths checked before a long run starts.
import { accessSync, constants, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A mistake in how jixiao was called (exit code 2); the message is Chinese and names the command's help. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** parseArgs, strict, with its errors (unknown option, missing value…) in Chinese. */
export function parseArgsZh<T extends ParseArgsConfig>(config: T, command: string) {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new UsageError(`${translateParseError(error)}（用 jixiao ${command} --help 查看用法）`);
  }
}

/** node:util's ERR_PARSE_ARGS_* errors, in Chinese; the option name is taken from the English message. */
export function translateParseError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string }).code;
  const option = /'(-[^' ]+)/.exec(message)?.[1] ?? '';
  const positional = /argument '([^']*)'/.exec(message)?.[1] ?? '';
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `未知选项 ${option}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /does not take an argument/.test(message) ? `选项 ${option} 不带参数` : `选项 ${option} 缺少参数值`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `多余的参数“${positional}”`;
    default:
      return `参数有误：${message}`;
  }
}

/**
 * Throws a Chinese UsageError when a file cannot be written at path: its folder is missing or not
 * writable, or the path is a folder or a read-only file. Checked before the run, so an hour of
 * checking is not lost to a typo in --xlsx.
 */
export function assertWritable(path: string, flag: string): void {
  const full = resolve(path);
  const folder = dirname(full);
  let existing: ReturnType<typeof statSync> | undefined;
  try {
    existing = statSync(full);
  } catch {
    existing = undefined;
  }
  if (existing?.isDirectory()) throw new UsageError(`${flag} ${path} 是一个文件夹，请给出文件路径`);
  try {
    if (!statSync(folder).isDirectory()) throw new Error();
  } catch {
    throw new UsageError(`无法写入 ${flag} ${path}：文件夹 ${folder} 不存在`);
  }
  try {
    accessSync(existing ? full : folder, constants.W_OK);
  } catch {
    throw new UsageError(`无法写入 ${flag} ${path}：${existing ? '文件' : '文件夹'}没有写权限`);
  }
}
