import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AvroFixture, loadAvroFixtures } from '../../test/reference.js';
import { decodeAvroPayload, encodeAvroPayload } from '../codecs/avro/payload.js';
import { EdstreamError, type Issue } from '../errors.js';
import { ALL_EVENTS, getEventDefinition } from './registry.js';
import { parseEventData, validate } from './validate.js';

const fixtures = loadAvroFixtures();
const eventTypes = ALL_EVENTS.map((e) => e.eventType);

const anything = fc.anything({
  withBigInt: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withSparseArray: true,
  withBoxedValues: true,
  withTypedArray: true,
  withObjectString: true,
  withUnicodeString: true,
});

function expectIssueList(issues: unknown): void {
  expect(Array.isArray(issues)).toBe(true);
  for (const issue of issues as Issue[]) {
    expect(typeof issue.code).toBe('string');
    expect(typeof issue.path).toBe('string');
    expect(typeof issue.message).toBe('string');
  }
}

/** Runs `decode`; a failure must be a coded EdstreamError of the codec or validation family. */
function decodeOrCodedError(decode: () => Record<string, unknown>): Record<string, unknown> | undefined {
  try {
    return decode();
  } catch (error) {
    expect(error).toBeInstanceOf(EdstreamError);
    expect((error as EdstreamError).code).toMatch(/^(codec|validation)\./);
    return undefined;
  }
}

// ---- Mutating a valid payload --------------------------------------------------------------------

type Path = readonly (string | number)[];

/** Every path below the root of a JSON-like value: record fields, map entries, list items. */
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (typeof value !== 'object' || value === null) return [];
  const entries: [string | number, unknown][] = Array.isArray(value)
    ? value.map((v, i) => [i, v])
    : Object.entries(value);
  return entries.flatMap(([k, v]) => {
    const path = [...prefix, k];
    return [path, ...pathsOf(v, path)];
  });
}

function getAt(root: unknown, path: Path): unknown {
  let node = root;
  for (const segment of path) node = (node as Record<string | number, unknown>)[segment];
  return node;
}

type Mutation = 'replace' | 'delete' | 'retype' | 'resample';

/** A value of a different JSON type than `value`, which no field of the declared type accepts. */
function retyped(value: unknown): unknown {
  if (typeof value === 'string') return 123;
  if (typeof value === 'number' || typeof value === 'bigint') return 'not a number';
  if (typeof value === 'boolean') return 'true';
  if (Array.isArray(value)) return { not: 'a list' };
  if (value === null) return { bogus: [[]] };
  return ['not', 'an', 'object'];
}

/** Fresh values of each JSON type, for replacing a leaf with another of the same type. */
interface Samples {
  text: string;
  integer: number | bigint;
  double: number;
  flag: boolean;
}

const samples: fc.Arbitrary<Samples> = fc.record({
  // Binary strings include unpaired surrogates, which have no UTF-8 form.
  text: fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' })),
  integer: fc.oneof(fc.maxSafeInteger(), fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n })),
  double: fc.double(),
  flag: fc.boolean(),
});

/** A value of the same JSON type as `value`, so that it often stays valid. */
function resampled(value: unknown, sample: Samples): unknown {
  if (typeof value === 'string') return sample.text;
  if (typeof value === 'bigint') return sample.integer;
  if (typeof value === 'number') return Number.isInteger(value) ? sample.integer : sample.double;
  if (typeof value === 'boolean') return sample.flag;
  return value;
}

function mutate(
  data: Record<string, unknown>,
  path: Path,
  mutation: Mutation,
  replacement: unknown,
  sample: Samples,
): void {
  const parent = getAt(data, path.slice(0, -1)) as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (mutation === 'replace') parent[last] = replacement;
  else if (mutation === 'resample') parent[last] = resampled(parent[last], sample);
  else if (mutation === 'retype') parent[last] = retyped(parent[last]);
  else if (Array.isArray(parent)) parent.splice(last as number, 1);
  else delete parent[last];
}

