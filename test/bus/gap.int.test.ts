import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BusBackend } from '../../src/bus/backend.js';
import { type GapReport, StreamConsumer } from '../../src/bus/consumer.js';
import { compareEntryIds } from '../../src/bus/entry-id.js';
import { EventProducer } from '../../src/bus/producer.js';
import { eventToEntryFields } from '../../src/bus/stream-entry.js';
import { silentLogger } from '../../src/logging.js';
import {
  gate,
  makeEvent,
  makeEvents,
  type OpenedBackend,
  openBackend,
  uniqueName,
  waitFor,
} from './helpers.js';

/**
 * Gap detection against a real Redis stream trimmed with XTRIM MINID between two reads, as an
 * operator's cron or another producer's MAXLEN does: the read that jumps over the trimmed entries
 * reports them at once (the periodic check of the group's cursor is switched off here).
 */
describe('StreamConsumer on redis: entries trimmed between two reads', () => {
  const prefix = uniqueName('gap');
  let opened: OpenedBackend;
  let backend: BusBackend;
  let redis: Redis;
  let stream: string;
  let consumer: StreamConsumer | undefined;
  const handled: string[] = [];
  const gaps: GapReport[] = [];

  beforeEach(async () => {
    opened = await openBackend('redis', prefix);
    backend = opened.backend;
    redis = new Redis(opened.url);
    stream = `${prefix}-${Math.random().toString(36).slice(2, 10)}`;
    handled.length = 0;
    gaps.length = 0;
  });

  afterEach(async () => {
    await consumer?.stop();
    consumer = undefined;
    redis.disconnect();
    await opened.cleanup();
  });

  function start(options: { batchSize?: number; hold?: { id: string; until: Promise<void> } } = {}) {
    const { hold } = options;
    const started = new StreamConsumer({
      backend,
      stream,
      group: 'g',
      consumer: 'c1',
      blockMs: 200,
      gapCheckIntervalMs: 3_600_000,
      logger: silentLogger,
      ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
      handler: async (_event, context) => {
        if (context.entryId === hold?.id) await hold.until;
        handled.push(context.entryId);
      },
    });
    started.on('gap', (g: GapReport) => gaps.push(g));
    started.on('error', () => {});
    consumer = started;
    return started.start();
  }

  it('reports the entries a blocked consumer never saw, trimmed in the same transaction that added them', async () => {
    const ids = (await new EventProducer({ backend }).publishBatch(stream, makeEvents(3))).map(
      (r) => r.entryId!,
    );
    await start();
    await waitFor(() => handled.length === 3, 'the first entries');
    // Three entries with ids of our choosing, the first two trimmed away before anyone can read.
    const ms = Date.now() + 1_000;
    const key = stream;
    const transaction = redis.multi();
    for (let seq = 0; seq < 3; seq++) {
      transaction.call('XADD', [key, `${ms}-${seq}`, ...eventToEntryFields(makeEvent()).flat()]);
    }
    transaction.call('XTRIM', [key, 'MINID', `${ms}-2`]);
    const results = await transaction.exec();
    expect(results?.map(([error]) => error)).toEqual([null, null, null, null]);
    expect(results?.[3]?.[1]).toBe(5);

    await waitFor(() => handled.length === 4, 'the entry kept');
    await waitFor(() => gaps.length > 0, 'the gap report');
    expect(handled[3]).toBe(`${ms}-2`);
    expect(gaps).toEqual([{ stream, group: 'g', afterId: ids[2], upToId: `${ms}-1` }]);
    expect(consumer?.stats.gaps).toBe(1);
  });

  it('reports the unread entries of a backlog trimmed while the consumer is busy with a batch', async () => {
    const ids = (await new EventProducer({ backend }).publishBatch(stream, makeEvents(10))).map(
      (r) => r.entryId!,
    );
    const held = gate();
    await start({ batchSize: 2, hold: { id: ids[0]!, until: held.promise } });
    await waitFor(() => consumer?.stats.inFlight === 2, 'the first batch in the handler');
    // The first batch was full, so the next one (ids 2 and 3) was read ahead: it is not lost.
    expect(await redis.xtrim(stream, 'MINID', ids[6]!)).toBe(6);
    held.open();

    await waitFor(() => handled.length === 8, 'the entries kept');
    expect(handled).toEqual([...ids.slice(0, 4), ...ids.slice(6)]);
    expect(gaps).toHaveLength(1);
    const [gap] = gaps;
    expect(gap?.afterId).toBe(ids[3]);
    // Redis does not record trimmed ids: the report ends just below the first entry kept.
    expect(compareEntryIds(gap!.upToId, ids[5]!)).toBeGreaterThanOrEqual(0);
    expect(compareEntryIds(gap!.upToId, ids[6]!)).toBeLessThan(0);
    expect(consumer?.stats.gaps).toBe(1);
  });

  it('reports nothing when trimming only removes entries the group has read', async () => {
    const ids = (await new EventProducer({ backend }).publishBatch(stream, makeEvents(5))).map(
      (r) => r.entryId!,
    );
    await start();
    await waitFor(() => handled.length === 5, 'the first entries');
    expect(await redis.xtrim(stream, 'MINID', ids[4]!)).toBe(4);
    await new EventProducer({ backend }).publishBatch(stream, makeEvents(3));
    await waitFor(() => handled.length === 8, 'the entries added after the trim');
    expect(gaps).toEqual([]);
    expect(consumer?.stats.gaps).toBe(0);
  });
});
