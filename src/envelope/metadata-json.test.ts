import { describe, expect, it } from 'vitest';
import { EdstreamError } from '../errors.js';
import { createMetadata } from './metadata.js';
import { metadataFromJson, metadataToJson, metadataToJsonData } from './metadata-json.js';

const TYPE = 'org.openedx.learning.course.enrollment.created.v1';

describe('metadata JSON form', () => {
  it('writes the keys in Open edX order with Python json.dumps spacing', () => {
    const metadata = createMetadata(TYPE, {
      id: 'b1f6c7a2-0c1d-11f1-9a3e-0242ac120002',
      source: 'openedx/lms/web',
      sourcehost: 'lms-7d9f',
      time: '2026-01-02T03:04:05.000123+00:00',
      sourcelib: [11, 2, 0],
    });
    expect(metadataToJson(metadata)).toBe(
      '{"event_type": "org.openedx.learning.course.enrollment.created.v1", "id": "b1f6c7a2-0c1d-11f1-9a3e-0242ac120002", "minorversion": 0, "source": "openedx/lms/web", "sourcehost": "lms-7d9f", "time": "2026-01-02T03:04:05.000123+00:00", "sourcelib": [11, 2, 0]}',
    );
    expect(Object.keys(metadataToJsonData(metadata))).toEqual([
      'event_type',
      'id',
      'minorversion',
      'source',
      'sourcehost',
      'time',
      'sourcelib',
    ]);
  });

  it('escapes non-ASCII text as Python does', () => {
    const metadata = createMetadata(TYPE, { sourcehost: 'hôte-😀\u007f\n' });
    expect(metadataToJson(metadata)).toContain('"sourcehost": "h\\u00f4te-\\ud83d\\ude00\\u007f\\n"');
    expect(metadataFromJson(metadataToJson(metadata))).toEqual(metadata);
  });

  it('round-trips through text and through data, keeping minorversion', () => {
    const metadata = createMetadata(TYPE, { minorversion: 2 });
    expect(metadataFromJson(metadataToJson(metadata))).toEqual(metadata);
    expect(metadataFromJson(metadataToJsonData(metadata))).toEqual(metadata);
    expect(metadataFromJson(JSON.stringify(metadataToJsonData(metadata)))).toEqual(metadata);
  });

  it('normalises a Z time to +00:00 when reading', () => {
    const data = { ...metadataToJsonData(createMetadata(TYPE)), time: '2026-01-02T03:04:05.5Z' };
    expect(metadataFromJson(data).time).toBe('2026-01-02T03:04:05.500000+00:00');
  });

  it('throws validation.invalid_metadata with the issues for bad JSON or bad fields', () => {
    expect(() => metadataFromJson('{not json')).toThrow(
      expect.objectContaining({ code: 'validation.invalid_metadata' }),
    );
    const data = { ...metadataToJsonData(createMetadata(TYPE)), time: '2026-01-02T03:04:05+01:00' };
    try {
      metadataFromJson(data);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(EdstreamError);
      expect((error as EdstreamError).issues).toEqual([
        expect.objectContaining({ code: 'validation.non_utc_datetime', path: 'time' }),
      ]);
    }
  });
});
