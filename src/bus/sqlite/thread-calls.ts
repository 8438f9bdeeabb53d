import type Database from 'better-sqlite3';
import { isEdstreamError } from '../../errors.js';
import { StreamTables } from './stream-tables.js';
import { packRows, type ThreadCalls, type ThreadError, unpackBlobs, unpackIds } from './thread-protocol.js';

/**
 * The bus operations over one open connection, each one call: writes in an immediate transaction
 * (which takes the lock up front, so that it never fails on upgrade), multi-part reads in a
 * deferred one (one snapshot). The SQLite thread serves them; so does the calling thread for the
 * small calls it runs itself.
 */
export function threadCalls(db: Database.Database): ThreadCalls {
  const tables = new StreamTables(db);
  const inTransaction = db.transaction((fn: () => unknown) => fn());
  const write = <T>(fn: () => T): T => inTransaction.immediate(fn) as T;
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

/** Edstream errors keep their code; anything else from SQLite (busy, I/O, corruption) is `bus.storage_failed`. */
export function threadError(error: unknown): ThreadError {
  if (isEdstreamError(error)) return { code: error.code, message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  // better-sqlite3's errors carry SQLite's code (SQLITE_BUSY, SQLITE_CORRUPT, …): it says what to do.
  const sqliteCode = (error as { code?: unknown } | null)?.code;
  return {
    code: 'bus.storage_failed',
    message: `the SQLite bus file failed: ${message}`,
    ...(typeof sqliteCode === 'string' ? { details: { sqliteCode } } : {}),
  };
}
