/**
 * The thread that owns a SQLite bus connection (started by `sqlite-thread.ts`). It opens the file,
 * says whether that worked, then runs the calls it is sent one at a time, in order, and answers
 * each with its value or its error.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openBusDatabase } from './schema.js';
import { threadCalls, threadError } from './thread-calls.js';
import {
  type CallMessage,
  type ThreadCalls,
  type ThreadMessage,
  type ThreadOptions,
  transferablesOf,
} from './thread-protocol.js';

function main(): void {
  const port = parentPort;
  if (!port) throw new Error('sqlite-worker.ts runs as a worker thread');
  const send = (message: ThreadMessage, transfer: ArrayBuffer[] = []): void =>
    port.postMessage(message, transfer);
  const { path, synchronous, busyTimeoutMs } = workerData as ThreadOptions;
  let calls: ThreadCalls;
  try {
    calls = threadCalls(openBusDatabase(path, { synchronous, busyTimeoutMs }));
  } catch (error) {
    send({ failed: threadError(error) });
    return;
  }
  port.on('message', ({ id, op, args }: CallMessage) => {
    let value: unknown;
    try {
      value = (calls[op] as (...a: unknown[]) => unknown)(...args);
    } catch (error) {
      send({ id, error: threadError(error) });
      return;
    }
    send({ id, value }, transferablesOf(value));
    if (op === 'close') port.close();
  });
  send({ ready: true });
}

main();
