import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { version as uuidVersion } from 'uuid';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EdstreamError } from '../errors.js';
import { createMetadata, defaultServiceName, METADATA_FIELDS, validateMetadata } from './metadata.js';
import { EDSTREAM_SOURCELIB, EDSTREAM_VERSION, sourcelibFromVersion } from './version.js';

const TYPE = 'org.openedx.learning.course.enrollment.created.v1';
const VALID = {
  event_type: TYPE,
  id: '2a1b3c4d-5e6f-11ef-8a9b-0242ac120002',
  minorversion: 0,
  source: 'openedx/lms/web',
  sourcehost: 'edx.devstack.lms',
  time: '2024-05-14T09:30:12.345678+00:00',
  sourcelib: [11, 2, 0],
};

function thrownBy(run: () => unknown): EdstreamError {
  try {
    run();
  } catch (error) {
    if (error instanceof EdstreamError) return error;
    throw error;
  }
  throw new Error('expected an EdstreamError');
}

function clearServiceEnv(): void {
  vi.stubEnv('EDSTREAM_SERVICE_NAME', '');
  vi.stubEnv('EVENTS_SERVICE_NAME', '');
  vi.stubEnv('SERVICE_VARIANT', '');
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('createMetadata defaults', () => {
  it('fills a uuid1 id, a UTC microsecond time, the service source, the hostname, edstream sourcelib and minorversion 0', () => {
    clearServiceEnv();
    const before = Date.now();
    const metadata = createMetadata(TYPE, { service: 'lms' });
    expect(Object.keys(metadata)).toEqual([...METADATA_FIELDS]);
    expect(metadata.event_type).toBe(TYPE);
    expect(uuidVersion(metadata.id)).toBe(1);
    expect(metadata.id).toBe(metadata.id.toLowerCase());
    expect(metadata.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{6})?\+00:00$/);
    expect(Math.abs(new Date(metadata.time).getTime() - before)).toBeLessThan(2000);
    expect(metadata.source).toBe('openedx/lms/web');
    expect(metadata.sourcehost).toBe(hostname());
    expect(metadata.sourcelib).toEqual(EDSTREAM_SOURCELIB);
    expect(metadata.minorversion).toBe(0);
  });

  it('takes sourcelib from package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    expect(EDSTREAM_VERSION).toBe(pkg.version);
    expect(EDSTREAM_SOURCELIB).toEqual(pkg.version.split(/[-+]/)[0]!.split('.').map(Number));
    expect(sourcelibFromVersion('1.0.0-beta.1')).toEqual([1, 0, 0]);
  });

  it('looks up the service in EDSTREAM_SERVICE_NAME, EVENTS_SERVICE_NAME, SERVICE_VARIANT, then SERVICE_NAME_UNSET', () => {
    expect(defaultServiceName({})).toBe('SERVICE_NAME_UNSET');
    expect(defaultServiceName({ SERVICE_VARIANT: 'lms' })).toBe('lms');
    expect(defaultServiceName({ SERVICE_VARIANT: 'lms', EVENTS_SERVICE_NAME: 'cms' })).toBe('cms');
    expect(defaultServiceName({ EVENTS_SERVICE_NAME: '', SERVICE_VARIANT: 'lms' })).toBe('lms');
    expect(defaultServiceName({ EDSTREAM_SERVICE_NAME: 'x', EVENTS_SERVICE_NAME: 'cms' })).toBe('x');
    clearServiceEnv();
    vi.stubEnv('SERVICE_VARIANT', 'cms');
    expect(createMetadata(TYPE).source).toBe('openedx/cms/web');
  });

  it('returns frozen metadata', () => {
    const metadata = createMetadata(TYPE);
    expect(Object.isFrozen(metadata)).toBe(true);
    expect(Object.isFrozen(metadata.sourcelib)).toBe(true);
  });
});

