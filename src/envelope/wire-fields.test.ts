import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMetadata, type MetadataOptions } from './metadata.js';
import { metadataFromJson, metadataToJson } from './metadata-json.js';
import { metadataToStreamFields, STREAM_METADATA_FIELDS, streamFieldsToMetadata } from './wire-fields.js';

// Recorded from openedx-events 11.2.0 and edx_event_bus_redis (copied into test/fixtures from the shared reference).
const FIXTURE_URL = new URL('../../test/fixtures/openedx-events/metadata_examples.json', import.meta.url);

interface Example {
  label: string;
  constructor_kwargs: {
    event_type: string;
    id: string;
    minorversion: number | null;
    source: string | null;
    sourcehost: string;
    time: string;
    sourcelib: number[] | null;
  };
  settings: Record<string, string>;
  to_json: string;
  redis_stream_fields: Array<{ field: string; value_utf8: string | null; value_hex: string }>;
  headers_to_metadata_roundtrip_to_json: string;
}

const fixture = JSON.parse(readFileSync(FIXTURE_URL, 'utf8')) as {
  library: { openedx_events: string };
  examples: Example[];
};
// Python's sourcelib default is the openedx-events version; edstream's is its own, so pass Python's in.
const pythonSourcelib = fixture.library.openedx_events.split('.').map(Number);

function metadataFields(example: Example): Array<[string, string]> {
  return example.redis_stream_fields
    .filter((f) => f.field !== 'event_data')
    .map((f) => [f.field, Buffer.from(f.value_hex, 'hex').toString('utf8')]);
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('Redis stream fields against the Open edX examples', () => {
  it('loads three examples', () => {
    expect(fixture.examples).toHaveLength(3);
  });

  describe.each(fixture.examples.map((e) => [e.label, e] as const))('%s', (_label, example) => {
    function buildLikePython() {
      vi.stubEnv('EDSTREAM_SERVICE_NAME', '');
      vi.stubEnv('EVENTS_SERVICE_NAME', example.settings.EVENTS_SERVICE_NAME ?? '');
      vi.stubEnv('SERVICE_VARIANT', '');
      const kwargs = example.constructor_kwargs;
      const options: MetadataOptions = {
        id: kwargs.id,
        minorversion: kwargs.minorversion ?? undefined,
        source: kwargs.source ?? undefined,
        sourcehost: kwargs.sourcehost,
        time: kwargs.time,
        sourcelib: kwargs.sourcelib ?? pythonSourcelib,
      };
      return createMetadata(kwargs.event_type, options);
    }

    it('builds the same metadata as Python, byte for byte in to_json form', () => {
      expect(metadataToJson(buildLikePython())).toBe(example.to_json);
    });

    it('writes the exact stream fields in the exact order', () => {
      const fields = metadataToStreamFields(buildLikePython());
      expect(Object.keys(fields)).toEqual([...STREAM_METADATA_FIELDS]);
      const written = Object.entries(fields).map(([field, value]) => [
        field,
        Buffer.from(value, 'utf8').toString('hex'),
      ]);
      const expected = example.redis_stream_fields
        .filter((f) => f.field !== 'event_data')
        .map((f) => [f.field, f.value_hex]);
      expect(written).toEqual(expected);
    });

    it('reads the stream fields back into the metadata Python reads', () => {
      const entry = Object.fromEntries([...metadataFields(example), ['event_data', '\u0000binary']]);
      const result = streamFieldsToMetadata(entry);
      if (!result.ok) throw new Error(JSON.stringify(result.issues));
      expect(metadataToJson(result.metadata)).toBe(example.headers_to_metadata_roundtrip_to_json);
      expect(metadataToStreamFields(result.metadata)).toEqual(Object.fromEntries(metadataFields(example)));
    });

    it('reads the to_json text back unchanged, keeping minorversion', () => {
      expect(metadataToJson(metadataFromJson(example.to_json))).toBe(example.to_json);
    });
  });
});

describe('streamFieldsToMetadata', () => {
  const fields = metadataToStreamFields(createMetadata('org.openedx.learning.course.enrollment.created.v1'));

  it('reports each missing field by name instead of regenerating it', () => {
    const result = streamFieldsToMetadata({ type: fields.type, sourcelib: fields.sourcelib });
    expect(result.ok ? [] : result.issues.map((i) => [i.code, i.path])).toEqual([
      ['validation.missing_field', 'id'],
      ['validation.missing_field', 'minorversion'],
      ['validation.missing_field', 'source'],
      ['validation.missing_field', 'sourcehost'],
      ['validation.missing_field', 'time'],
    ]);
  });

  it('rejects non-UTC times, non-decimal minorversion and a non-numeric sourcelib', () => {
    const result = streamFieldsToMetadata({
      ...fields,
      time: '2024-05-14T09:30:12',
      minorversion: '-1',
      sourcelib: '1.0.0-ts',
    });
    expect(result.ok ? [] : result.issues.map((i) => [i.code, i.path])).toEqual([
      ['validation.invalid_value', 'minorversion'],
      ['validation.non_utc_datetime', 'time'],
      ['validation.invalid_value', 'sourcelib'],
    ]);
  });

  it('normalises a Z time to +00:00', () => {
    const result = streamFieldsToMetadata({ ...fields, time: '2024-05-14T09:30:12.5Z' });
    expect(result.ok && result.metadata.time).toBe('2024-05-14T09:30:12.500000+00:00');
  });
});
