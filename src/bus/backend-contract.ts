import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isEdstreamError } from '../errors.js';
import type { BusBackend, DeliveredEntry, EntryFields, StreamEntry } from './backend.js';
import { compareEntryIds, isEntryId } from './entry-id.js';

/** A backend to test and how to dispose of it (close it and remove its files or keys). */
export interface BackendUnderTest {
  backend: BusBackend;
  cleanup: () => Promise<void>;
}

/**
 * The one contract suite every `BusBackend` passes: Redis Streams semantics as edstream relies on
 * them. Each test opens its own backend and uses stream names with a random suffix, so that a
 * shared Redis server never sees two runs collide. Where Redis leaves room (approximate trimming,
 * idle times), the assertions hold for every faithful implementation.
 *
 * Decisions beyond `backend.ts`, which every backend follows:
 * - readPending and claimIdle skip ids whose entries were deleted or trimmed while pending, drop
 *   them from the pending list (Redis 7 XAUTOCLAIM does the same) and return up to `count` live
 *   entries, so that an empty result always means "nothing left".
 * - `lastId` is the id of the last entry present (null when the stream is empty), like `firstId`.
 * - Group operations other than `ack` reject with `bus.no_group` when the group does not exist;
 *   `ack` resolves with 0, as XACK does.
 * - After `close()`, every method but `close` rejects with `bus.closed`, including a read blocked
 *   at the time; `close()` itself may be called again.
 */
