import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAvroFixtures, REFERENCE_DIR } from '../../../test/reference.js';
import type { EventsMetadata } from '../../envelope/index.js';
import { entryToEvent, eventToEntryFields } from '../stream-entry.js';
import { createRedisBackend, type RedisStreamsBackend } from './redis-backend.js';

// Both directions are checked against raw Redis commands, never through this backend on the other side.

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const PREFIX = `edstream-test:redis-wire:${randomUUID()}:`;
const FIELD_ORDER = ['type', 'id', 'source', 'time', 'minorversion', 'sourcehost', 'sourcelib', 'event_data'];

interface MetadataExample {
  label: string;
  to_json_data: Omit<EventsMetadata, 'sourcelib'> & { sourcelib: number[] };
  redis_stream_fields: { field: string; value_utf8: string | null; value_hex: string }[];
  event_data_fixture: { event_type: string; case: string };
}

const fixtures = loadAvroFixtures();
const examples = (
  JSON.parse(readFileSync(`${REFERENCE_DIR}metadata_examples.json`, 'utf8')) as {
    examples: MetadataExample[];
  }
).examples;

/** The metadata a Python producer would attach to a fixture (uuid1 id, microsecond UTC time). */
function metadataFor(eventType: string, index: number): EventsMetadata {
  return {
    event_type: eventType,
    id: `2a1b3c4d-5e6f-11ef-8a9b-${index.toString(16).padStart(12, '0')}`,
    minorversion: 0,
    source: 'openedx/lms/web',
    sourcehost: 'edx.devstack.lms',
    time: '2024-05-14T09:30:12.345678+00:00',
    sourcelib: [11, 2, 0],
  };
}

/** The fields `edx_event_bus_redis` writes, as bytes, in its order. */
function pythonFields(metadata: EventsMetadata, avroHex: string): [string, Buffer][] {
  return [
    ['type', Buffer.from(metadata.event_type)],
    ['id', Buffer.from(metadata.id)],
    ['source', Buffer.from(metadata.source)],
    ['time', Buffer.from(metadata.time)],
    ['minorversion', Buffer.from(String(metadata.minorversion))],
    ['sourcehost', Buffer.from(metadata.sourcehost)],
    ['sourcelib', Buffer.from(metadata.sourcelib.join('.'))],
    ['event_data', Buffer.from(avroHex, 'hex')],
  ];
}

function fixtureFor(eventType: string, which: string) {
  const fixture = fixtures.find((f) => f.event_type === eventType && f.case === which);
  if (!fixture) throw new Error(`no fixture ${eventType} (${which})`);
  return fixture;
}

let raw: Redis;
let backend: RedisStreamsBackend;

beforeAll(() => {
  raw = new Redis(REDIS_URL);
  backend = createRedisBackend({ url: REDIS_URL });
});

afterAll(async () => {
  const keys = await raw.keys(`${PREFIX}*`);
  if (keys.length > 0) await raw.del(...keys);
  await backend.close();
  raw.disconnect();
});

describe('Python producer → edstream consumer', () => {
  it(`reads all ${fixtures.length} reference payloads written with a raw XADD as the Python bus writes them`, async () => {
    const stream = `${PREFIX}from-python`;
    const pipeline = raw.pipeline();
    fixtures.forEach((f, i) => {
      pipeline.xadd(
        stream,
        'MAXLEN',
        '~',
        '10000',
        '*',
        ...pythonFields(metadataFor(f.event_type, i), f.avro_hex).flat(),
      );
    });
    const written = (await pipeline.exec())!.map(([error, id]) => {
      expect(error).toBeNull();
      return id;
    });
    await backend.createGroup(stream, 'edstream', '0');
    const entries = await backend.readNew(stream, 'edstream', 'c1', { count: 1000, blockMs: 0 });
    expect(entries.map((e) => e.id)).toEqual(written);
    entries.forEach((entry, i) => {
      const fixture = fixtures[i]!;
      const event = entryToEvent(entry);
      expect(event.metadata).toEqual(metadataFor(fixture.event_type, i));
      expect(event.data).toEqual(fixture.data_json);
      expect(entry.fields.find(([name]) => name === 'event_data')?.[1]).toEqual(
        Buffer.from(fixture.avro_hex, 'hex'),
      );
    });
  });

  for (const example of examples) {
    it(`reads the Python bus fields of "${example.label}"`, async () => {
      const stream = `${PREFIX}example-in-${randomUUID()}`;
      const flat = example.redis_stream_fields.flatMap((f) => [f.field, Buffer.from(f.value_hex, 'hex')]);
      const id = await raw.xadd(stream, 'MAXLEN', '~', '10000', '*', ...flat);
      const [entry] = await backend.range(stream, '-', '+');
      expect(entry?.id).toBe(id);
      const event = entryToEvent(entry!);
      expect({ ...event.metadata, sourcelib: [...event.metadata.sourcelib] }).toEqual(example.to_json_data);
      const fixture = fixtureFor(example.event_data_fixture.event_type, example.event_data_fixture.case);
      expect(event.data).toEqual(fixture.data_json);
    });
  }
});

describe('edstream producer → Python consumer', () => {
  it(`writes all ${fixtures.length} reference payloads with exactly the Python bus fields and bytes`, async () => {
    const stream = `${PREFIX}to-python`;
    const events = fixtures.map((f, i) => ({ metadata: metadataFor(f.event_type, i), data: f.data_json }));
    const ids = await backend.append(
      stream,
      events.map((event) => eventToEntryFields(event)),
      { maxLen: 10_000 },
    );
    const entries = await raw.xrangeBuffer(stream, '-', '+');
    expect(entries.map(([id]) => id.toString())).toEqual(ids);
    entries.forEach(([, flat], i) => {
      const fixture = fixtures[i]!;
      const names = flat.filter((_, j) => j % 2 === 0).map((b) => b.toString());
      const values = flat.filter((_, j) => j % 2 === 1);
      expect(names).toEqual(FIELD_ORDER);
      const expected = pythonFields(metadataFor(fixture.event_type, i), fixture.avro_hex).map(([, v]) => v);
      expect(values.slice(0, 7).map((v) => v.toString('utf8'))).toEqual(expected.slice(0, 7).map(String));
      expect(values[7]!.toString('hex')).toBe(fixture.avro_hex);
    });
  });

  for (const example of examples) {
    it(`writes "${example.label}" byte for byte as the Python bus does`, async () => {
      const stream = `${PREFIX}example-out-${randomUUID()}`;
      const fixture = fixtureFor(example.event_data_fixture.event_type, example.event_data_fixture.case);
      const event = { metadata: example.to_json_data, data: fixture.data_json };
      await backend.append(stream, [eventToEntryFields(event)], { maxLen: 10_000 });
      const [[, flat] = [Buffer.alloc(0), []]] = await raw.xrangeBuffer(stream, '-', '+');
      const written = [];
      for (let j = 0; j < flat.length; j += 2) {
        written.push({ field: flat[j]!.toString(), value_hex: flat[j + 1]!.toString('hex') });
      }
      expect(written).toEqual(
        example.redis_stream_fields.map(({ field, value_hex }) => ({ field, value_hex })),
      );
    });
  }
});
