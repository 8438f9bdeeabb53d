import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { EdstreamError } from '../../errors.js';
import { openBusDatabase } from './schema.js';
import { threadCalls, threadError } from './thread-calls.js';
import {
  type CallMessage,
  type CallName,
  entriesOf,
  type PackedRows,
  type ThreadCalls,
  type ThreadError,
  type ThreadMessage,
  type ThreadOptions,
  transferablesOf,
} from './thread-protocol.js';

/** How many readers' last read sizes a thread keeps. */
const MAX_READERS = 1_000;

interface Waiting {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

/**
 * A worker thread that owns one connection to a SQLite bus file, so that SQLite's work on batches
 * (inserts, the WAL, reading pages) runs beside this thread's instead of in turn with it. A hop to
 * the thread and back costs about 60 µs here, more than a small call itself (an append of one entry
 * takes about 20 µs), so small calls run on the calling thread, on a second connection, whenever
 * the worker has nothing in hand: then neither connection waits for the other's lock, and calls
 * still take effect in the order they were made. While any call is unanswered the worker keeps
 * the process alive; when none is, it does not.
 */
export class SqliteThread {
  readonly #worker: Worker;
  readonly #options: ThreadOptions;
  /** The calling thread's connection, opened once the worker has the file (schema) ready. */
  #inline: { db: Database.Database; calls: ThreadCalls } | undefined;
  /** How many entries each reader's last read of new entries found (see `#expectedEntries`). */
  readonly #lastDelivered = new Map<string, number>();
  readonly #waiting = new Map<number, Waiting>();
  #nextId = 1;
  /** Set once the thread can take no more calls: it failed, stopped, or was closed. */
  #ended: EdstreamError | undefined;
  /** Resolves once the file is open (rejects with the reason it could not be). */
  readonly ready: Promise<void>;

  constructor(options: ThreadOptions) {
    this.#options = options;
    this.#worker = startWorker(options);
    this.ready = new Promise<void>((resolveReady, rejectReady) => {
      // Opening counts as a call: the process waits for its answer.
      this.#waiting.set(0, { resolve: () => resolveReady(), reject: rejectReady });
    }).then(() => this.#openInline());
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
    const reader = op === 'deliverNew' ? readerKey(message) : undefined;
    // `close` is the worker's: the calling thread's connection is closed by `close()` itself.
    const inline = op !== 'close' && this.#waiting.size === 0 ? this.#inline : undefined;
    const answer =
      inline && this.#expectedEntries(message, reader) <= this.#options.inlineEntries
        ? this.#runInline(inline.calls, message)
        : this.#send(message);
    if (reader === undefined) return answer as Promise<ReturnType<ThreadCalls[K]>>;
    return (answer as Promise<PackedRows>).then((rows) => {
      // Readers are few and long-lived; a process that makes up a name per read only forgets more.
      if (this.#lastDelivered.size >= MAX_READERS) this.#lastDelivered.clear();
      this.#lastDelivered.set(reader, rows.ms.length);
      return rows;
    }) as Promise<ReturnType<ThreadCalls[K]>>;
  }

  /**
   * The entries a call carries or may return. A read of new entries (`reader` is the reader's
   * key) is expected to find as many as the same reader's last one did: a consumer asks for up to
   * its batch size every time, and finds a few when it keeps up, hundreds when it drains a backlog.
   */
  #expectedEntries(message: CallMessage, reader: string | undefined): number {
    const most = entriesOf(message);
    if (reader === undefined) return most;
    return Math.min(most, this.#lastDelivered.get(reader) ?? most);
  }

  #runInline(calls: ThreadCalls, { op, args }: CallMessage): Promise<unknown> {
    try {
      return Promise.resolve((calls[op] as (...a: unknown[]) => unknown)(...args));
    } catch (error) {
      return Promise.reject(fromThread(threadError(error)));
    }
  }

  #send(message: CallMessage): Promise<unknown> {
    const { id, args } = message;
    return new Promise((resolveCall, rejectCall) => {
      if (this.#waiting.size === 0) this.#worker.ref();
      this.#waiting.set(id, { resolve: resolveCall, reject: rejectCall });
      this.#worker.postMessage(message, args.flatMap(transferablesOf));
    });
  }

  /** Whether the thread can take no more calls. */
  get ended(): boolean {
    return this.#ended !== undefined;
  }

  /** Closes the connections once the calls already made have run, and ends the thread. */
  async close(): Promise<void> {
    if (this.#ended) return;
    const inline = this.#inline;
    this.#inline = undefined;
    try {
      inline?.db.close();
      await this.call('close');
    } finally {
      this.#end(new EdstreamError('bus.closed', 'the bus backend is closed'));
      await this.#worker.terminate();
    }
  }

  /** A `:memory:` database exists only in the worker's connection: it gets no second one. */
  #openInline(): void {
    const { path, synchronous, busyTimeoutMs, inlineEntries } = this.#options;
    if (path === ':memory:' || inlineEntries <= 0 || this.#ended) return;
    try {
      const db = openBusDatabase(path, { synchronous, busyTimeoutMs });
      this.#inline = { db, calls: threadCalls(db) };
    } catch (error) {
      const reason = fromThread(threadError(error));
      void this.close().catch(() => {});
      throw reason;
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

  /** No more calls: those still unanswered fail with `reason`, and the calling thread's connection closes. */
  #end(reason: EdstreamError): void {
    this.#ended ??= reason;
    const inline = this.#inline;
    this.#inline = undefined;
    try {
      inline?.db.close();
    } catch {
      // The thread has failed already; a failure to close the second connection adds nothing.
    }
    const unanswered = [...this.#waiting.values()];
    this.#waiting.clear();
    this.#worker.unref();
    for (const waiting of unanswered) waiting.reject(reason);
  }
}

function readerKey({ args }: CallMessage): string {
  return `${args[0]}\u0000${args[1]}\u0000${args[2]}`;
}

function fromThread({ code, message, details }: ThreadError): EdstreamError {
  return new EdstreamError(code, message, details === undefined ? {} : { details });
}

/**
 * The worker, from the compiled `sqlite-worker.js` next to this file; or, when this file runs as
 * TypeScript source (tests, benchmarks), from `sqlite-worker.ts` through tsx, which a worker does
 * not inherit from its parent and so registers for itself first. Either way the worker's entry is
 * a small module that imports the file: a worker inherits its parent's Node options, and
 * `--input-type` (which a script run with `node -e` may carry) makes Node refuse a file as entry.
 */
function startWorker(options: ThreadOptions): Worker {
  const here = import.meta.url;
  const source = here.endsWith('.ts')
    ? [
        `const { register } = await import(${JSON.stringify(tsxApiUrl())});`,
        'register();',
        `await import(${JSON.stringify(new URL('./sqlite-worker.ts', here).href)});`,
      ]
    : [`await import(${JSON.stringify(new URL('./sqlite-worker.js', here).href)});`];
  const entry = new URL(`data:text/javascript,${encodeURIComponent(source.join('\n'))}`);
  return new Worker(entry, { workerData: options });
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
 * The thread for this file, started if none is running. Backends of one process share it (and its
 * calling-thread connection), so that their calls never wait for each other's write locks. A
 * `:memory:` database is private to the backend that opens it.
 */
export async function acquireThread(options: ThreadOptions): Promise<SqliteThread> {
  if (options.path === ':memory:') {
    const thread = new SqliteThread(options);
    await thread.ready;
    return thread;
  }
  const key = JSON.stringify([
    resolve(options.path),
    options.synchronous,
    options.busyTimeoutMs,
    options.inlineEntries,
  ]);
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
