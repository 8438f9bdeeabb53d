import { describe, expect, it } from 'vitest';
import { ioredisOptions, parseRedisUrl, reconnectDelay, resolveRedisSettings } from './redis-options.js';

describe('parseRedisUrl', () => {
  it('reads host, port, database and credentials, decoding percent-escapes', () => {
    expect(parseRedisUrl('redis://user:p%40ss@cache.internal:6380/4')).toEqual({
      host: 'cache.internal',
      port: 6380,
      db: 4,
      username: 'user',
      password: 'p@ss',
      tls: false,
      display: 'redis://user:***@cache.internal:6380/4',
    });
  });

  it('defaults to port 6379 and database 0, as Tutor writes the URL', () => {
    expect(parseRedisUrl('redis://@redis:6379/')).toMatchObject({
      host: 'redis',
      port: 6379,
      db: 0,
      username: undefined,
      password: undefined,
    });
    expect(parseRedisUrl('redis://redis')).toMatchObject({ port: 6379, db: 0 });
  });

  it('turns TLS on for rediss:// and accepts a password without a user name', () => {
    expect(parseRedisUrl('rediss://:secret@[::1]/2')).toMatchObject({
      host: '::1',
      db: 2,
      username: undefined,
      password: 'secret',
      tls: true,
      display: 'rediss://:***@[::1]/2',
    });
  });

  it('rejects other schemes and non-numeric databases with usage.bad_bus_url, without the password', () => {
    for (const url of ['http://h:6379', 'redis://:hunter2@h/zero', 'not a url']) {
      let error: unknown;
      try {
        parseRedisUrl(url);
      } catch (e) {
        error = e;
      }
      expect(error).toMatchObject({ code: 'usage.bad_bus_url' });
      expect(String((error as Error).message)).not.toContain('hunter2');
    }
  });
});

describe('reconnection and connection options', () => {
  it('backs off exponentially from the base delay up to the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 50].map((n) => reconnectDelay(n, 50, 2000))).toEqual([
      50, 100, 200, 400, 800, 1600, 2000, 2000,
    ]);
  });

  it('never queues commands inside ioredis and never resends them after a reconnect', () => {
    const options = ioredisOptions(resolveRedisSettings({ url: 'redis://h:1/3' }), 'main');
    expect(options).toMatchObject({
      host: 'h',
      port: 1,
      db: 3,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      autoResendUnfulfilledCommands: false,
      connectionName: 'edstream:main',
    });
    expect(options.tls).toBeUndefined();
    expect(typeof options.retryStrategy === 'function' && options.retryStrategy(10)).toBe(2000);
  });

  it('passes TLS settings for rediss:// only', () => {
    const ca = Buffer.from('ca');
    expect(ioredisOptions(resolveRedisSettings({ url: 'rediss://h', tls: { ca } }), 'r').tls).toEqual({ ca });
    expect(ioredisOptions(resolveRedisSettings({ url: 'redis://h', tls: { ca } }), 'r').tls).toBeUndefined();
  });

  it('rejects timeouts that are not positive with usage.bad_option', () => {
    expect(() => resolveRedisSettings({ url: 'redis://h', commandTimeoutMs: 0 })).toThrowError(
      expect.objectContaining({ code: 'usage.bad_option' }),
    );
  });
});
