import { createWriteStream, mkdirSync, renameSync, statSync, type WriteStream } from 'node:fs';
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
 */
export function createFileSink(options: FileSinkOptions): Sink {
  const name = options.name ?? `file ${options.path}`;
  mkdirSync(dirname(options.path), { recursive: true });
  let stream: WriteStream | undefined;
  let size = 0;
  let openedAt = 0;

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
    if (size > 0)
      renameSync(options.path, `${options.path}.${new Date().toISOString().replace(/[:.]/g, '-')}`);
    open();
  };

  return {
    name,
    kind: 'file',
    async deliver(batch: readonly Statement[]) {
      try {
        if (!stream) open();
        await rotateIfDue();
        const text = batch.map((s) => `${JSON.stringify(s)}\n`).join('');
        await new Promise<void>((resolve, reject) =>
          stream!.write(text, (error) => (error ? reject(error) : resolve())),
        );
        size += Buffer.byteLength(text);
      } catch (error) {
        throw networkFailure(name, error);
      }
    },
    close,
  };
}
