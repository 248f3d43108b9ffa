// How jixiao reaches Redis: the --redis URL (redis:// or rediss:// for TLS, user and password allowed in
// it), --redis-password / JIXIAO_REDIS_PASSWORD (kept out of `ps`), --redis-ca for a private TLS CA.
import { readFileSync } from 'node:fs';
import type { RedisOptions } from 'ioredis';

export const REDIS_FLAGS = {
  redis: { type: 'string' },
  'redis-password': { type: 'string' },
  'redis-ca': { type: 'string' },
} as const;

export const REDIS_USAGE = `  --redis <地址>        通过 Redis 队列交给其他机器上的 jixiao worker 检查，如 redis://主机:6379、
                        rediss://用户:密码@主机:6380/0（rediss 为 TLS 加密连接）
  --redis-password <密码>  Redis 密码（也可写在地址里或用环境变量 JIXIAO_REDIS_PASSWORD，后者不会出现在进程列表中）
  --redis-ca <文件>     TLS 连接所用的 CA 证书（PEM），用于自建证书的 Redis`;

export interface RedisFlagValues {
  redis?: string;
  'redis-password'?: string;
  'redis-ca'?: string;
}

/** ioredis options for BullMQ (which needs maxRetriesPerRequest null: commands wait out a reconnect). */
export function redisOptions(values: RedisFlagValues, env: NodeJS.ProcessEnv = process.env): RedisOptions {
  const text = values.redis;
  if (!text) throw new Error('请用 --redis 指定 Redis 地址，如 redis://127.0.0.1:6379');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`--redis 地址无法解析：“${text}”（应形如 redis://主机:6379）`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw new Error(`--redis 地址须以 redis:// 或 rediss:// 开头，收到“${text}”`);
  const db = url.pathname.replace(/^\//, '');
  if (db && !/^\d+$/.test(db)) throw new Error(`--redis 地址中的数据库编号须为整数，收到“${db}”`);
  const password = values['redis-password'] ?? env.JIXIAO_REDIS_PASSWORD ?? (url.password ? decodeURIComponent(url.password) : undefined);
  const tls = url.protocol === 'rediss:' || values['redis-ca'] ? { ...(values['redis-ca'] ? { ca: readCa(values['redis-ca']) } : {}), servername: url.hostname } : undefined;
  return {
    host: url.hostname || '127.0.0.1',
    port: url.port ? Number(url.port) : 6379,
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password,
    db: db ? Number(db) : 0,
    tls,
    maxRetriesPerRequest: null,
    // Keep retrying (a Redis restart), at most every 2 s; the coordinator decides when to give up.
    retryStrategy: (times: number) => Math.min(times * 200, 2000),
  };
}

/** The address to show a user: never the password. */
export function describeRedis(options: RedisOptions): string {
  return `${options.tls ? 'rediss' : 'redis'}://${options.host}:${options.port}/${options.db ?? 0}`;
}

function readCa(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`无法读取 --redis-ca 证书文件 ${path}：${(error as Error).message}`);
  }
}
