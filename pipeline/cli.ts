// jixiao's command line. Only this file (and the writers in report-files.ts) touches stdout and the file system.
import { parseArgs } from 'node:util';
import { OutputSchema, type Output } from '../model/index.ts';
import { formatDocument, formatSummary } from '../reporters/console.ts';
import { BatchInterrupted, runBatch } from './run.ts';
import { BATCH_FLAGS, BATCH_USAGE, interruptedMessage, openBatchSession } from './batch-cli.ts';
import { REPORT_FLAGS, REPORT_USAGE, reportTargets, writeJson, writeReports } from './report-files.ts';
import { markCommand, reviewCommand, STORE_USAGE } from '../store/cli.ts';
import { TOOL } from './version.ts';
import { formatRubricList } from '../scoring/rubrics/list.ts';
import { QUEUE_CHECK_FLAGS, QUEUE_CHECK_USAGE, WORKER_USAGE, queueBatchOptions, workerCommand } from '../queue/cli.ts';

const USAGE = `用法：
  jixiao check <文件或文件夹…> [--json <文件|->]   检查绩效评价报告，列出对不上的数字
${STORE_USAGE}
${WORKER_USAGE}
  jixiao rubrics                                    列出内置的评分规则（可用 check --rubric <编号|文件> 指定）
  jixiao --help                                     显示本说明

检查选项：
${BATCH_USAGE}
${REPORT_USAGE}
${QUEUE_CHECK_USAGE}

退出码：0 没有错误级问题；1 发现错误级问题；2 运行本身失败`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (!command || command === '--help' || command === '-h') {
      console.log(USAGE);
      return command ? 0 : 2;
    }
    if (command === 'check') return await checkCommand(rest);
    if (command === 'rubrics') return (console.log(formatRubricList()), 0);
    if (command === 'review') return await reviewCommand(rest);
    if (command === 'mark') return await markCommand(rest);
    if (command === 'worker') return await workerCommand(rest);
    console.error(`未知命令：${command}\n\n${USAGE}`);
    return 2;
  } catch (error) {
    console.error(`运行失败：${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
}

async function checkCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'string' },
      rubric: { type: 'string' },
      quiet: { type: 'boolean', short: 'q' },
      ...BATCH_FLAGS,
      ...REPORT_FLAGS,
      ...QUEUE_CHECK_FLAGS,
    },
  });
  if (positionals.length === 0) throw new Error('请指定要检查的文件或文件夹');
  const reports = reportTargets(values);
  const jsonToStdout = values.json === '-';
  const log = (text: string) => (jsonToStdout ? process.stderr : process.stdout).write(`${text}\n`);

  const session = openBatchSession(values, argv);
  let checked;
  try {
    const remote = await queueBatchOptions(values, { rubric: values.rubric, ...session.options }, (text) => process.stderr.write(`${text}\n`));
    checked = await runBatch(positionals, {
      rubric: values.rubric,
      ...session.options,
      ...remote,
      progress: !values.quiet,
      onDocument: (doc) => {
        if (!values.quiet) log(`${formatDocument(doc.result)}\n`);
      },
    });
  } catch (error) {
    if (!(error instanceof BatchInterrupted)) throw error;
    console.error(interruptedMessage(error, session.store));
    return 130;
  } finally {
    session.close();
  }
  const output: Output = OutputSchema.parse({ tool: TOOL, documents: checked.map((d) => d.result) });
  log(formatSummary(output));
  if (values.json) await writeJson(values.json, output);
  await writeReports(reports, output, session.followUps);
  return output.documents.some((d) => d.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}

