import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BusBackend, EntryFields } from '../../src/bus/backend.js';
import { type ConsumerOptions, type GapReport, StreamConsumer } from '../../src/bus/consumer.js';
import {
  getDeadLetter,
  listDeadLetters,
  purgeDeadLetters,
  replayDeadLetters,
} from '../../src/bus/dead-letter.js';
import { parseEntryId } from '../../src/bus/entry-id.js';
import { EventProducer } from '../../src/bus/producer.js';
import { eventToEntryFields } from '../../src/bus/stream-entry.js';
import { deadLetterStream } from '../../src/bus/topics.js';
import type { OpenEdxEvent } from '../../src/codecs/codec.js';
import { EdstreamError } from '../../src/errors.js';
import { silentLogger } from '../../src/logging.js';
import {
  type BackendKind,
  fieldText,
  gate,
  gradeEventForUser,
  LOGIN,
  makeEvent,
  makeEvents,
  normaliseFields,
  type OpenedBackend,
  openBackend,
  uniqueName,
  waitFor,
} from './helpers.js';

type TestConsumerOptions = Omit<ConsumerOptions, 'backend' | 'stream' | 'group' | 'consumer'> &
  Partial<Pick<ConsumerOptions, 'backend' | 'stream' | 'group' | 'consumer'>>;

/**
 * The consumer runtime's behaviour, run against one backend kind: acknowledgement after success,
 * retries, dead letters, malformed entries, start positions, claiming, keyed concurrency, stop,
 * gaps and the dead-letter tools. Each test uses its own stream names under one key prefix.
 */
