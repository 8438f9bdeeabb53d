import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import type { BusBackend, EntryFields } from '../../src/bus/backend.js';
import { createBackend } from '../../src/bus/create-backend.js';
import type { OpenEdxEvent } from '../../src/codecs/codec.js';
import { createMetadata } from '../../src/envelope/index.js';
import { loadAvroFixtures } from '../reference.js';
import { waitFor } from '../wait-for.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export const ENROLLMENT = 'org.openedx.learning.course.enrollment.created.v1';
export const GRADE = 'org.openedx.learning.course.persistent_grade_summary.changed.v1';
export const LOGIN = 'org.openedx.learning.auth.session.login.completed.v1';

const typical = new Map(
  loadAvroFixtures()
    .filter((f) => f.case === 'typical')
    .map((f) => [f.event_type, f.data_json] as const),
);

/** The typical fixture data of an event type (a fresh copy). */
export function fixtureData(eventType: string): Record<string, unknown> {
  const data = typical.get(eventType);
  if (!data) throw new Error(`no typical fixture for ${eventType}`);
  return structuredClone(data);
}

/** An event of a type, with the typical fixture data and fresh metadata (a new uuid1 id). */
export function makeEvent(eventType = ENROLLMENT): OpenEdxEvent {
  return { metadata: createMetadata(eventType, { source: 'openedx/lms/web' }), data: fixtureData(eventType) };
}

export function makeEvents(count: number, eventType = ENROLLMENT): OpenEdxEvent[] {
  return Array.from({ length: count }, () => makeEvent(eventType));
}

/** A grade event whose `user_id` carries a key, for per-key ordering tests. */
export function gradeEventForUser(userId: number): OpenEdxEvent {
  const data = fixtureData(GRADE);
  (data.grade as Record<string, unknown>).user_id = userId;
  return { metadata: createMetadata(GRADE, { source: 'openedx/lms/web' }), data };
}

/** A name no other test run uses: streams, groups and prefixes never collide on a shared Redis. */
export function uniqueName(label: string): string {
  return `edstream-test-${label}-${randomUUID().slice(0, 8)}`;
}

export { waitFor };

/** A promise with its resolve function, to hold a handler until the test lets it go. */
export function gate(): { promise: Promise<void>; open: () => void } {
  let open: () => void = () => {};
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

export function fieldText(fields: EntryFields, name: string): string | undefined {
  const found = fields.find(([key]) => key === name);
  if (!found) return undefined;
  return Buffer.isBuffer(found[1]) ? found[1].toString('utf8') : found[1];
}

/** Fields as comparable pairs (binary values as hex). */
export function normaliseFields(fields: EntryFields): [string, string][] {
  return fields.map(([name, value]) => [
    name,
    Buffer.isBuffer(value) ? `hex:${value.toString('hex')}` : value,
  ]);
}

export interface OpenedBackend {
  readonly name: string;
  readonly url: string;
  readonly backend: BusBackend;
  /** Another backend on the same store (its own connection), e.g. for a second consumer. */
  openAnother(): Promise<BusBackend>;
  /** Closes every backend opened here and removes the keys or files of this run. */
  cleanup(): Promise<void>;
}

export type BackendKind = 'memory' | 'sqlite' | 'redis';

/**
 * A backend of a kind with a private namespace: memory is private anyway, SQLite gets a temp file,
 * Redis keeps the shared server but every key this run creates starts with `keyPrefix`.
 */
export async function openBackend(kind: BackendKind, keyPrefix: string): Promise<OpenedBackend> {
  const opened: BusBackend[] = [];
  let dir: string | undefined;
  let url: string;
  if (kind === 'memory') url = 'memory:';
  else if (kind === 'sqlite') {
    dir = mkdtempSync(join(tmpdir(), 'edstream-bus-'));
    url = `sqlite:${join(dir, 'bus.db')}`;
  } else url = REDIS_URL;
  const backend = await createBackend(url);
  opened.push(backend);
  return {
    name: kind,
    url,
    backend,
    async openAnother() {
      // The memory backend lives in this process only: "another" is the same one.
      if (kind === 'memory') return backend;
      const another = await createBackend(url);
      opened.push(another);
      return another;
    },
    async cleanup() {
      for (const b of opened.reverse()) await b.close().catch(() => {});
      if (dir) rmSync(dir, { recursive: true, force: true });
      if (kind === 'redis') await deleteRedisKeys(url, keyPrefix);
    },
  };
}

/** Deletes every key starting with `prefix` (the namespace of one test run). */
export async function deleteRedisKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  redis.on('error', () => {});
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface RedisServerOptions {
  port: number;
  /** Keep data across a kill: append-only file fsynced on every write, in `dir`. */
  durableDir?: string;
}

/** A private redis-server child process, for tests that kill or start it. */
export class RedisServerProcess {
  #child: ChildProcess | undefined;
  readonly url: string;

  constructor(readonly options: RedisServerOptions) {
    this.url = `redis://127.0.0.1:${options.port}`;
  }

  async start(): Promise<void> {
    const args = ['--port', String(this.options.port), '--bind', '127.0.0.1', '--save', ''];
    if (this.options.durableDir) {
      args.push('--appendonly', 'yes', '--appendfsync', 'always', '--dir', this.options.durableDir);
    } else args.push('--appendonly', 'no');
    const child = spawn('redis-server', args, { stdio: 'ignore' });
    this.#child = child;
    const redis = new Redis(this.url, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    redis.on('error', () => {}); // Refused connections are expected until the server listens.
    try {
      await waitFor(
        async () => {
          try {
            if (redis.status !== 'ready') await redis.connect();
            // LOADING while the append-only file is read back: wait for a plain PONG.
            return (await redis.ping()) === 'PONG';
          } catch {
            redis.disconnect();
            return false;
          }
        },
        `redis-server on port ${this.options.port}`,
        { timeoutMs: 10_000, intervalMs: 50 },
      );
    } finally {
      redis.disconnect();
    }
  }

  /** Kills the server at once (no save, no clean shutdown) and waits for it to be gone. */
  async kill(): Promise<void> {
    const child = this.#child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    await exited;
    this.#child = undefined;
  }
}

export function tempDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `edstream-${label}-`));
}
