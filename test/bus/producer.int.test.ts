import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BusBackend } from '../../src/bus/backend.js';
import { createBackend } from '../../src/bus/create-backend.js';
import { Outbox } from '../../src/bus/outbox.js';
import { EventProducer, type PublishReceipt } from '../../src/bus/producer.js';
import { entryToEvent } from '../../src/bus/stream-entry.js';
import { isEdstreamError } from '../../src/errors.js';
import {
  ENROLLMENT,
  freePort,
  LOGIN,
  makeEvent,
  makeEvents,
  RedisServerProcess,
  tempDir,
  waitFor,
} from './helpers.js';

/** Settles `promise`, failing the test with a clear message if it neither resolves nor rejects. */
async function settle<T>(promise: Promise<T>, what: string, ms = 15_000): Promise<PromiseSettledResult<T>> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} neither resolved nor rejected in ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([Promise.allSettled([promise]).then(([r]) => r!), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

describe('EventProducer against an unreachable Redis', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('rejects a publish with a bus. code when there is no outbox', async () => {
    const port = await freePort();
    const backend = await createBackend(`redis://127.0.0.1:${port}`);
    cleanups.push(() => backend.close());
    const producer = new EventProducer({ backend });
    const single = await settle(producer.publish('s', makeEvent()), 'publish');
    expect(single.status).toBe('rejected');
    const error = (single as PromiseRejectedResult).reason;
    expect(isEdstreamError(error) && error.code).toMatch(/^bus\./);
    const batch = await settle(producer.publishBatch('s', makeEvents(3)), 'publishBatch');
    expect(batch.status).toBe('rejected');
    expect((batch as PromiseRejectedResult).reason.code).toMatch(/^bus\./);
  });

  it('keeps events in the outbox and delivers them in order once Redis is reachable', async () => {
    const port = await freePort();
    const dir = tempDir('outbox');
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const url = `redis://127.0.0.1:${port}`;
    const server = new RedisServerProcess({ port });
    cleanups.push(() => server.kill());
    const backend = await createBackend(url);
    cleanups.push(() => backend.close());
    const outboxPath = join(dir, 'outbox.db');

    // Stored while the bus is down, then the process "restarts": the outbox keeps them on disk.
    const firstOutbox = new Outbox(outboxPath, { intervalMs: 50 });
    const firstProducer = new EventProducer({ backend, outbox: firstOutbox });
    const early = makeEvents(5, LOGIN);
    const earlyReceipts: PublishReceipt[] = [];
    for (const event of early) earlyReceipts.push(await firstProducer.publish('orders', event));
    expect(earlyReceipts.every((r) => r.outboxed)).toBe(true);
    await firstProducer.close();

    const outbox = new Outbox(outboxPath, { intervalMs: 50 });
    expect(outbox.size()).toBe(5);
    const producer = new EventProducer({ backend, outbox });
    cleanups.push(() => producer.close());
    const later = makeEvents(20, ENROLLMENT);
    const receipts = [
      ...(await producer.publishBatch('orders', later.slice(0, 10))),
      ...(await producer.publishBatch('other', later.slice(10, 12))),
    ];
    for (const event of later.slice(12)) receipts.push(await producer.publish('orders', event));
    expect(receipts.every((r) => r.outboxed)).toBe(true);
    expect(outbox.size()).toBe(25);
    // Invalid events are refused at once, outbox or not.
    await expect(
      producer.publish('orders', { metadata: makeEvent().metadata, data: {} }),
    ).rejects.toMatchObject({
      code: expect.stringMatching(/^validation\./),
    });

    await server.start();
    await waitFor(() => outbox.size() === 0, 'the outbox to drain', { timeoutMs: 20_000 });
    const orders = await backend.range('orders', '-', '+');
    expect(orders.map((e) => entryToEvent(e).metadata.id)).toEqual(
      [...early, ...later.slice(0, 10), ...later.slice(12)].map((e) => e.metadata.id),
    );
    const other = await backend.range('other', '-', '+');
    expect(other.map((e) => entryToEvent(e).metadata.id)).toEqual(
      later.slice(10, 12).map((e) => e.metadata.id),
    );

    const direct = await producer.publish('orders', makeEvent(LOGIN));
    expect(direct.outboxed).toBe(false);
    expect(direct.entryId).toMatch(/^\d+-\d+$/);
  }, 60_000);

  it('sends at once and returns entry ids when the bus is up, even with an outbox', async () => {
    const port = await freePort();
    const dir = tempDir('outbox-up');
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const server = new RedisServerProcess({ port });
    await server.start();
    cleanups.push(() => server.kill());
    const backend: BusBackend = await createBackend(server.url);
    cleanups.push(() => backend.close());
    const outbox = new Outbox(join(dir, 'outbox.db'));
    const producer = new EventProducer({ backend, outbox, maxLen: 10_000 });
    cleanups.push(() => producer.close());
    const receipts = await producer.publishBatch('s', makeEvents(3));
    expect(receipts.map((r) => r.outboxed)).toEqual([false, false, false]);
    expect(outbox.size()).toBe(0);
    expect((await backend.info('s'))?.length).toBe(3);
  });
});