interface MutatedPayload {
  fixture: AvroFixture;
  path: Path;
  mutation: Mutation;
  original: unknown;
  data: Record<string, unknown>;
}

const mutatedPayload: fc.Arbitrary<MutatedPayload> = fc
  .record({
    index: fc.nat({ max: fixtures.length - 1 }),
    pathSeed: fc.nat(),
    mutation: fc.constantFrom<Mutation>('replace', 'delete', 'retype', 'resample'),
    replacement: anything,
    sample: samples,
  })
  .map(({ index, pathSeed, mutation, replacement, sample }) => {
    const fixture = fixtures[index]!;
    const data = structuredClone(fixture.data_json);
    const paths = pathsOf(data);
    const path = paths[pathSeed % paths.length]!;
    const original = getAt(data, path);
    mutate(data, path, mutation, replacement, sample);
    return { fixture, path, mutation, original, data };
  });

/** A bigint within 2^53 comes back from Avro as a number: longs are numbers while they are safe. */
function asDecoded(value: unknown): unknown {
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value;
  if (Array.isArray(value)) return value.map(asDecoded);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asDecoded(v)]));
  }
  return value;
}

describe('validate on hostile input', () => {
  it('never throws on any value, for every event type, and returns only issues', () => {
    fc.assert(
      fc.property(fc.constantFrom(...eventTypes), anything, (eventType, value) => {
        expectIssueList(validate(eventType, value));
      }),
      { numRuns: 1500 },
    );
  });

  it('never throws on any value under the data key, for every event type', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ALL_EVENTS), anything, (definition, value) => {
        const issues = validate(definition.eventType, { [definition.dataKey]: value });
        expectIssueList(issues);
      }),
      { numRuns: 1500 },
    );
  });

  it('never throws on any value as the event type', () => {
    fc.assert(
      fc.property(anything, anything, (eventType, value) => {
        expectIssueList(validate(eventType, value));
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on a valid payload with one nested field replaced, deleted or retyped', () => {
    fc.assert(
      fc.property(mutatedPayload, ({ fixture, data }) => {
        expectIssueList(validate(fixture.event_type, data));
      }),
      { numRuns: 1000 },
    );
  });

  it('reports at least one issue when a field is given a value of another type', () => {
    fc.assert(
      fc.property(
        mutatedPayload.filter((m) => m.mutation === 'retype' && m.original !== null),
        ({ fixture, data }) => {
          expect(validate(fixture.event_type, data).length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('encodes every mutated payload it accepts, and decodes it back with defaults filled', () => {
    fc.assert(
      fc.property(mutatedPayload, ({ fixture, data }) => {
        const definition = getEventDefinition(fixture.event_type);
        if (validate(fixture.event_type, data).length > 0) return;
        const parsed = parseEventData(definition, data);
        expect(parsed.ok).toBe(true);
        if (!parsed.ok) return;
        const bytes = encodeAvroPayload(definition, data);
        expect(decodeAvroPayload(definition, bytes)).toEqual(asDecoded(parsed.data));
      }),
      { numRuns: 1000 },
    );
  });
});

// ---- Decoding hostile bytes ---------------------------------------------------------------------

const serializableTypes = ALL_EVENTS.filter((e) => e.serializable);

/** `ff ff ff ff ff ff ff ff 7f` and friends: varints whose counts and lengths no payload can honour. */
const HUGE_VARINTS = [
  [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f],
  [0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01],
  [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01],
  [0xff, 0xff, 0xff, 0xff, 0x0f],
  [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01],
].map((bytes) => Buffer.from(bytes));

type ByteMutation =
  | { kind: 'flip'; at: number; mask: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'append'; bytes: Uint8Array }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'huge-varint'; at: number; varint: number };

const byteMutation: fc.Arbitrary<ByteMutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), mask: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('append' as const), bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }) }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }),
  }),
  fc.record({
    kind: fc.constant('huge-varint' as const),
    at: fc.nat(),
    varint: fc.nat({ max: HUGE_VARINTS.length - 1 }),
  }),
);

