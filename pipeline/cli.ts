// jixiao's command line. Only this file (and the writers in report-files.ts) touches stdout and the file system.
import { OutputSchema, type DocumentResult, type Output } from '../model/index.ts';
import { formatDocument, formatSummary } from '../reporters/console.ts';
import { batchCounts } from '../reporters/batch.ts';
import { BatchInterrupted, runBatch } from './run.ts';
import { BATCH_FLAGS, BATCH_USAGE, interruptedMessage, openBatchSession } from './batch-cli.ts';
import { REPORT_FLAGS, REPORT_USAGE, reportTargets, writeJson, writeReports } from './report-files.ts';
import { markCommand, reviewCommand, STORE_USAGE } from '../store/cli.ts';
import { importCommand, IMPORT_USAGE } from '../store/import-cli.ts';
import { TOOL } from './version.ts';
import { formatRubricList } from '../scoring/rubrics/list.ts';
import { resolveRubric } from '../scoring/rubrics/load.ts';
import { assertWritable, parseArgsZh, UsageError } from './cli-args.ts';
import { exitCodeOf, EXIT_CODES_USAGE } from './exit-code.ts';
import { WEB_USAGE } from '../web/usage.ts';
import { QUEUE_CHECK_FLAGS, QUEUE_CHECK_USAGE, WORKER_USAGE, queueBatchOptions, workerCommand } from '../queue/cli.ts';

const CHECK_USAGE = `用法：jixiao check <文件或文件夹…> [选项]
  检查绩效评价报告，列出对不上的数字。

检查选项：
  --json <文件|->       按输出约定写 JSON（- 为标准输出）
  --rubric <编号|文件>  指定评分标准（默认按报告自动选择；jixiao rubrics 列出可用的编号）
  --info                逐条列出提示级问题（默认折叠为一行）
  --quiet, -q           不逐个文件输出，只输出汇总
${BATCH_USAGE}
${REPORT_USAGE}
${QUEUE_CHECK_USAGE}

${EXIT_CODES_USAGE}`;

const USAGE = `用法：
  jixiao check <文件或文件夹…> [选项]              检查绩效评价报告，列出对不上的数字（jixiao check --help 查看选项）
${STORE_USAGE}
${IMPORT_USAGE}
${WEB_USAGE}
${WORKER_USAGE}
  jixiao rubrics                                    列出内置的评分规则（可用 check --rubric <编号|文件> 指定）
  jixiao help [命令]、jixiao --help                 显示本说明或某个命令的说明
  jixiao --version                                  显示版本

${EXIT_CODES_USAGE}`;

const COMMAND_HELP: Record<string, string> = {
  check: CHECK_USAGE,
  review: `用法：\n${STORE_USAGE.split('\n')[0]}`,
  mark: `用法：\n${STORE_USAGE.split('\n').slice(1).join('\n')}`,
  import: `用法：\n${IMPORT_USAGE}`,
  rubrics: '用法：jixiao rubrics\n  列出内置的评分规则（编号、城市、年度、按公式复算的指标）',
};

const wantsHelp = (args: string[]) => args.includes('--help') || args.includes('-h');

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (!command) {
      console.error(USAGE);
      return 2;
    }
    if (command === '--help' || command === '-h') return (console.log(USAGE), 0);
    if (command === '--version' || command === '-v' || command === 'version') return (console.log(`${TOOL.name} ${TOOL.version}`), 0);
    if (command === 'help') return (console.log((rest[0] && COMMAND_HELP[rest[0]]) || USAGE), 0);
    if (COMMAND_HELP[command] && wantsHelp(rest)) return (console.log(COMMAND_HELP[command]), 0);
    if (command === 'check') return await checkCommand(rest);
    if (command === 'rubrics') return (console.log(formatRubricList()), 0);
    if (command === 'review') return await reviewCommand(rest);
    if (command === 'mark') return await markCommand(rest);
    if (command === 'import') return await importCommand(rest);
    if (command === 'serve') return await (await import('../web/cli.ts')).serveCommand(rest);
    if (command === 'user') return await (await import('../web/cli.ts')).userCommand(rest);
    if (command === 'worker') return await workerCommand(rest);
    console.error(`未知命令：${command}\n\n${USAGE}`);
    return 2;
  } catch (error) {
    const prefix = error instanceof UsageError ? '参数错误' : '运行失败';
    console.error(`${prefix}：${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
}

async function checkCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgsZh(
    {
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'string' },
        rubric: { type: 'string' },
        info: { type: 'boolean' },
        quiet: { type: 'boolean', short: 'q' },
        ...BATCH_FLAGS,
        ...REPORT_FLAGS,
        ...QUEUE_CHECK_FLAGS,
      },
    },
    'check',
  );
  if (positionals.length === 0) throw new UsageError('请指定要检查的文件或文件夹（用 jixiao check --help 查看用法）');
  const reports = reportTargets(values);
  // Everything that can make the run fail is checked before an hour of checking is spent.
  for (const { kind, path } of reports) assertWritable(path, `--${kind}`);
  if (values.json !== undefined && values.json !== '-') assertWritable(values.json, '--json');
  if (values.rubric !== undefined) {
    try {
      resolveRubric(values.rubric);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  }
  const jsonToStdout = values.json === '-';
  const log = (text: string) => (jsonToStdout ? process.stderr : process.stdout).write(`${text}\n`);

  const session = openBatchSession(values, argv);
  const consoleOptions = { statusOf: session.followUps, showInfo: values.info ?? false };
  // Without --json or a report file only the summary needs the results: they are kept without their
  // tables, which are most of their size, so a long batch's memory stays flat.
  const keep = values.json || reports.length ? (r: DocumentResult) => r : (r: DocumentResult) => ({ ...r, tables: [] });
  const results: DocumentResult[] = [];
  try {
    const remote = await queueBatchOptions(values, { rubric: values.rubric, ...session.options }, (text) => process.stderr.write(`${text}\n`));
    await runBatch(positionals, {
      rubric: values.rubric,
      ...session.options,
      ...remote,
      progress: !values.quiet,
      collect: false,
      onDocument: (doc) => {
        results.push(keep(doc.result));
        if (!values.quiet) log(`${formatDocument(doc.result, consoleOptions)}\n`);
      },
    });
  } catch (error) {
    if (!(error instanceof BatchInterrupted)) throw error;
    console.error(interruptedMessage(error, session.store));
    return 130;
  } finally {
    session.close();
  }
  const output: Output = OutputSchema.parse({ tool: TOOL, documents: results });
  log(formatSummary(output, consoleOptions));
  if (values.json) await writeJson(values.json, output, session.followUps);
  await writeReports(reports, output, session.followUps);
  return exitCodeOf(batchCounts(output, session.followUps));
}
