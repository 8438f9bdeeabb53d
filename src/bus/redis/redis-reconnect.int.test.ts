import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { isEdstreamError } from '../../errors.js';
import { createRedisBackend, type RedisStreamsBackend } from './redis-backend.js';
import type { RedisBackendOptions } from './redis-options.js';

// These tests run their own redis-server processes, so that they can kill, pause and restart them.

interface OwnServer {
  port: number;
  process: ChildProcess;
}

const servers = new Set<OwnServer>();
const backends = new Set<RedisStreamsBackend>();

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

async function startServer(port: number, extra: string[] = []): Promise<OwnServer> {
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--daemonize',
      'no',
      ...extra,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const server = { port, process: child };
  servers.add(server);
  await new Promise<void>((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${output}`)));
  });
  return server;
}

async function killServer(server: OwnServer): Promise<void> {
  const exited = new Promise((resolve) => server.process.once('exit', resolve));
  server.process.kill('SIGKILL');
  await exited;
  servers.delete(server);
}

function open(options: RedisBackendOptions): RedisStreamsBackend {
  const backend = createRedisBackend({
    connectTimeoutMs: 500,
    commandTimeoutMs: 1000,
    retryMaxMs: 200,
    ...options,
  });
  backends.add(backend);
  return backend;
}

async function codeOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => 'resolved',
    (error: unknown) => (isEdstreamError(error) ? error.code : error),
  );
}

/** Calls `ping` until it answers; each failed try is itself bounded by the connect timeout. */
async function waitUntilBack(backend: RedisStreamsBackend): Promise<void> {
  for (let attempt = 0; attempt < 40; attempt++) {
    if ((await codeOf(backend.ping())) === 'resolved') return;
  }
  throw new Error('the backend did not reconnect');
}

afterEach(async () => {
  await Promise.all([...backends].map((b) => b.close()));
  backends.clear();
  for (const server of [...servers]) {
    server.process.kill('SIGCONT');
    await killServer(server);
  }
});

describe('RedisStreamsBackend when Redis goes away', () => {
  it('reconnects by itself after the server is killed and started again on the same port', async () => {
    const port = await freePort();
    let server = await startServer(port);
    const backend = open({ url: `redis://127.0.0.1:${port}` });
    await backend.createGroup('s', 'g', '0');
    const [first] = await backend.append('s', [[['n', '1']]]);
    expect((await backend.readNew('s', 'g', 'c', { count: 10, blockMs: 100 })).map((e) => e.id)).toEqual([
      first,
    ]);
    const blocked = codeOf(backend.readNew('s', 'g', 'c', { count: 10, blockMs: 10_000 }));
    await sleep(50);

    await killServer(server);
    expect(await blocked).toBe('bus.connection_lost');
    const started = Date.now();
    expect(await codeOf(backend.append('s', [[['n', '2']]]))).toBe('bus.connection_lost');
    expect(await codeOf(backend.readNew('s', 'g', 'c', { count: 1, blockMs: 5000 }))).toBe(
      'bus.connection_lost',
    );
    expect(Date.now() - started).toBeLessThan(3000);
    expect(backend.status()).toBe('connecting');

    server = await startServer(port);
    await waitUntilBack(backend);
    expect(backend.status()).toBe('ready');
    // A fresh server (no persistence): the same backend object creates, appends and reads again.
    await backend.createGroup('s', 'g', '0');
    const reading = backend.readNew('s', 'g', 'c', { count: 10, blockMs: 5000 });
    await sleep(50);
    const [again] = await backend.append('s', [[['n', '3']]]);
    expect((await reading).map((e) => e.id)).toEqual([again]);
    expect(await backend.ack('s', 'g', [again!])).toBe(1);
  });

  it('fails calls with bus.timeout while the server is frozen, and works once it answers again', async () => {
    const port = await freePort();
    const server = await startServer(port);
    const backend = open({ url: `redis://127.0.0.1:${port}`, blockMarginMs: 300 });
    await backend.createGroup('s', 'g', '$');
    expect(await backend.readNew('s', 'g', 'c', { count: 1, blockMs: 10 })).toEqual([]);
    server.process.kill('SIGSTOP');
    const started = Date.now();
    expect(await codeOf(backend.append('s', [[['n', '1']]]))).toBe('bus.timeout');
    expect(await codeOf(backend.readNew('s', 'g', 'c', { count: 1, blockMs: 200 }))).toBe('bus.timeout');
    // A new connection cannot even get ready: the call fails once the connect timeout is over.
    expect(await codeOf(backend.readNew('s', 'g', 'c2', { count: 1, blockMs: 200 }))).toBe(
      'bus.connection_lost',
    );
    expect(Date.now() - started).toBeLessThan(5000);
    server.process.kill('SIGCONT');
    await waitUntilBack(backend);
    expect(await backend.info('s')).toMatchObject({ stream: 's' });
    expect(await backend.readNew('s', 'g', 'c', { count: 10, blockMs: 100 })).toBeInstanceOf(Array);
  });
});

describe('Redis URLs', () => {
  it('authenticates with the password of the URL and uses its database', async () => {
    const port = await freePort();
    await startServer(port, ['--requirepass', 's3cr:et']);
    const backend = open({ url: `redis://:${encodeURIComponent('s3cr:et')}@127.0.0.1:${port}/2` });
    const [id] = await backend.append('s', [[['n', '1']]]);
    const check = new Redis({ port, password: 's3cr:et', db: 2 });
    try {
      expect((await check.xrange('s', '-', '+'))[0]?.[0]).toBe(id);
    } finally {
      check.disconnect();
    }
    const withUser = open({ url: `redis://default:${encodeURIComponent('s3cr:et')}@127.0.0.1:${port}/2` });
    expect((await withUser.range('s', '-', '+')).map((e) => e.id)).toEqual([id]);
  });

  it('fails with bus.unreachable, naming the refusal, when the password is wrong', async () => {
    const port = await freePort();
    await startServer(port, ['--requirepass', 'right']);
    const backend = open({ url: `redis://:wrong@127.0.0.1:${port}` });
    const error = await backend.ping().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isEdstreamError(error) && error.code).toBe('bus.unreachable');
    expect(String((error as Error).message)).toMatch(/WRONGPASS|invalid password/);
    expect((error as Error).message).not.toContain('wrong@');
  });

  it('connects over TLS with a rediss:// URL', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'edstream-redis-tls-'));
    try {
      const [cert, key] = [join(dir, 'cert.pem'), join(dir, 'key.pem')];
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-days',
          '1',
          '-subj',
          '/CN=127.0.0.1',
          '-addext',
          'subjectAltName=IP:127.0.0.1',
          '-keyout',
          key,
          '-out',
          cert,
        ],
        { stdio: 'ignore' },
      );
      const port = await freePort();
      await startServer(0, [
        '--tls-port',
        String(port),
        '--tls-cert-file',
        cert,
        '--tls-key-file',
        key,
        '--tls-ca-cert-file',
        cert,
        '--tls-auth-clients',
        'no',
      ]);
      const backend = open({ url: `rediss://127.0.0.1:${port}/1`, tls: { ca: readFileSync(cert) } });
      const [id] = await backend.append('s', [[['event_data', Buffer.from([0, 255])]]]);
      expect(await backend.range('s', '-', '+')).toEqual([
        { id, fields: [['event_data', Buffer.from([0, 255])]] },
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