describe('createMetadata options', () => {
  it('keeps given values and normalises the id to lowercase', () => {
    const metadata = createMetadata(TYPE, {
      id: '2A1B3C4D-5E6F-11EF-8A9B-0242AC120002',
      time: '2024-05-14T09:30:12.345678Z',
      source: 'openedx/custom/worker',
      sourcehost: 'h1',
      sourcelib: '11.2.0',
      minorversion: 3,
    });
    expect(metadata).toEqual({
      ...VALID,
      source: 'openedx/custom/worker',
      sourcehost: 'h1',
      minorversion: 3,
    });
  });

  it('takes a Date as a UTC instant', () => {
    expect(createMetadata(TYPE, { time: new Date('2026-01-02T03:04:05.250Z') }).time).toBe(
      '2026-01-02T03:04:05.250000+00:00',
    );
  });

  it.each([
    ['2026-01-02T03:04:05.000123+00:00', '2026-01-02T03:04:05.000123+00:00'],
    ['2026-01-02T03:04:05.000000+00:00', '2026-01-02T03:04:05+00:00'],
    ['2026-01-02T03:04:05.5Z', '2026-01-02T03:04:05.500000+00:00'],
  ])('preserves microseconds exactly: %s becomes %s', (input, expected) => {
    expect(createMetadata(TYPE, { time: input }).time).toBe(expected);
  });

  it.each([
    ['an offset of +05:30', '2026-01-02T03:04:05+05:30'],
    ['a naive time', '2026-01-02T03:04:05.000123'],
  ])('rejects %s with validation.non_utc_datetime', (_label, time) => {
    const error = thrownBy(() => createMetadata(TYPE, { time }));
    expect(error.code).toBe('validation.invalid_metadata');
    expect(error.issues).toEqual([
      expect.objectContaining({ code: 'validation.non_utc_datetime', path: 'time' }),
    ]);
  });

  it('lists every problem at once', () => {
    const error = thrownBy(() =>
      createMetadata('', {
        id: 'not-a-uuid',
        time: 'soon',
        sourcelib: [1, -2, 1.5],
        minorversion: -1,
        service: '',
      }),
    );
    expect(error.issues.map((i) => [i.code, i.path])).toEqual([
      ['validation.invalid_value', 'event_type'],
      ['validation.invalid_uuid', 'id'],
      ['validation.invalid_value', 'minorversion'],
      ['validation.invalid_value', 'service'],
      ['validation.invalid_datetime', 'time'],
      ['validation.invalid_value', 'sourcelib.1'],
      ['validation.invalid_value', 'sourcelib.2'],
    ]);
    expect(error.message).toContain('sourcelib.1');
  });

  it('reports misspelt options instead of ignoring them', () => {
    const options = { sourceHost: 'h' } as unknown as Parameters<typeof createMetadata>[1];
    const error = thrownBy(() => createMetadata(TYPE, options));
    expect(error.issues).toEqual([
      expect.objectContaining({ code: 'validation.unknown_field', path: 'sourceHost' }),
    ]);
  });
});

describe('validateMetadata', () => {
  it('finds nothing wrong with valid metadata, including a Z time and an uppercase id', () => {
    expect(validateMetadata(VALID)).toEqual([]);
    expect(validateMetadata({ ...VALID, time: '2024-05-14T09:30:12Z', id: VALID.id.toUpperCase() })).toEqual(
      [],
    );
  });

  it('checks every field with a code and a path', () => {
    const issues = validateMetadata({
      id: 7,
      minorversion: '0',
      source: '',
      sourcehost: null,
      time: '2024-05-14T09:30:12+02:00',
      sourcelib: [11, '2'],
      extra: true,
    });
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['validation.missing_field', 'event_type'],
      ['validation.wrong_type', 'id'],
      ['validation.wrong_type', 'minorversion'],
      ['validation.invalid_value', 'source'],
      ['validation.wrong_type', 'sourcehost'],
      ['validation.non_utc_datetime', 'time'],
      ['validation.wrong_type', 'sourcelib.1'],
      ['validation.unknown_field', 'extra'],
    ]);
    expect(issues[1]!.message).toBe(
      'found a number; expected a UUID string such as 2a1b3c4d-5e6f-11ef-8a9b-0242ac120002',
    );
  });

  it('rejects a dotted sourcelib, an empty one and a non-object', () => {
    expect(validateMetadata({ ...VALID, sourcelib: '11.2.0' })[0]).toMatchObject({
      code: 'validation.wrong_type',
    });
    expect(validateMetadata({ ...VALID, sourcelib: [] })[0]).toMatchObject({
      code: 'validation.invalid_value',
    });
    expect(validateMetadata([VALID])).toEqual([
      expect.objectContaining({ code: 'validation.wrong_type', path: '' }),
    ]);
  });

  it('ignores inherited properties', () => {
    const inherited = Object.create(VALID) as object;
    expect(validateMetadata(inherited)).toHaveLength(METADATA_FIELDS.length);
  });
});