export function runBackendContract(name: string, makeBackend: () => Promise<BackendUnderTest>): void {
  describe(`BusBackend contract: ${name}`, () => {
    let backend: BusBackend;
    let cleanup: () => Promise<void>;
    beforeEach(async () => {
      ({ backend, cleanup } = await makeBackend());
    });
    afterEach(async () => {
      await cleanup();
    });

    describe('streams', () => {
      it('appends entries with increasing ids, keeping field order and binary values', async () => {
        const s = streamName('append');
        const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
        const fields: EntryFields = [
          ['type', 'org.openedx.test.v1'],
          ['event_data', bytes],
          ['text', 'é ✓ 🙂'],
          ['empty', ''],
          ['naïve ✓', 'a name that is not ASCII'],
          ['type', 'repeated name'],
        ];
        const first = await backend.append(s, [fields, [['n', '2']]]);
        const second = await backend.append(s, [[['n', '3']]]);
        const ids = [...first, ...second];
        expect(ids).toHaveLength(3);
        expectAscending(ids);
        expect(await backend.append(s, [])).toEqual([]);
        const [entry] = await backend.range(s, ids[0]!, ids[0]!);
        expect(entry?.id).toBe(ids[0]);
        expect(normalise(entry!.fields)).toEqual(normalise(fields));
      });

      it('appends batches of any size in order, each entry with its own fields', async () => {
        const s = streamName('batches-✓');
        const appended: string[] = [];
        let n = 0;
        for (const size of [1, 49, 50, 51, 137, 500]) {
          const batch = Array.from({ length: size }, (): EntryFields => [['n', String(n++)]]);
          const ids = await backend.append(s, batch);
          expect(ids).toHaveLength(size);
          appended.push(...ids);
        }
        expectAscending(appended);
        const entries = await backend.range(s, '-', '+');
        expect(entries.map((e) => e.id)).toEqual(appended);
        expect(entries.map((e) => normalise(e.fields))).toEqual(
          Array.from({ length: n }, (_, i) => normalise([['n', String(i)]])),
        );
      });

      it('rejects an entry without fields', async () => {
        await expect(backend.append(streamName('empty-entry'), [[]])).rejects.toThrow();
      });

      it('ranges over inclusive ids, - and + and a count, oldest first', async () => {
        const s = streamName('range');
        const ids = await appendNumbered(backend, s, 5);
        expect((await backend.range(s, '-', '+')).map((e) => e.id)).toEqual(ids);
        expect((await backend.range(s, ids[1]!, ids[3]!)).map((e) => e.id)).toEqual(ids.slice(1, 4));
        expect((await backend.range(s, ids[2]!, '+', 2)).map((e) => e.id)).toEqual(ids.slice(2, 4));
        expect((await backend.range(s, '-', ids[0]!)).map(numberOf)).toEqual([0]);
        expect(await backend.range(streamName('missing'), '-', '+')).toEqual([]);
      });

      it('deletes entries, counting only those that existed, and records the largest deleted id', async () => {
        const s = streamName('delete');
        const ids = await appendNumbered(backend, s, 4);
        expect(await backend.delete(s, [ids[1]!, ids[2]!, '1-999'])).toBe(2);
        expect(await backend.delete(s, [ids[1]!])).toBe(0);
        expect((await backend.range(s, '-', '+')).map(numberOf)).toEqual([0, 3]);
        const info = await backend.info(s);
        expect(info).toMatchObject({ length: 2, entriesAdded: 4, maxDeletedId: ids[2] });
        expect(info?.firstId).toBe(ids[0]);
        await backend.delete(s, [ids[3]!]);
        expect((await backend.info(s))?.lastId).toBe(ids[0]);
      });

      it('trims the oldest entries when appending with maxLen', async () => {
        const s = streamName('trim');
        const ids = await appendNumbered(backend, s, 300);
        const [last] = await backend.append(s, [[['n', 'last']]], { maxLen: 50 });
        const info = (await backend.info(s))!;
        expect(info.length).toBeLessThan(301);
        expect(info.length).toBeGreaterThanOrEqual(50);
        expect(info.entriesAdded).toBe(301);
        expect(info.lastId).toBe(last);
        expect(compareEntryIds(info.firstId!, ids[0]!)).toBeGreaterThan(0);
        expect(compareEntryIds(info.maxDeletedId, ids[0]!)).toBeGreaterThanOrEqual(0);
        expect(compareEntryIds(info.maxDeletedId, info.firstId!)).toBeLessThan(0);
        const kept = await backend.range(s, '-', '+');
        expect(kept).toHaveLength(info.length);
        expect(kept[0]?.id).toBe(info.firstId);
      });

      it('describes a missing stream as null and an empty one with zero counters', async () => {
        const s = streamName('info-empty');
        expect(await backend.info(s)).toBeNull();
        await backend.createGroup(s, 'g', '$');
        expect(await backend.info(s)).toEqual({
          stream: s,
          length: 0,
          firstId: null,
          lastId: null,
          entriesAdded: 0,
          maxDeletedId: '0-0',
          groups: [{ name: 'g', consumers: 0, pending: 0, lastDeliveredId: '0-0', lag: 0 }],
        });
      });

      it('describes the state of a stream as info does, without the groups', async () => {
        const s = streamName('state');
        expect(await backend.state(s)).toBeNull();
        const ids = await appendNumbered(backend, s, 4);
        await backend.createGroup(s, 'g', '0');
        await backend.delete(s, [ids[1]!]);
        const { groups, ...state } = (await backend.info(s))!;
        expect(groups).toHaveLength(1);
        expect(await backend.state(s)).toEqual(state);
        expect(state).toMatchObject({
          stream: s,
          length: 3,
          firstId: ids[0],
          lastId: ids[3],
          entriesAdded: 4,
        });
      });

      it('lists stream names by prefix', async () => {
        const prefix = `contract:list:${randomUUID()}:`;
        await backend.append(`${prefix}b`, [[['n', '1']]]);
        await backend.append(`${prefix}a`, [[['n', '1']]]);
        await backend.createGroup(`${prefix}c`, 'g', '0');
        await backend.append(`${streamName('other')}`, [[['n', '1']]]);
        expect((await backend.streams(prefix)).sort()).toEqual([`${prefix}a`, `${prefix}b`, `${prefix}c`]);
        expect(await backend.streams()).toContain(`${prefix}a`);
      });
    });

    describe('consumer groups', () => {
      it('creates a group at 0 that reads the backlog, and reports an existing group with false', async () => {
        const s = streamName('group-0');
        const ids = await appendNumbered(backend, s, 3);
        expect(await backend.createGroup(s, 'g', '0')).toBe(true);
        expect(await backend.createGroup(s, 'g', '$')).toBe(false);
        const got = await backend.readNew(s, 'g', 'c1', { count: 10, blockMs: 0 });
        expect(got.map((e) => e.id)).toEqual(ids);
        expect(got.map((e) => e.deliveries)).toEqual([1, 1, 1]);
      });

      it('creates a group at $ that reads only entries appended afterwards', async () => {
        const s = streamName('group-$');
        await appendNumbered(backend, s, 3);
        expect(await backend.createGroup(s, 'g', '$')).toBe(true);
        expect(await backend.readNew(s, 'g', 'c1', { count: 10, blockMs: 0 })).toEqual([]);
        const [id] = await backend.append(s, [[['n', 'new']]]);
        expect((await backend.readNew(s, 'g', 'c1', { count: 10, blockMs: 0 })).map((e) => e.id)).toEqual([
          id,
        ]);
      });

      it('moves the cursor so that new reads replay the entries after an id', async () => {
        const s = streamName('setid');
        const ids = await appendNumbered(backend, s, 4);
        await backend.createGroup(s, 'g', '$');
        await backend.setGroupPosition(s, 'g', ids[1]!);
        expect((await readAll(backend, s, 'c1')).map((e) => e.id)).toEqual(ids.slice(2));
        await backend.setGroupPosition(s, 'g', '0');
        const replayed = await readAll(backend, s, 'c2');
        expect(replayed.map((e) => e.id)).toEqual(ids);
        expect(replayed.map((e) => e.deliveries)).toEqual([1, 1, 1, 1]);
        await backend.setGroupPosition(s, 'g', '$');
        expect(await readAll(backend, s, 'c1')).toEqual([]);
        expect(await backend.createGroup(s, 'g2', ids[2]!)).toBe(true);
        expect((await readAll(backend, s, 'c1', 'g2')).map((e) => e.id)).toEqual([ids[3]]);
      });

      it('accepts a cursor at the end of a millisecond, as consumers place it for a start time', async () => {
        const s = streamName('setid-max-seq');
        const [early] = await backend.append(s, [[['n', '0']]]);
        await sleep(3);
        const [late] = await backend.append(s, [[['n', '1']]]);
        const lateMs = Number(late!.split('-')[0]);
        expect(Number(early!.split('-')[0])).toBeLessThan(lateMs);
        await backend.createGroup(s, 'g', '$');
        await backend.setGroupPosition(s, 'g', `${lateMs - 1}-9999999999999999`);
        const cursor = (await groupInfo(backend, s, 'g'))?.lastDeliveredId ?? '';
        expect(isEntryId(cursor)).toBe(true);
        expect((await readAll(backend, s, 'c1')).map((e) => e.id)).toEqual([late]);
      });

      it('gives each new entry to one consumer only and keeps it pending for that consumer', async () => {
        const s = streamName('fanout');
        const ids = await appendNumbered(backend, s, 4);
        await backend.createGroup(s, 'g', '0');
        const a = await backend.readNew(s, 'g', 'c1', { count: 2, blockMs: 0 });
        const b = await backend.readNew(s, 'g', 'c2', { count: 10, blockMs: 0 });
        expect(a.map((e) => e.id)).toEqual(ids.slice(0, 2));
        expect(b.map((e) => e.id)).toEqual(ids.slice(2));
        expect(await backend.readNew(s, 'g', 'c3', { count: 10, blockMs: 0 })).toEqual([]);
        const pending = await backend.pending(s, 'g', { count: 10 });
        expect(pending.map((p) => [p.id, p.consumer, p.deliveries])).toEqual([
          [ids[0], 'c1', 1],
          [ids[1], 'c1', 1],
          [ids[2], 'c2', 1],
          [ids[3], 'c2', 1],
        ]);
        for (const p of pending) expect(p.idleMs).toBeGreaterThanOrEqual(0);
        expect((await backend.pending(s, 'g', { count: 1, consumer: 'c2' })).map((p) => p.id)).toEqual([
          ids[2],
        ]);
      });

      it('acknowledges pending entries, counting only ids that were pending', async () => {
        const s = streamName('ack');
        const ids = await appendNumbered(backend, s, 3);
        await backend.createGroup(s, 'g', '0');
        await readAll(backend, s, 'c1');
        expect(await backend.ack(s, 'g', [ids[0]!, ids[2]!, '1-1'])).toBe(2);
        expect(await backend.ack(s, 'g', [ids[0]!])).toBe(0);
        expect(await backend.ack(s, 'missing-group', [ids[1]!])).toBe(0);
        expect((await backend.pending(s, 'g', { count: 10 })).map((p) => p.id)).toEqual([ids[1]]);
        expect((await backend.range(s, '-', '+')).length).toBe(3);
      });

      it("redelivers a consumer's own pending entries after afterId, counting each delivery", async () => {
        const s = streamName('read-pending');
        const ids = await appendNumbered(backend, s, 4);
        await backend.createGroup(s, 'g', '0');
        await backend.readNew(s, 'g', 'c1', { count: 3, blockMs: 0 });
        await backend.readNew(s, 'g', 'c2', { count: 1, blockMs: 0 });
        const firstTwo = await backend.readPending(s, 'g', 'c1', { count: 2 });
        expect(firstTwo.map((e) => [e.id, e.deliveries])).toEqual([
          [ids[0], 2],
          [ids[1], 2],
        ]);
        expect(normalise(firstTwo[0]!.fields)).toEqual(normalise([['n', '0']]));
        const rest = await backend.readPending(s, 'g', 'c1', { count: 10, afterId: ids[1]! });
        expect(rest.map((e) => [e.id, e.deliveries])).toEqual([[ids[2], 2]]);
        const again = await backend.readPending(s, 'g', 'c1', { count: 10 });
        expect(again.map((e) => e.deliveries)).toEqual([3, 3, 3]);
        const pending = await backend.pending(s, 'g', { count: 10, consumer: 'c1' });
        expect(pending.map((p) => p.deliveries)).toEqual([3, 3, 3]);
        expect(await backend.readPending(s, 'g', 'c3', { count: 10 })).toEqual([]);
      });

      it('claims entries idle for at least minIdleMs from another consumer, and no younger ones', async () => {
        const s = streamName('claim');
        const ids = await appendNumbered(backend, s, 3);
        await backend.createGroup(s, 'g', '0');
        await backend.readNew(s, 'g', 'c1', { count: 2, blockMs: 0 });
        expect(await backend.claimIdle(s, 'g', 'c2', { minIdleMs: 60_000, count: 10 })).toEqual([]);
        await sleep(40);
        const pending = await backend.pending(s, 'g', { count: 10 });
        for (const p of pending) expect(p.idleMs).toBeGreaterThanOrEqual(20);
        const claimed = await backend.claimIdle(s, 'g', 'c2', { minIdleMs: 20, count: 10 });
        expect(claimed.map((e) => [e.id, e.deliveries])).toEqual([
          [ids[0], 2],
          [ids[1], 2],
        ]);
        expect(numberOf(claimed[1]!)).toBe(1);
        expect(await backend.readPending(s, 'g', 'c1', { count: 10 })).toEqual([]);
        const mine = await backend.readPending(s, 'g', 'c2', { count: 10 });
        expect(mine.map((e) => e.deliveries)).toEqual([3, 3]);
        expect(await backend.claimIdle(s, 'g', 'c3', { minIdleMs: 60_000, count: 10 })).toEqual([]);
      });

      it('describes its groups: pending, last delivered id, consumers and lag', async () => {
        const s = streamName('info-groups');
        const ids = await appendNumbered(backend, s, 3);
        await backend.createGroup(s, 'late', '$');
        await backend.createGroup(s, 'g', '0');
        expect((await groupInfo(backend, s, 'g'))?.lag).toBe(3);
        await backend.readNew(s, 'g', 'c1', { count: 1, blockMs: 0 });
        await backend.readNew(s, 'g', 'c2', { count: 1, blockMs: 0 });
        await backend.ack(s, 'g', [ids[0]!]);
        const info = (await backend.info(s))!;
        expect(info).toMatchObject({
          stream: s,
          length: 3,
          firstId: ids[0],
          lastId: ids[2],
          entriesAdded: 3,
        });
        expect(info.maxDeletedId).toBe('0-0');
        expect(info.groups.map((g) => g.name).sort()).toEqual(['g', 'late']);
        expect(await groupInfo(backend, s, 'g')).toEqual({
          name: 'g',
          consumers: 2,
          pending: 1,
          lastDeliveredId: ids[1],
          lag: 1,
        });
        expect(await groupInfo(backend, s, 'late')).toMatchObject({
          pending: 0,
          lastDeliveredId: ids[2],
          lag: 0,
        });
      });

      it('rejects group operations on a missing group with bus.no_group', async () => {
        const s = streamName('no-group');
        await appendNumbered(backend, s, 1);
        await expectCode(backend.readNew(s, 'nope', 'c', { count: 1, blockMs: 0 }), 'bus.no_group');
        await expectCode(backend.readPending(s, 'nope', 'c', { count: 1 }), 'bus.no_group');
        await expectCode(backend.claimIdle(s, 'nope', 'c', { minIdleMs: 0, count: 1 }), 'bus.no_group');
        await expectCode(backend.pending(s, 'nope', { count: 1 }), 'bus.no_group');
        await expectCode(backend.setGroupPosition(s, 'nope', '0'), 'bus.no_group');
        await expectCode(
          backend.readNew(streamName('none'), 'g', 'c', { count: 1, blockMs: 0 }),
          'bus.no_group',
        );
      });
    });

    describe('blocking reads', () => {
      it('returns [] at once from an empty stream when blockMs is 0', async () => {
        const s = streamName('empty');
        await backend.createGroup(s, 'g', '$');
        expect(await backend.readNew(s, 'g', 'c1', { count: 10, blockMs: 0 })).toEqual([]);
      });

      it('waits for an entry appended while it blocks', async () => {
        const s = streamName('block');
        await backend.createGroup(s, 'g', '$');
        const reading = backend.readNew(s, 'g', 'c1', { count: 10, blockMs: 10_000 });
        await sleep(50);
        const [id] = await backend.append(s, [[['n', 'late']]]);
        const got = await reading;
        expect(got.map((e) => [e.id, e.deliveries])).toEqual([[id, 1]]);
      });

      it('gives an entry appended during two blocked reads to only one of them', async () => {
        const s = streamName('block-two');
        await backend.createGroup(s, 'g', '$');
        const one = backend.readNew(s, 'g', 'c1', { count: 10, blockMs: 300 });
        const two = backend.readNew(s, 'g', 'c2', { count: 10, blockMs: 300 });
        await sleep(50);
        const [id] = await backend.append(s, [[['n', 'only']]]);
        const got = [...(await one), ...(await two)];
        expect(got.map((e) => e.id)).toEqual([id]);
      });

      it('returns [] when nothing arrives within blockMs', async () => {
        const s = streamName('block-timeout');
        await backend.createGroup(s, 'g', '$');
        expect(await backend.readNew(s, 'g', 'c1', { count: 10, blockMs: 30 })).toEqual([]);
      });
    });

    describe('entries removed while pending', () => {
      it('skips deleted entries in readPending and drops them from the pending list', async () => {
        const s = streamName('pending-deleted');
        const ids = await appendNumbered(backend, s, 4);
        await backend.createGroup(s, 'g', '0');
        await readAll(backend, s, 'c1');
        await backend.delete(s, [ids[0]!, ids[2]!]);
        const first = await backend.readPending(s, 'g', 'c1', { count: 1 });
        expect(first.map((e) => [e.id, e.deliveries])).toEqual([[ids[1], 2]]);
        const rest = await backend.readPending(s, 'g', 'c1', { count: 10, afterId: ids[1]! });
        expect(rest.map((e) => e.id)).toEqual([ids[3]]);
        expect((await backend.pending(s, 'g', { count: 10 })).map((p) => p.id)).toEqual([ids[1], ids[3]]);
      });

      it('skips deleted entries in claimIdle and drops them from the pending list', async () => {
        const s = streamName('claim-deleted');
        const ids = await appendNumbered(backend, s, 3);
        await backend.createGroup(s, 'g', '0');
        await readAll(backend, s, 'c1');
        await backend.delete(s, [ids[0]!]);
        await sleep(40);
        const claimed = await backend.claimIdle(s, 'g', 'c2', { minIdleMs: 20, count: 1 });
        expect(claimed.map((e) => [e.id, e.deliveries])).toEqual([[ids[1], 2]]);
        const pending = await backend.pending(s, 'g', { count: 10 });
        expect(pending.map((p) => [p.id, p.consumer])).toEqual([
          [ids[1], 'c2'],
          [ids[2], 'c1'],
        ]);
      });

      it('skips trimmed entries in readPending and drops them from the pending list', async () => {
        const s = streamName('pending-trimmed');
        await backend.createGroup(s, 'g', '0');
        await appendNumbered(backend, s, 300);
        expect(await readAll(backend, s, 'c1')).toHaveLength(300);
        await backend.append(s, [[['n', 'last']]], { maxLen: 50 });
        const { firstId, length } = (await backend.info(s))!;
        const again = await backend.readPending(s, 'g', 'c1', { count: 10 });
        expect(again.map((e) => e.id)[0]).toBe(firstId);
        expect(again).toHaveLength(10);
        for (const e of again) expect(e.deliveries).toBe(2);
        const pending = await backend.pending(s, 'g', { count: 1000 });
        expect(pending).toHaveLength(length - 1);
        expect(pending[0]?.id).toBe(firstId);
      });
    });

    describe('close', () => {
      it('rejects every call after close with bus.closed', async () => {
        const s = streamName('closed');
        await backend.append(s, [[['n', '0']]]);
        await backend.createGroup(s, 'g', '0');
        await backend.close();
        await backend.close();
        const read = { count: 1, blockMs: 0 };
        await expectCode(backend.append(s, [[['n', '1']]]), 'bus.closed');
        await expectCode(backend.createGroup(s, 'g2', '0'), 'bus.closed');
        await expectCode(backend.setGroupPosition(s, 'g', '0'), 'bus.closed');
        await expectCode(backend.readNew(s, 'g', 'c', read), 'bus.closed');
        await expectCode(backend.readPending(s, 'g', 'c', read), 'bus.closed');
        await expectCode(backend.claimIdle(s, 'g', 'c', { minIdleMs: 0, count: 1 }), 'bus.closed');
        await expectCode(backend.pending(s, 'g', read), 'bus.closed');
        await expectCode(backend.ack(s, 'g', ['1-0']), 'bus.closed');
        await expectCode(backend.range(s, '-', '+'), 'bus.closed');
        await expectCode(backend.delete(s, ['1-0']), 'bus.closed');
        await expectCode(backend.info(s), 'bus.closed');
        await expectCode(backend.state(s), 'bus.closed');
        await expectCode(backend.streams(), 'bus.closed');
      });

      it('fails a read blocked at the time of close with bus.closed', async () => {
        const s = streamName('close-blocked');
        await backend.createGroup(s, 'g', '$');
        const outcome = backend.readNew(s, 'g', 'c1', { count: 1, blockMs: 10_000 }).then(
          () => undefined,
          (error: unknown) => error,
        );
        await sleep(30);
        await backend.close();
        const error = await outcome;
        expect(isEdstreamError(error) ? error.code : error).toBe('bus.closed');
      });
    });
  });
}

