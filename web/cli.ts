// `jixiao serve` and `jixiao user`: the command-line side of the web page.
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { QUEUE_CHECK_FLAGS, QUEUE_CHECK_USAGE } from '../queue/cli.ts';
import { Accounts, ROLE_LABEL, ROLES, type Role } from './accounts.ts';
import { DEFAULT_DATA_DIR, DEFAULT_HOST, DEFAULT_PORT, dataPaths, isLoopback, openWebDb, startServer } from './server.ts';

const SERVE_USAGE = `用法：jixiao serve [--port ${DEFAULT_PORT}] [--host ${DEFAULT_HOST}] [--data <文件夹>] [--db <文件>] [--jobs N] [--tls-cert 证书.pem --tls-key 私钥.pem] [--redis 地址]
  --data 数据文件夹（默认 ${DEFAULT_DATA_DIR}）：上传的文件、账户和批次；结果库默认为其中的 jixiao.db（与 jixiao check/mark 的默认结果库相同）
  --host 默认只允许本机访问；填局域网地址（如 0.0.0.0）前须先用 jixiao user add 创建账户
${QUEUE_CHECK_USAGE}`;

type Write = (text: string) => void;

export async function serveCommand(argv: string[], write: Write = (t) => process.stdout.write(`${t}\n`)): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      data: { type: 'string' },
      db: { type: 'string' },
      jobs: { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      ...QUEUE_CHECK_FLAGS,
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return (write(SERVE_USAGE), 0);
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port 需要 0–65535 之间的整数，收到“${values.port}”`);
  const jobs = values.jobs === undefined ? undefined : Number(values.jobs);
  if (jobs !== undefined && (!Number.isInteger(jobs) || jobs < 1)) throw new Error(`--jobs 需要正整数，收到“${values.jobs}”`);
  if (Boolean(values['tls-cert']) !== Boolean(values['tls-key'])) throw new Error('--tls-cert 与 --tls-key 需要一起给出');
  const tls = values['tls-cert'] ? { cert: readFileSync(values['tls-cert']), key: readFileSync(values['tls-key']!) } : undefined;
  const host = values.host ?? DEFAULT_HOST;

  const queue = values.redis ? values : undefined;
  const server = await startServer({ port, host, dataDir: values.data, db: values.db, run: { jobs, queue }, tls });
  write(`jixiao 网页已启动：${server.url}`);
  write(`数据文件夹：${dataPaths(values.data).dir}`);
  if (server.resumed.length) write(`继续检查上次未完成的批次：${server.resumed.join('、')}`);
  if (!isLoopback(host) && !tls) write('注意：未使用 HTTPS，局域网内的密码和会话以明文传输；建议用 --tls-cert/--tls-key 或放在 HTTPS 反向代理之后。');
  write('按 Ctrl-C 停止（未完成的批次下次启动时继续）。');
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      write('正在停止…');
      void server.close().then(resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return 0;
}

export async function userCommand(argv: string[], write: Write = (t) => process.stdout.write(`${t}\n`), readPassword = promptPassword): Promise<number> {
  const [action, ...rest] = argv;
  const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { role: { type: 'string' }, data: { type: 'string' } } });
  const db = openWebDb(values.data);
  try {
    const accounts = new Accounts(db);
    if (action === 'list') {
      const users = accounts.list();
      write(users.length ? users.map((u) => `${u.name}\t${ROLE_LABEL[u.role]}`).join('\n') : '还没有账户。');
      return 0;
    }
    const [name] = positionals;
    if (action === 'remove' && name) {
      if (!accounts.remove(name)) throw new Error(`没有名为“${name}”的账户`);
      write(`已删除账户 ${name}`);
      return 0;
    }
    if (action === 'add' && name && positionals.length === 1) {
      const role = values.role as Role;
      if (!ROLES.includes(role)) throw new Error('请用 --role reviewer（核查人员：上传、标记）或 --role viewer（查看人员：只读）指定角色');
      await accounts.add(name, role, await readPassword());
      write(`已创建账户 ${name}（${ROLE_LABEL[role]}：${role === 'reviewer' ? '可上传、标记' : '只读'}），数据文件夹 ${dataPaths(values.data).dir}`);
      return 0;
    }
    throw new Error('用法：jixiao user add <用户名> --role reviewer|viewer [--data <文件夹>]；jixiao user list；jixiao user remove <用户名>');
  } finally {
    db.close();
  }
}

/** The password typed twice without echo on a terminal, or the first line of stdin when piped. */
async function promptPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0];
  }
  const first = await askHidden('密码：');
  const second = await askHidden('再输入一次：');
  if (first !== second) throw new Error('两次输入的密码不一致');
  return first;
}

function askHidden(question: string): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk, _encoding, callback) {
      if (!muted) process.stdout.write(chunk);
      callback();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  return new Promise((resolve) => {
    rl.question(question, (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
    muted = true;
  });
}