function applyBytes(original: Buffer, mutation: ByteMutation): Buffer {
  switch (mutation.kind) {
    case 'flip': {
      const out = Buffer.from(original);
      const at = mutation.at % out.length;
      out[at] = out[at]! ^ mutation.mask;
      return out;
    }
    case 'truncate':
      return original.subarray(0, mutation.at % original.length);
    case 'append':
      return Buffer.concat([original, mutation.bytes]);
    case 'insert': {
      const at = mutation.at % (original.length + 1);
      return Buffer.concat([original.subarray(0, at), mutation.bytes, original.subarray(at)]);
    }
    case 'huge-varint': {
      const at = mutation.at % (original.length + 1);
      return Buffer.concat([original.subarray(0, at), HUGE_VARINTS[mutation.varint]!, original.subarray(at)]);
    }
  }
}

describe('decodeAvroPayload on hostile bytes', () => {
  it('returns valid data or a coded codec/validation error for random bytes', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...serializableTypes),
        fc.uint8Array({ maxLength: 64 }),
        (definition, bytes) => {
          const data = decodeOrCodedError(() => decodeAvroPayload(definition, bytes));
          if (data) expect(validate(definition.eventType, data)).toEqual([]);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('returns valid data or a coded error for fixture bytes flipped, truncated, extended or padded', () => {
    fc.assert(
      fc.property(fc.nat({ max: fixtures.length - 1 }), byteMutation, (index, mutation) => {
        const fixture = fixtures[index]!;
        const definition = getEventDefinition(fixture.event_type);
        const bytes = applyBytes(Buffer.from(fixture.avro_hex, 'hex'), mutation);
        const data = decodeOrCodedError(() => decodeAvroPayload(definition, bytes));
        if (data) expect(validate(fixture.event_type, data)).toEqual([]);
      }),
      { numRuns: 800 },
    );
  });

  it('rejects a huge varint inserted at any offset of any typical fixture with a coded error', () => {
    let rejected = 0;
    for (const fixture of fixtures.filter((f) => f.case === 'typical')) {
      const definition = getEventDefinition(fixture.event_type);
      const original = Buffer.from(fixture.avro_hex, 'hex');
      for (let at = 0; at <= original.length; at++) {
        for (let varint = 0; varint < HUGE_VARINTS.length; varint++) {
          const bytes = applyBytes(original, { kind: 'huge-varint', at, varint });
          if (!decodeOrCodedError(() => decodeAvroPayload(definition, bytes))) rejected++;
        }
      }
    }
    // Inserting bytes into a well-formed record leaves trailing bytes at the very least.
    expect(rejected).toBeGreaterThan(0);
  });

  it('never throws anything but a coded error when a Uint8Array view of a larger buffer is decoded', () => {
    const fixture = fixtures[0]!;
    const definition = getEventDefinition(fixture.event_type);
    const inner = Buffer.from(fixture.avro_hex, 'hex');
    const backing = new Uint8Array(inner.length + 8).fill(0xff);
    backing.set(inner, 4);
    const view = new Uint8Array(backing.buffer, 4, inner.length);
    expect(decodeAvroPayload(definition, view)).toEqual(fixture.data_json);
  });
});

describe('Avro round trip of the reference bytes', () => {
  it('re-encodes what it decodes to exactly the same bytes, for all 216 fixtures', () => {
    const mismatches = fixtures.filter((fixture) => {
      const definition = getEventDefinition(fixture.event_type);
      const bytes = Buffer.from(fixture.avro_hex, 'hex');
      return !encodeAvroPayload(definition, decodeAvroPayload(definition, bytes)).equals(bytes);
    });
    expect(mismatches.map((f) => `${f.event_type} (${f.case})`)).toEqual([]);
    expect(fixtures).toHaveLength(216);
  });
});
