import { describe, expect, it } from 'vitest';
import { describeRedis, redisOptions } from './connection.ts';

describe('redisOptions', () => {
  it('reads host, port, database, user and password from the URL; TLS from rediss://', () => {
    const o = redisOptions({ redis: 'rediss://jixiao:p%40ss@redis.example:6380/2' }, {});
    expect(o).toMatchObject({ host: 'redis.example', port: 6380, db: 2, username: 'jixiao', password: 'p@ss', tls: { servername: 'redis.example' }, maxRetriesPerRequest: null });
    expect(redisOptions({ redis: 'redis://10.0.0.1' }, {})).toMatchObject({ host: '10.0.0.1', port: 6379, db: 0, tls: undefined, password: undefined });
  });

  it('takes --redis-password over the environment over the URL, and never shows it', () => {
    expect(redisOptions({ redis: 'redis://:url@h', 'redis-password': 'flag' }, { JIXIAO_REDIS_PASSWORD: 'env' }).password).toBe('flag');
    expect(redisOptions({ redis: 'redis://:url@h' }, { JIXIAO_REDIS_PASSWORD: 'env' }).password).toBe('env');
    expect(redisOptions({ redis: 'redis://:url@h' }, {}).password).toBe('url');
    expect(describeRedis(redisOptions({ redis: 'rediss://:secret@h:1/3' }, {}))).toBe('rediss://h:1/3');
  });

  it('refuses other schemes and a bad database with a Chinese message', () => {
    expect(() => redisOptions({ redis: 'http://h:6379' }, {})).toThrow(/redis:\/\/ 或 rediss:\/\//);
    expect(() => redisOptions({ redis: 'redis://h/abc' }, {})).toThrow(/数据库编号/);
    expect(() => redisOptions({}, {})).toThrow(/--redis/);
  });
});