function streamName(label: string): string {
  return `contract:${label}:${randomUUID()}`;
}

async function appendNumbered(backend: BusBackend, stream: string, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < n; start += 100) {
    const batch = Array.from(
      { length: Math.min(100, n - start) },
      (_, i): EntryFields => [['n', String(start + i)]],
    );
    ids.push(...(await backend.append(stream, batch)));
  }
  return ids;
}

async function readAll(
  backend: BusBackend,
  stream: string,
  consumer: string,
  group = 'g',
): Promise<DeliveredEntry[]> {
  const out: DeliveredEntry[] = [];
  for (;;) {
    const got = await backend.readNew(stream, group, consumer, { count: 100, blockMs: 0 });
    if (got.length === 0) return out;
    out.push(...got);
  }
}

async function groupInfo(backend: BusBackend, stream: string, group: string) {
  return (await backend.info(stream))?.groups.find((g) => g.name === group);
}

/** Fields as [name, bytes], since a backend may return a string value as a Buffer. */
function normalise(fields: EntryFields): Array<[string, Buffer]> {
  return fields.map(([name, value]) => [name, Buffer.isBuffer(value) ? value : Buffer.from(value, 'utf8')]);
}

function numberOf(entry: StreamEntry): number {
  const value = entry.fields.find(([name]) => name === 'n')?.[1];
  return Number(Buffer.isBuffer(value) ? value.toString('utf8') : value);
}

function expectAscending(ids: readonly string[]): void {
  for (let i = 1; i < ids.length; i++) expect(compareEntryIds(ids[i - 1]!, ids[i]!)).toBeLessThan(0);
}

async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isEdstreamError(error) ? error.code : error).toBe(code);
}
