import { describe, expect, it } from 'vitest';
import { cloudEventToMetadata, toCloudEvent } from './cloudevents.js';
import { createMetadata } from './metadata.js';

const metadata = createMetadata('org.openedx.learning.course.enrollment.created.v1', {
  id: '2a1b3c4d-5e6f-11ef-8a9b-0242ac120002',
  source: 'openedx/lms/web',
  sourcehost: 'edx.devstack.lms',
  time: '2024-05-14T09:30:12.345678+00:00',
  sourcelib: [0, 1, 0],
});
const data = { enrollment: { user: { id: 7 } } };

function issuesOf(event: unknown): Array<[string, string]> {
  const result = cloudEventToMetadata(event);
  if (result.ok) throw new Error('expected issues');
  return result.issues.map((i) => [i.code, i.path]);
}

describe('toCloudEvent', () => {
  it('writes the CloudEvents 1.0 attributes in a fixed order with a dotted sourcelib', () => {
    const event = toCloudEvent(metadata, data);
    expect(JSON.stringify(event)).toBe(
      '{"specversion":"1.0","id":"2a1b3c4d-5e6f-11ef-8a9b-0242ac120002","type":"org.openedx.learning.course.enrollment.created.v1","source":"openedx/lms/web","time":"2024-05-14T09:30:12.345678+00:00","datacontenttype":"application/json","minorversion":0,"sourcehost":"edx.devstack.lms","sourcelib":"0.1.0","data":{"enrollment":{"user":{"id":7}}}}',
    );
  });

  it('round-trips through JSON back to the same metadata', () => {
    const parsed: unknown = JSON.parse(JSON.stringify(toCloudEvent(metadata, data)));
    expect(cloudEventToMetadata(parsed)).toEqual({ ok: true, metadata });
  });
});

describe('cloudEventToMetadata', () => {
  const event = toCloudEvent(metadata, data);

  it('accepts a Z time, an int-array sourcelib, a missing minorversion and datacontenttype', () => {
    const { minorversion: _m, datacontenttype: _d, ...rest } = event;
    const result = cloudEventToMetadata({
      ...rest,
      time: '2024-05-14T09:30:12.345678Z',
      sourcelib: [0, 1, 0],
    });
    expect(result).toEqual({ ok: true, metadata });
  });

  it('accepts legal extension attributes, including names over 20 characters', () => {
    expect(
      cloudEventToMetadata({ ...event, traceparent: '00-abc', averyveryverylongextension1: true }).ok,
    ).toBe(true);
  });

  it('reports every bad attribute with its path', () => {
    expect(
      issuesOf({
        specversion: '0.3',
        id: 'abc',
        source: 5,
        time: '2024-05-14T09:30:12+01:00',
        datacontenttype: 'application/avro',
        minorversion: 1.5,
        sourcelib: '1.0.0-ts',
        'trace-id': 'x',
        ext: { nested: true },
      }),
    ).toEqual([
      ['validation.missing_field', 'type'],
      ['validation.invalid_uuid', 'id'],
      ['validation.invalid_value', 'minorversion'],
      ['validation.wrong_type', 'source'],
      ['validation.missing_field', 'sourcehost'],
      ['validation.non_utc_datetime', 'time'],
      ['validation.invalid_value', 'sourcelib'],
      ['validation.invalid_value', 'specversion'],
      ['validation.invalid_value', 'datacontenttype'],
      ['validation.unknown_field', 'trace-id'],
      ['validation.wrong_type', 'ext'],
      ['validation.missing_field', 'data'],
    ]);
  });

  it('requires data to be present, even if null', () => {
    const { data: _data, ...withoutData } = event;
    expect(issuesOf(withoutData)).toEqual([['validation.missing_field', 'data']]);
    expect(cloudEventToMetadata({ ...event, data: null }).ok).toBe(true);
  });

  it('rejects binary data_base64 with a hint', () => {
    const { data: _data, ...withoutData } = event;
    const result = cloudEventToMetadata({ ...withoutData, data_base64: 'AAEC' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]!.message).toContain('binary data is not supported');
  });

  it('rejects a non-object with a wrong_type issue at the root', () => {
    expect(issuesOf('{"specversion":"1.0"}')).toEqual([['validation.wrong_type', '']]);
  });
});
