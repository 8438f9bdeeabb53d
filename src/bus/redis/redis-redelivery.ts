import type { Redis } from 'ioredis';
import type { EdstreamError } from '../../errors.js';
import type { DeliveredEntry } from '../backend.js';
import { liveEntries, parseAutoClaim, parseEntries, parsePendingDetails } from './redis-replies.js';

/** Runs commands on the backend's main connection (deadline and error codes included) for one call. */
export interface Runner {
  run<T>(op: (client: Redis) => Promise<T>): Promise<T>;
  /** The coded error for a failure found inside a pipeline's results. */
  fail(error: unknown): EdstreamError;
}

/**
 * `consumer`'s pending entries after `afterId`, delivered again: XPENDING lists them, XCLAIM (min
 * idle 0) counts the delivery and returns the entries. Ids whose entries were deleted or trimmed
 * are acknowledged and skipped, so they never stay stranded in the PEL (redis/redis#6199), and up
 * to `count` live entries come back.
 */
export async function redeliverPending(
  { run }: Runner,
  key: string,
  group: string,
  consumer: string,
  count: number,
  afterId: string | undefined,
): Promise<DeliveredEntry[]> {
  let start = afterId === undefined ? '-' : `(${afterId}`;
  const out: DeliveredEntry[] = [];
  while (out.length < count) {
    const want = count - out.length;
    const pending = parsePendingDetails(
      await run((c) => c.callBuffer('XPENDING', key, group, start, '+', want, consumer)),
    );
    if (pending.length === 0) break;
    const ids = pending.map((p) => p.id);
    // Redis ≥ 7 leaves deleted entries out of the reply (and drops them from the PEL); Redis 6 answers nil.
    const claimed = liveEntries(
      parseEntries(await run((c) => c.callBuffer('XCLAIM', key, group, consumer, 0, ...ids))),
    );
    const byId = new Map(claimed.map((e) => [e.id, e.fields]));
    const gone: string[] = [];
    for (const p of pending) {
      const fields = byId.get(p.id);
      if (fields) out.push({ id: p.id, fields, deliveries: p.deliveries + 1 });
      else gone.push(p.id);
    }
    if (gone.length > 0) await run((c) => c.xack(key, group, ...gone));
    if (pending.length < want) break;
    start = `(${pending[pending.length - 1]!.id}`;
  }
  return out;
}

/**
 * Entries idle for `minIdleMs` in any consumer, taken over by `consumer` with XAUTOCLAIM (Redis ≥
 * 6.2), following its cursor until `count` entries are claimed or the PEL is scanned. Deleted ids
 * it reports are acknowledged; delivery counts come from XPENDING, in the same round trip.
 */
export async function claimIdleEntries(
  { run, fail }: Runner,
  key: string,
  group: string,
  consumer: string,
  minIdleMs: number,
  count: number,
): Promise<DeliveredEntry[]> {
  const out: DeliveredEntry[] = [];
  let cursor = '0-0';
  while (out.length < count) {
    const want = count - out.length;
    const reply = parseAutoClaim(
      await run((c) => c.callBuffer('XAUTOCLAIM', key, group, consumer, minIdleMs, cursor, 'COUNT', want)),
    );
    const live = liveEntries(reply.entries);
    const gone = [...reply.deleted, ...reply.entries.filter((e) => e.fields === null).map((e) => e.id)];
    const results = await run((c) => {
      const pipeline = c.pipeline();
      for (const e of live) pipeline.callBuffer('XPENDING', key, group, e.id, e.id, 1);
      if (gone.length > 0) pipeline.xack(key, group, ...gone);
      return pipeline.exec();
    });
    live.forEach((e, i) => {
      const [error, summary] = results?.[i] ?? [new Error('no reply to XPENDING')];
      if (error) throw fail(error);
      const [p] = parsePendingDetails(summary);
      // Acknowledged or taken by another consumer in between: not ours to deliver.
      if (p?.consumer === consumer) out.push({ id: e.id, fields: e.fields, deliveries: p.deliveries });
    });
    cursor = reply.next;
    if (cursor === '0-0') break;
  }
  return out;
}