export function runConsumerSuite(kind: BackendKind): void {
  describe(`StreamConsumer on ${kind}`, () => {
    const prefix = uniqueName(`consumer-${kind}`);
    let opened: OpenedBackend;
    let backend: BusBackend;
    let producer: EventProducer;
    let stream: string;
    let consumers: StreamConsumer[];

    beforeEach(async () => {
      opened = await openBackend(kind, prefix);
      backend = opened.backend;
      producer = new EventProducer({ backend });
      stream = `${prefix}-${Math.random().toString(36).slice(2, 10)}`;
      consumers = [];
    });

    afterEach(async () => {
      for (const c of consumers) await c.stop();
      await producer.close();
      await opened.cleanup();
    });

    function consumerFor(options: TestConsumerOptions): StreamConsumer {
      const consumer = new StreamConsumer({
        backend,
        stream,
        group: 'g',
        consumer: 'c1',
        retryBaseMs: 5,
        retryMaxMs: 20,
        claimIdleMs: 200,
        blockMs: 50,
        logger: silentLogger,
        ...options,
      });
      // An `error` event without a listener would throw; the tests look at outcomes instead.
      consumer.on('error', () => {});
      consumers.push(consumer);
      return consumer;
    }

    async function publish(events: readonly OpenEdxEvent[]): Promise<string[]> {
      const receipts = await producer.publishBatch(stream, events);
      return receipts.map((r) => r.entryId!);
    }

    async function pendingIds(group = 'g', consumer?: string): Promise<string[]> {
      const summaries = await backend.pending(stream, group, {
        count: 10_000,
        ...(consumer === undefined ? {} : { consumer }),
      });
      return summaries.map((p) => p.id);
    }

    async function deadLetterCount(): Promise<number> {
      return (await backend.info(deadLetterStream(stream)))?.length ?? 0;
    }

    describe('acknowledgement and retries', () => {
      it('acknowledges an entry only after its handler succeeded', async () => {
        const held = gate();
        let started = false;
        const [id] = await publish([makeEvent()]);
        const consumer = consumerFor({
          handler: async () => {
            started = true;
            await held.promise;
          },
        });
        await consumer.start();
        await waitFor(() => started, 'the handler to start');
        expect(await pendingIds()).toEqual([id]);
        held.open();
        await waitFor(async () => (await pendingIds()).length === 0, 'the acknowledgement');
        expect(consumer.stats.handled).toBe(1);
      });

      it('leaves an entry pending while its handler throws', async () => {
        let failing = true;
        let attempts = 0;
        const [id] = await publish([makeEvent()]);
        const consumer = consumerFor({
          maxAttempts: 1_000,
          handler: () => {
            attempts++;
            if (failing) throw new Error('not yet');
          },
        });
        await consumer.start();
        await waitFor(() => attempts >= 3, 'three failed attempts');
        const pending = await backend.pending(stream, 'g', { count: 10 });
        expect(pending.map((p) => p.id)).toEqual([id]);
        expect(pending[0]!.deliveries).toBeGreaterThanOrEqual(2);
        expect(await deadLetterCount()).toBe(0);
        failing = false;
        await waitFor(async () => (await pendingIds()).length === 0, 'the acknowledgement after recovery');
        expect(consumer.stats.handled).toBe(1);
        expect(consumer.stats.failures).toBeGreaterThanOrEqual(3);
      });

      it('retries a failing entry counting deliveries 1, 2, 3', async () => {
        const deliveries: number[] = [];
        const [id] = await publish([makeEvent()]);
        const consumer = consumerFor({
          maxAttempts: 5,
          handler: (_event, context) => {
            expect(context.entryId).toBe(id);
            deliveries.push(context.deliveries);
            if (context.deliveries < 3) throw new Error(`failure ${context.deliveries}`);
          },
        });
        await consumer.start();
        await waitFor(() => consumer.stats.handled === 1, 'the third delivery to succeed');
        expect(deliveries).toEqual([1, 2, 3]);
        expect(consumer.stats.retried).toBe(2);
        await waitFor(async () => (await pendingIds()).length === 0, 'the acknowledgement');
        expect(await deadLetterCount()).toBe(0);
      });

      it('moves an entry to <stream>:dlq after maxAttempts with its fields and the reason, while others flow', async () => {
        const events = makeEvents(6);
        const poison = events[2]!.metadata.id;
        const ids = await publish(events);
        const handled: string[] = [];
        const poisonDeliveries: number[] = [];
        const deadLetters: unknown[] = [];
        const consumer = consumerFor({
          maxAttempts: 3,
          handler: (event, context) => {
            if (event.metadata.id === poison) {
              poisonDeliveries.push(context.deliveries);
              throw new EdstreamError('handler.test_refused', `refusing ${event.metadata.id}`);
            }
            handled.push(event.metadata.id);
          },
        });
        consumer.on('dead-letter', (d) => deadLetters.push(d));
        await consumer.start();
        await waitFor(async () => (await deadLetterCount()) === 1, 'one dead letter');
        await waitFor(() => handled.length === 5, 'the other five events');
        await waitFor(async () => (await pendingIds()).length === 0, 'every entry acknowledged');

        expect(handled).toEqual(events.filter((e) => e.metadata.id !== poison).map((e) => e.metadata.id));
        expect(poisonDeliveries).toEqual([1, 2, 3]);
        const [letter] = await backend.range(deadLetterStream(stream), '-', '+');
        const [original] = await backend.range(stream, ids[2]!, ids[2]!);
        const originalPairs = normaliseFields(original!.fields);
        expect(normaliseFields(letter!.fields).slice(0, originalPairs.length)).toEqual(originalPairs);
        expect(fieldText(letter!.fields, 'dlq_error_code')).toBe('handler.test_refused');
        expect(fieldText(letter!.fields, 'dlq_error_message')).toBe(`refusing ${poison}`);
        expect(fieldText(letter!.fields, 'dlq_attempts')).toBe('3');
        expect(fieldText(letter!.fields, 'dlq_original_id')).toBe(ids[2]);
        expect(consumer.stats.deadLettered).toBe(1);
        expect(deadLetters).toEqual([
          { entryId: ids[2], code: 'handler.test_refused', message: `refusing ${poison}`, attempts: 3 },
        ]);
      });

      it('dead-letters an entry delivered more than maxAttempts times without a handler error', async () => {
        // A handler that kills its process never throws: only the delivery count shows the loop.
        const [id] = await publish([makeEvent()]);
        await backend.createGroup(stream, 'g', '0');
        await backend.readNew(stream, 'g', 'c1', { count: 1, blockMs: 0 });
        await backend.readPending(stream, 'g', 'c1', { count: 1 });
        await backend.readPending(stream, 'g', 'c1', { count: 1 });
        let called = 0;
        const consumer = consumerFor({ maxAttempts: 3, handler: () => void called++ });
        await consumer.start();
        await waitFor(async () => (await deadLetterCount()) === 1, 'the dead letter');
        await waitFor(async () => (await pendingIds()).length === 0, 'the acknowledgement');
        expect(called).toBe(0);
        const [letter] = await listDeadLetters(backend, stream);
        expect(letter!.reason).toMatchObject({ originalId: id, code: 'bus.delivery_limit', attempts: 4 });
      });

      it('records handler.failed for a handler error without a code', async () => {
        await publish([makeEvent()]);
        const consumer = consumerFor({
          maxAttempts: 2,
          handler: () => {
            throw new TypeError('boom');
          },
        });
        await consumer.start();
        await waitFor(async () => (await deadLetterCount()) === 1, 'the dead letter');
        const [letter] = await listDeadLetters(backend, stream);
        expect(letter!.reason).toMatchObject({ code: 'handler.failed', message: 'boom', attempts: 2 });
      });
    });

    describe('malformed entries', () => {
      it('dead-letters malformed entries at once with their code and keeps consuming', async () => {
        const good = makeEvents(4);
        const goodFields = good.map((e) => eventToEntryFields(e));
        const template = goodFields[0]!;
        const without = (name: string): EntryFields => template.filter(([n]) => n !== name);
        const replaced = (name: string, value: string | Buffer): EntryFields =>
          template.map(([n, v]) => [n, n === name ? value : v] as const);
        const malformed: [string, EntryFields][] = [
          ['bus.malformed_entry', without('event_data')],
          ['codec.malformed_avro', replaced('event_data', Buffer.from([0xff, 0xff, 0xff]))],
          ['catalog.unknown_event_type', replaced('type', 'org.openedx.nothing.here.v1')],
          ['bus.malformed_entry', without('id')],
          ['bus.malformed_entry', [['junk', 'value']]],
        ];
        const ids = await backend.append(stream, [
          goodFields[0]!,
          malformed[0]![1],
          malformed[1]![1],
          goodFields[1]!,
          malformed[2]![1],
          malformed[3]![1],
          goodFields[2]!,
          malformed[4]![1],
          goodFields[3]!,
        ]);
        const badIds = [ids[1], ids[2], ids[4], ids[5], ids[7]];
        const handled: string[] = [];
        const consumer = consumerFor({
          maxAttempts: 5,
          handler: (event) => {
            handled.push(event.metadata.id);
          },
        });
        await consumer.start();
        await waitFor(() => handled.length === 4, 'the good events');
        await waitFor(async () => (await deadLetterCount()) === 5, 'five dead letters');
        await waitFor(async () => (await pendingIds()).length === 0, 'every entry acknowledged');

        expect(handled).toEqual(good.map((e) => e.metadata.id));
        const letters = await listDeadLetters(backend, stream);
        expect(letters.map((l) => [l.reason.originalId, l.reason.code])).toEqual(
          malformed.map(([code], i) => [badIds[i], code]),
        );
        // Malformed entries are never retried: one attempt each.
        expect(letters.map((l) => l.reason.attempts)).toEqual([1, 1, 1, 1, 1]);
        expect(consumer.stats.malformed).toBe(5);
      });
    });

    describe('start positions', () => {
      it('reads the backlog with a new group (resume)', async () => {
        const events = makeEvents(5);
        await publish(events);
        const handled: string[] = [];
        const consumer = consumerFor({ handler: (e) => void handled.push(e.metadata.id) });
        await consumer.start();
        await waitFor(() => handled.length === 5, 'the backlog');
        expect(handled).toEqual(events.map((e) => e.metadata.id));
      });

      it('resumes where the group left off without skipping entries appended while it was down', async () => {
        const before = makeEvents(3);
        const during = makeEvents(4);
        await publish(before);
        const handled: string[] = [];
        const first = consumerFor({ handler: (e) => void handled.push(e.metadata.id) });
        await first.start();
        await waitFor(() => handled.length === 3, 'the first events');
        await first.stop();
        await publish(during);
        const second = consumerFor({ consumer: 'c2', handler: (e) => void handled.push(e.metadata.id) });
        await second.start();
        await waitFor(() => handled.length >= 7, 'the events appended while down');
        await second.stop();
        expect(handled).toEqual([...before, ...during].map((e) => e.metadata.id));
      });

      it('reads everything again from the beginning, even with an existing group', async () => {
        const events = makeEvents(3);
        await publish(events);
        const handled: string[] = [];
        const first = consumerFor({ handler: (e) => void handled.push(e.metadata.id) });
        await first.start();
        await waitFor(() => handled.length === 3, 'the first read');
        await first.stop();
        const again = consumerFor({ from: 'beginning', handler: (e) => void handled.push(e.metadata.id) });
        await again.start();
        await waitFor(() => handled.length === 6, 'the second read');
        expect(handled).toEqual([...events, ...events].map((e) => e.metadata.id));
      });

      it('reads only entries appended after the start with now', async () => {
        await publish(makeEvents(3));
        const handled: string[] = [];
        const consumer = consumerFor({ from: 'now', handler: (e) => void handled.push(e.metadata.id) });
        await consumer.start();
        const later = makeEvents(2);
        await publish(later);
        await waitFor(() => handled.length >= 2, 'the new events');
        await consumer.stop();
        expect(handled).toEqual(later.map((e) => e.metadata.id));
      });

      it('reads the entries after an entry id', async () => {
        const events = makeEvents(6);
        const ids = await publish(events);
        const handled: string[] = [];
        const consumer = consumerFor({ from: ids[2]!, handler: (e) => void handled.push(e.metadata.id) });
        await consumer.start();
        await waitFor(() => handled.length >= 3, 'the entries after the id');
        await consumer.stop();
        expect(handled).toEqual(events.slice(3).map((e) => e.metadata.id));
      });

      it('reads the entries appended since an ISO time, for a new and for an existing group', async () => {
        const old = makeEvents(3);
        const oldIds = await publish(old);
        const lastOldMs = parseEntryId(oldIds[oldIds.length - 1]!).ms;
        await waitFor(() => Date.now() > lastOldMs + 2, 'the clock to move on');
        const since = new Date(lastOldMs + 1);
        const recent = makeEvents(3);
        await publish(recent);
        const handled: string[] = [];
        const consumer = consumerFor({
          from: since.toISOString(),
          handler: (e) => void handled.push(e.metadata.id),
        });
        await consumer.start();
        await waitFor(() => handled.length >= 3, 'the recent events');
        await consumer.stop();
        expect(handled).toEqual(recent.map((e) => e.metadata.id));

        // The group exists now and has read everything: the time moves it back.
        handled.length = 0;
        const again = consumerFor({
          from: since.toISOString(),
          handler: (e) => void handled.push(e.metadata.id),
        });
        await again.start();
        await waitFor(() => handled.length >= 3, 'the recent events again');
        await again.stop();
        expect(handled).toEqual(recent.map((e) => e.metadata.id));
      });

      it('rejects a start position it cannot read', async () => {
        const consumer = consumerFor({ from: 'yesterday', handler: () => {} });
        await expect(consumer.start()).rejects.toMatchObject({ code: 'usage.bad_option' });
      });
    });

    describe('claiming', () => {
      it('takes over the pending entries of a dead consumer after claimIdleMs', async () => {
        const events = makeEvents(5);
        const ids = await publish(events);
        await backend.createGroup(stream, 'g', '0');
        // A consumer that read the entries and died before acknowledging them.
        const taken = await backend.readNew(stream, 'g', 'dead', { count: 10, blockMs: 0 });
        expect(taken.map((e) => e.id)).toEqual(ids);
        const seen: { id: string; deliveries: number }[] = [];
        const consumer = consumerFor({
          consumer: 'alive',
          handler: (event, context) =>
            void seen.push({ id: event.metadata.id, deliveries: context.deliveries }),
        });
        await consumer.start();
        await waitFor(() => seen.length === 5, 'the claimed entries');
        await waitFor(async () => (await pendingIds()).length === 0, 'the claimed entries acknowledged');
        expect(seen.map((s) => s.id).sort()).toEqual(events.map((e) => e.metadata.id).sort());
        expect(seen.every((s) => s.deliveries === 2)).toBe(true);
        expect(consumer.stats.claimed).toBe(5);
      });

      it('claims a large backlog of a dead consumer in one pass, not one batch per claim period', async () => {
        const count = 500;
        await publish(makeEvents(count));
        await backend.createGroup(stream, 'g', '0');
        await backend.readNew(stream, 'g', 'dead', { count, blockMs: 0 });
        let handled = 0;
        const consumer = consumerFor({
          consumer: 'alive',
          batchSize: 25,
          // Claim passes run every second: taking one batch per pass would need 20 s for 20 batches.
          claimIdleMs: 2_000,
          handler: () => void handled++,
        });
        await new Promise((r) => setTimeout(r, 2_000));
        await consumer.start();
        await waitFor(() => handled === count, 'every claimed entry', { timeoutMs: 10_000 });
        expect(consumer.stats.claimed).toBe(count);
      }, 30_000);

      it('does not hand an entry over again when it is claimed back while its handler still runs', async () => {
        await publish(makeEvents(1));
        let calls = 0;
        const consumer = consumerFor({
          claimIdleMs: 200,
          handler: async () => {
            calls++;
            // Longer than claimIdleMs: claim passes (every 100 ms) find the entry idle and take it.
            await new Promise((r) => setTimeout(r, 1_000));
          },
        });
        await consumer.start();
        await waitFor(() => consumer.stats.handled === 1, 'the slow handler');
        await waitFor(async () => (await pendingIds()).length === 0, 'the entry acknowledged');
        await new Promise((r) => setTimeout(r, 300));
        expect(calls).toBe(1);
        expect(consumer.stats.claimed).toBeGreaterThan(0);
        expect(consumer.stats.delivered).toBe(1);
      });

      it('resumes its own pending entries first after a restart under the same name', async () => {
        const events = makeEvents(3);
        await publish(events);
        await backend.createGroup(stream, 'g', '0');
        await backend.readNew(stream, 'g', 'c1', { count: 10, blockMs: 0 });
        const seen: number[] = [];
        const consumer = consumerFor({
          claimIdleMs: 60_000,
          handler: (_e, context) => void seen.push(context.deliveries),
        });
        await consumer.start();
        await waitFor(() => seen.length === 3, 'the own pending entries');
        expect(seen).toEqual([2, 2, 2]);
      });
    });

    describe('concurrency', () => {
      it('keeps per-key order with concurrency > 1 and keyOf', async () => {
        const users = 6;
        const perUser = 40;
        const events: OpenEdxEvent[] = [];
        const sequence = new Map<string, number>();
        for (let i = 0; i < users * perUser; i++) {
          const event = gradeEventForUser(i % users);
          sequence.set(event.metadata.id, Math.floor(i / users));
          events.push(event);
        }
        await publish(events);
        const order = new Map<string, number[]>();
        let running = 0;
        let maxRunning = 0;
        const keyOf = (event: OpenEdxEvent) => String((event.data.grade as { user_id: number }).user_id);
        const consumer = consumerFor({
          concurrency: 4,
          batchSize: 50,
          keyOf,
          handler: async (event) => {
            running++;
            maxRunning = Math.max(maxRunning, running);
            await new Promise((r) => setTimeout(r, Math.random() * 3));
            const key = keyOf(event);
            order.set(key, [...(order.get(key) ?? []), sequence.get(event.metadata.id)!]);
            running--;
          },
        });
        await consumer.start();
        await waitFor(() => consumer.stats.handled === events.length, 'every event');
        expect(maxRunning).toBeGreaterThan(1);
        expect(maxRunning).toBeLessThanOrEqual(4);
        const ascending = Array.from({ length: perUser }, (_, i) => i);
        for (let user = 0; user < users; user++) expect(order.get(String(user))).toEqual(ascending);
      });
    });

    describe('stop', () => {
      it('finishes in-flight handlers and acknowledges them', async () => {
        await publish(makeEvents(3));
        const held = gate();
        let started = 0;
        let finished = 0;
        const consumer = consumerFor({
          concurrency: 3,
          handler: async () => {
            started++;
            await held.promise;
            finished++;
          },
        });
        await consumer.start();
        await waitFor(() => started === 3, 'three handlers in flight');
        const stopped = consumer.stop();
        await new Promise((r) => setTimeout(r, 20));
        expect(finished).toBe(0);
        held.open();
        await stopped;
        expect(finished).toBe(3);
        expect(consumer.running).toBe(false);
        expect(await pendingIds()).toEqual([]);
      });

      it('leaves a failing entry pending when stopped during its retries', async () => {
        const [id] = await publish([makeEvent()]);
        let attempts = 0;
        const consumer = consumerFor({
          maxAttempts: 100,
          retryBaseMs: 50,
          retryMaxMs: 50,
          handler: () => {
            attempts++;
            throw new Error('down');
          },
        });
        await consumer.start();
        await waitFor(() => attempts >= 2, 'two attempts');
        await consumer.stop();
        expect(await pendingIds()).toEqual([id]);
        expect(await deadLetterCount()).toBe(0);
      });
    });

    describe('gaps', () => {
      it('reports entries trimmed before the group read them', async () => {
        const trimming = new EventProducer({ backend, maxLen: 50 });
        await publish(makeEvents(2));
        let handled = 0;
        const first = consumerFor({ handler: () => void handled++ });
        await first.start();
        await waitFor(() => handled === 2, 'the first events');
        await first.stop();
        for (let i = 0; i < 4; i++) await trimming.publishBatch(stream, makeEvents(250));
        const info = (await backend.info(stream))!;
        expect(info.length).toBeLessThan(1000);

        const gaps: GapReport[] = [];
        const second = consumerFor({ handler: () => void handled++ });
        second.on('gap', (g: GapReport) => gaps.push(g));
        await second.start();
        await waitFor(() => handled === 2 + info.length, 'what the stream retains');
        expect(second.stats.gaps).toBe(1);
        expect(gaps).toHaveLength(1);
        expect(gaps[0]).toMatchObject({ stream, group: 'g', upToId: info.maxDeletedId });
      });

      it('reports entries removed between two reads on the read that jumps over them', async () => {
        const ids = await publish(makeEvents(10));
        const held = gate();
        const handled: string[] = [];
        const gaps: GapReport[] = [];
        const consumer = consumerFor({
          batchSize: 2,
          // Only the read path can see this gap: the periodic check of the cursor never runs.
          gapCheckIntervalMs: 3_600_000,
          handler: async (_event, context) => {
            if (context.entryId === ids[0]) await held.promise;
            handled.push(context.entryId);
          },
        });
        consumer.on('gap', (g: GapReport) => gaps.push(g));
        await consumer.start();
        await waitFor(() => consumer.stats.inFlight === 2, 'the first batch in the handler');
        // Beyond the batch a full batch makes the consumer read ahead (ids 2 and 3).
        expect(await backend.delete(stream, ids.slice(4, 8))).toBe(4);
        held.open();
        await waitFor(() => handled.length === 6, 'the entries kept');
        expect(handled).toEqual([...ids.slice(0, 4), ...ids.slice(8)]);
        expect(gaps).toEqual([{ stream, group: 'g', afterId: ids[3], upToId: ids[7] }]);
        expect(consumer.stats.gaps).toBe(1);
      });
    });

    describe('dead-letter tools', () => {
      it('lists, shows, replays and purges dead letters', async () => {
        const events = makeEvents(4);
        const ids = await publish(events);
        const refused = new Set([events[1]!.metadata.id, events[3]!.metadata.id]);
        const handled: string[] = [];
        const consumer = consumerFor({
          maxAttempts: 1,
          handler: (event) => {
            if (refused.has(event.metadata.id)) throw new EdstreamError('handler.refused', 'not today');
            handled.push(event.metadata.id);
          },
        });
        await consumer.start();
        await waitFor(async () => (await deadLetterCount()) === 2, 'two dead letters');

        const letters = await listDeadLetters(backend, stream);
        expect(letters.map((l) => l.reason.originalId)).toEqual([ids[1], ids[3]]);
        expect(letters[0]!.reason).toMatchObject({ group: 'g', consumer: 'c1', code: 'handler.refused' });
        expect(letters[0]!.reason.failedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);

        const shown = await getDeadLetter(backend, stream, letters[0]!.id);
        const [original] = await backend.range(stream, ids[1]!, ids[1]!);
        expect(normaliseFields(shown.originalFields)).toEqual(normaliseFields(original!.fields));
        await expect(getDeadLetter(backend, stream, '1-1')).rejects.toMatchObject({
          code: 'bus.dead_letter_not_found',
        });

        refused.clear();
        const replayed = await replayDeadLetters(backend, stream, [letters[0]!.id]);
        expect(replayed).toHaveLength(1);
        await waitFor(() => handled.includes(events[1]!.metadata.id), 'the replayed event');
        expect((await listDeadLetters(backend, stream)).map((l) => l.id)).toEqual([letters[1]!.id]);

        expect(await purgeDeadLetters(backend, stream, 'all')).toBe(1);
        expect(await listDeadLetters(backend, stream)).toEqual([]);
        expect(await replayDeadLetters(backend, stream, 'all')).toEqual([]);
      });

      it('replays every dead letter in order', async () => {
        const events = makeEvents(3, LOGIN);
        await publish(events);
        let refuse = true;
        const handled: string[] = [];
        const consumer = consumerFor({
          maxAttempts: 1,
          handler: (event) => {
            if (refuse) throw new Error('refused');
            handled.push(event.metadata.id);
          },
        });
        await consumer.start();
        await waitFor(async () => (await deadLetterCount()) === 3, 'three dead letters');
        refuse = false;
        expect(await replayDeadLetters(backend, stream, 'all')).toHaveLength(3);
        await waitFor(() => handled.length === 3, 'the replayed events');
        expect(handled).toEqual(events.map((e) => e.metadata.id));
        expect(await deadLetterCount()).toBe(0);
      });
    });
  });
}
