import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { EdstreamError } from '../../errors.js';
import {
  type CallMessage,
  type CallName,
  type ThreadCalls,
  type ThreadError,
  type ThreadMessage,
  type ThreadOptions,
  transferablesOf,
} from './thread-protocol.js';

interface Waiting {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

/**
 * A worker thread that owns one connection to a SQLite bus file, so that SQLite's work (inserts,
 * the WAL, waiting for another process's lock) runs beside this thread's instead of in turn with
 * it. Calls are answered in the order they were made. While any call is unanswered the worker
 * keeps the process alive; when none is, it does not.
 */
export class SqliteThread {
  readonly #worker: Worker;
  readonly #waiting = new Map<number, Waiting>();
  #nextId = 1;
  /** Set once the thread can take no more calls: it failed, stopped, or was closed. */
  #ended: EdstreamError | undefined;
  /** Resolves once the file is open (rejects with the reason it could not be). */
  readonly ready: Promise<void>;

  constructor(options: ThreadOptions) {
    this.#worker = startWorker(options);
    this.ready = new Promise<void>((resolveReady, rejectReady) => {
      // Opening counts as a call: the process waits for its answer.
      this.#waiting.set(0, { resolve: () => resolveReady(), reject: rejectReady });
    });
    this.#worker.on('message', (message: ThreadMessage) => this.#answer(message));
    this.#worker.on('error', (error) =>
      this.#end(
        new EdstreamError('bus.storage_failed', `the SQLite bus thread failed: ${error.message}`, {
          cause: error,
        }),
      ),
    );
    this.#worker.on('exit', (code) =>
      this.#end(new EdstreamError('bus.storage_failed', `the SQLite bus thread stopped (exit code ${code})`)),
    );
  }

  call<K extends CallName>(op: K, ...args: Parameters<ThreadCalls[K]>): Promise<ReturnType<ThreadCalls[K]>> {
    if (this.#ended) return Promise.reject(this.#ended);
    const id = this.#nextId++;
    const message: CallMessage = { id, op, args };
    return new Promise((resolveCall, rejectCall) => {
      if (this.#waiting.size === 0) this.#worker.ref();
      this.#waiting.set(id, { resolve: resolveCall as (value: unknown) => void, reject: rejectCall });
      this.#worker.postMessage(message, args.flatMap(transferablesOf));
    });
  }

  /** Whether the thread can take no more calls. */
  get ended(): boolean {
    return this.#ended !== undefined;
  }

  /** Closes the connection once the calls already made have run, and ends the thread. */
  async close(): Promise<void> {
    if (this.#ended) return;
    try {
      await this.call('close');
    } finally {
      this.#end(new EdstreamError('bus.closed', 'the bus backend is closed'));
      await this.#worker.terminate();
    }
  }

  #answer(message: ThreadMessage): void {
    if ('ready' in message || 'failed' in message) {
      const opening = this.#settle(0);
      if ('ready' in message) opening?.resolve(undefined);
      else {
        opening?.reject(fromThread(message.failed));
        this.#end(fromThread(message.failed));
        void this.#worker.terminate();
      }
      return;
    }
    const waiting = this.#settle(message.id);
    if (!waiting) return;
    if ('error' in message) waiting.reject(fromThread(message.error));
    else waiting.resolve(message.value);
  }

  #settle(id: number): Waiting | undefined {
    const waiting = this.#waiting.get(id);
    this.#waiting.delete(id);
    if (this.#waiting.size === 0) this.#worker.unref();
    return waiting;
  }

  /** No more calls: those still unanswered fail with `reason`. */
  #end(reason: EdstreamError): void {
    this.#ended ??= reason;
    const unanswered = [...this.#waiting.values()];
    this.#waiting.clear();
    this.#worker.unref();
    for (const waiting of unanswered) waiting.reject(reason);
  }
}

function fromThread({ code, message }: ThreadError): EdstreamError {
  return new EdstreamError(code, message);
}

/**
 * The worker, from the compiled `sqlite-worker.js` next to this file; or, when this file runs as
 * TypeScript source (tests, benchmarks), from `sqlite-worker.ts` through tsx, which a worker does
 * not inherit from its parent and so registers for itself first.
 */
function startWorker(options: ThreadOptions): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./sqlite-worker.js', here), { workerData: options });
  const entry = new URL('./sqlite-worker.ts', here).href;
  const source = [
    `const { register } = await import(${JSON.stringify(tsxApiUrl())});`,
    'register();',
    `await import(${JSON.stringify(entry)});`,
  ].join('\n');
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(source)}`), { workerData: options });
}

/** tsx's module API, as its package exports it to `import`. */
function tsxApiUrl(): string {
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
  const { exports } = JSON.parse(readFileSync(manifest, 'utf8')) as {
    exports: { './esm/api': { import: { default: string } } };
  };
  return pathToFileURL(join(dirname(manifest), exports['./esm/api'].import.default)).href;
}

interface Shared {
  thread: SqliteThread;
  users: number;
}

/** One thread per file and settings in this process, shared by every backend opened on it. */
const shared = new Map<string, Shared>();

/**
 * The thread for this file, started if none is running. Backends of one process share it: one
 * connection, whose calls never wait for each other's locks. A `:memory:` database is private.
 */
export async function acquireThread(options: ThreadOptions): Promise<SqliteThread> {
  if (options.path === ':memory:') {
    const thread = new SqliteThread(options);
    await thread.ready;
    return thread;
  }
  const key = JSON.stringify([resolve(options.path), options.synchronous, options.busyTimeoutMs]);
  let entry = shared.get(key);
  if (!entry || entry.thread.ended) {
    entry = { thread: new SqliteThread(options), users: 0 };
    shared.set(key, entry);
  }
  entry.users++;
  try {
    await entry.thread.ready;
  } catch (error) {
    if (shared.get(key) === entry) shared.delete(key);
    throw error;
  }
  return entry.thread;
}

/** Gives the thread back; the last user closes it. */
export async function releaseThread(thread: SqliteThread): Promise<void> {
  for (const [key, entry] of shared) {
    if (entry.thread !== thread) continue;
    if (--entry.users > 0) return;
    shared.delete(key);
    break;
  }
  await thread.close();
}
