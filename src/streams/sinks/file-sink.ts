import { createWriteStream, existsSync, mkdirSync, renameSync, statSync, type WriteStream } from 'node:fs';
import { dirname } from 'node:path';
import type { Statement } from '../../xapi/statement.js';
import { networkFailure, type Sink } from './sink.js';

export interface FileSinkOptions {
  name?: string;
  path: string;
  /** Rotate when the file reaches this size. */
  maxBytes?: number;
  /** Rotate when the file is this old. */
  maxAgeMs?: number;
}

/**
 * Appends statements as NDJSON. Rotation renames the current file to `<path>.<UTC timestamp>` and
 * starts a new one. A batch is accepted once the bytes have been handed to the OS and flushed.
 * Batches are written one at a time, whole, even when the runner delivers several at once.
 */
export function createFileSink(options: FileSinkOptions): Sink {
  const name = options.name ?? `file ${options.path}`;
  mkdirSync(dirname(options.path), { recursive: true });
  let stream: WriteStream | undefined;
  let size = 0;
  let openedAt = 0;
  // Deliveries queue behind one another: concurrent writes and rotations would interleave.
  let tail: Promise<unknown> = Promise.resolve();

  const open = () => {
    try {
      size = statSync(options.path).size;
    } catch {
      size = 0;
    }
    openedAt = Date.now();
    stream = createWriteStream(options.path, { flags: 'a' });
  };

  const close = () =>
    new Promise<void>((resolve, reject) => {
      if (!stream) return resolve();
      const current = stream;
      stream = undefined;
      current.end((error?: Error | null) => (error ? reject(error) : resolve()));
    });

  const rotateIfDue = async () => {
    const tooBig = options.maxBytes !== undefined && size >= options.maxBytes;
    const tooOld = options.maxAgeMs !== undefined && Date.now() - openedAt >= options.maxAgeMs;
    if (!tooBig && !tooOld) return;
    await close();
    if (size > 0) renameSync(options.path, rotatedName(options.path));
    open();
  };

  const write = async (batch: readonly Statement[]) => {
    try {
      if (!stream) open();
      await rotateIfDue();
      const text = batch.map((s) => `${JSON.stringify(s)}\n`).join('');
      await new Promise<void>((resolve, reject) =>
        stream!.write(text, (error) => (error ? reject(error) : resolve())),
      );
      size += Buffer.byteLength(text);
    } catch (error) {
      // The stream may be broken (disk full, file removed): the retry starts with a fresh one.
      stream?.destroy();
      stream = undefined;
      throw networkFailure(name, error);
    }
  };

  return {
    name,
    kind: 'file',
    deliver(batch: readonly Statement[]) {
      const done = tail.then(() => write(batch));
      tail = done.catch(() => undefined);
      return done;
    },
    async close() {
      await tail;
      await close();
    },
  };
}

/** `<path>.<UTC timestamp>`, with `.1`, `.2`… when rotations fall in the same millisecond. */
function rotatedName(path: string): string {
  const base = `${path}.${new Date().toISOString().replace(/[:.]/g, '-')}`;
  let candidate = base;
  for (let n = 1; existsSync(candidate); n++) candidate = `${base}.${n}`;
  return candidate;
}
