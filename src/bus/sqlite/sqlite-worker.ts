/**
 * The thread that owns a SQLite bus connection (started by `sqlite-thread.ts`). It opens the file,
 * says whether that worked, then runs the calls it is sent one at a time, in order, each in its
 * own transaction, and answers each with its value or its error.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { isEdstreamError } from '../../errors.js';
import { openBusDatabase } from './schema.js';
import { StreamTables } from './stream-tables.js';
import {
  type CallMessage,
  packRows,
  type ThreadCalls,
  type ThreadError,
  type ThreadMessage,
  type ThreadOptions,
  transferablesOf,
  unpackBlobs,
  unpackIds,
} from './thread-protocol.js';

function threadError(error: unknown): ThreadError {
  if (isEdstreamError(error)) return { code: error.code, message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'bus.storage_failed', message: `the SQLite bus file failed: ${message}` };
}

function serve(db: Database.Database): ThreadCalls {
  const tables = new StreamTables(db);
  const inTransaction = db.transaction((fn: () => unknown) => fn());
  /** A write transaction that takes the lock up front, so that it never fails on upgrade. */
  const write = <T>(fn: () => T): T => inTransaction.immediate(fn) as T;
  /** A read transaction, so that everything it reads comes from one snapshot. */
  const snapshot = <T>(fn: () => T): T => inTransaction.deferred(fn) as T;
  return {
    append: (stream, blobs, maxLen) =>
      write(() => tables.append(stream, unpackBlobs(blobs), maxLen, Date.now())),
    createGroup: (stream, group, at) => write(() => tables.createGroup(stream, group, at)),
    moveGroup: (stream, group, at) => write(() => tables.moveGroup(stream, group, at)),
    deliverNew: (stream, group, consumer, count) =>
      packRows(write(() => tables.deliverNew(stream, group, consumer, count, Date.now()))),
    hasNew: (stream, group) => tables.hasNew(stream, group),
    redeliverOwn: (stream, group, consumer, after, count) =>
      packRows(write(() => tables.redeliverOwn(stream, group, consumer, after, count, Date.now()))),
    claimIdle: (stream, group, consumer, minIdleMs, count) =>
      packRows(write(() => tables.claimIdle(stream, group, consumer, minIdleMs, count, Date.now()))),
    pending: (stream, group, count, consumer) => tables.pending(stream, group, count, consumer),
    ack: (stream, group, ids) => write(() => tables.ack(stream, group, unpackIds(ids))),
    range: (stream, from, to, count) => packRows(tables.range(stream, from, to, count)),
    delete: (stream, ids) => write(() => tables.delete(stream, unpackIds(ids))),
    info: (stream) => snapshot(() => tables.info(stream)),
    state: (stream) => snapshot(() => tables.state(stream)),
    streams: (prefix) => tables.streams(prefix),
    close: () => db.close(),
  };
}

function main(): void {
  const port = parentPort;
  if (!port) throw new Error('sqlite-worker.ts runs as a worker thread');
  const send = (message: ThreadMessage, transfer: ArrayBuffer[] = []): void =>
    port.postMessage(message, transfer);
  const { path, synchronous, busyTimeoutMs } = workerData as ThreadOptions;
  let calls: ThreadCalls;
  try {
    calls = serve(openBusDatabase(path, { synchronous, busyTimeoutMs }));
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
