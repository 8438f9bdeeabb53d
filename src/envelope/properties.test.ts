import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cloudEventToMetadata, toCloudEvent } from './cloudevents.js';
import { createMetadata, type EventsMetadata, validateMetadata } from './metadata.js';
import { metadataFromJson, metadataToJson, metadataToJsonData } from './metadata-json.js';
import { formatIsoformat, parseUtcTime } from './time.js';
import { metadataToStreamFields, streamFieldsToMetadata } from './wire-fields.js';

const anything = fc.anything({
  withBigInt: true,
  withDate: true,
  withMap: true,
  withNullPrototype: true,
  withSparseArray: true,
});

const validMetadata: fc.Arbitrary<EventsMetadata> = fc
  .record({
    type: fc.stringMatching(/^org\.openedx\.[a-z_]+\.[a-z_.]+\.v[1-9]$/),
    id: fc.uuid(),
    date: fc.date({
      min: new Date('0001-01-01T00:00:00Z'),
      max: new Date('9999-12-31T23:59:59Z'),
      noInvalidDate: true,
    }),
    micros: fc.integer({ min: 0, max: 999 }),
    minorversion: fc.nat(),
    source: fc.string({ minLength: 1 }),
    sourcehost: fc.string({ minLength: 1 }),
    sourcelib: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
  })
  .map((r) =>
    createMetadata(r.type, {
      id: r.id,
      time: formatIsoformat(r.date, r.micros),
      minorversion: r.minorversion,
      source: r.source,
      sourcehost: r.sourcehost,
      sourcelib: r.sourcelib,
    }),
  );

/** A record with one key replaced by an arbitrary value, deleted, or added. */
function mutated(base: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .tuple(base, fc.nat(), anything, fc.constantFrom('replace', 'delete', 'add'))
    .map(([record, n, value, how]) => {
      const copy: Record<string, unknown> = { ...record };
      const keys = Object.keys(copy);
      const key = keys[n % keys.length] ?? 'x';
      if (how === 'delete') delete copy[key];
      else copy[how === 'add' ? `extra${n}` : key] = value;
      return copy;
    });
}

function neverThrows(run: (value: unknown) => unknown, arbitrary: fc.Arbitrary<unknown>): void {
  fc.assert(
    fc.property(arbitrary, (value) => {
      run(value);
    }),
    { numRuns: 300 },
  );
}

describe('validators never throw', () => {
  it('holds for validateMetadata on any value and on mutated metadata', () => {
    neverThrows(validateMetadata, anything);
    neverThrows(validateMetadata, mutated(validMetadata.map((m) => ({ ...m }))));
  });

  it('holds for cloudEventToMetadata on any value and on mutated events', () => {
    neverThrows(cloudEventToMetadata, anything);
    neverThrows(cloudEventToMetadata, mutated(validMetadata.map((m) => ({ ...toCloudEvent(m, null) }))));
  });

  it('holds for streamFieldsToMetadata on any value and on mutated fields', () => {
    const read = (value: unknown) => streamFieldsToMetadata(value as Record<string, string>);
    neverThrows(read, anything);
    neverThrows(read, mutated(validMetadata.map((m) => ({ ...metadataToStreamFields(m) }))));
  });

  it('holds for parseUtcTime on any string', () => {
    neverThrows(
      (value) => parseUtcTime(value),
      fc.oneof(fc.string(), fc.stringMatching(/^[\d:.TZ+ -]{0,40}$/)),
    );
  });
});

describe('valid metadata round-trips', () => {
  it('comes back identical through JSON text, CloudEvents and stream fields', () => {
    fc.assert(
      fc.property(validMetadata, (metadata) => {
        expect(validateMetadata(metadata)).toEqual([]);
        expect(metadataFromJson(metadataToJson(metadata))).toEqual(metadata);
        expect(metadataFromJson(metadataToJsonData(metadata))).toEqual(metadata);
        const event: unknown = JSON.parse(JSON.stringify(toCloudEvent(metadata, { n: 1 })));
        expect(cloudEventToMetadata(event)).toEqual({ ok: true, metadata });
        expect(streamFieldsToMetadata(metadataToStreamFields(metadata))).toEqual({ ok: true, metadata });
      }),
      { numRuns: 300 },
    );
  });
});
