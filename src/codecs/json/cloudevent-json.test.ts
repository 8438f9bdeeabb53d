import { describe, expect, it } from 'vitest';
import { loadAvroFixtures } from '../../../test/reference.js';
import { getEventDefinition } from '../../catalog/registry.js';
import { parseEventData } from '../../catalog/validate.js';
import { createMetadata, type EventsMetadata, toCloudEvent } from '../../envelope/index.js';
import { EdstreamError, type Issue } from '../../errors.js';
import {
  cloudEventJsonCodec,
  parseCloudEventJson,
  readCloudEvent,
  writeCloudEvent,
} from './cloudevent-json.js';
import { stringifyJsonExact } from './exact-json.js';

const fixtures = loadAvroFixtures();
const ENROLLMENT = 'org.openedx.learning.course.enrollment.created.v1';
const ID = '2a1b3c4d-5e6f-11ef-8a9b-0242ac120002';

function metadataFor(eventType: string): EventsMetadata {
  return createMetadata(eventType, {
    id: ID,
    time: '2024-05-14T09:30:12.345678+00:00',
    source: 'openedx/lms/web',
    sourcehost: 'lms-7d9f',
    sourcelib: [11, 2, 0],
  });
}

function dataOf(
  eventType: string,
  kase: 'typical' | 'minimal' | 'edge' = 'typical',
): Record<string, unknown> {
  const found = fixtures.find((f) => f.event_type === eventType && f.case === kase);
  if (!found) throw new Error(`no ${kase} fixture for ${eventType}`);
  return structuredClone(found.data_json);
}

/** The code and path of each issue, sorted. */
function codesAndPaths(issues: readonly Issue[]): string[] {
  return issues.map((i) => `${i.code} ${i.path}`).sort();
}

function issuesOfText(text: string): Issue[] {
  const result = parseCloudEventJson(text);
  if (result.ok) throw new Error('expected the CloudEvent to be rejected');
  return result.issues;
}

const ROUND_TRIP_TYPES = [
  ENROLLMENT,
  'org.openedx.learning.discussions.configuration.changed.v1',
  'org.openedx.learning.forum.thread.created.v1',
  'org.openedx.content_authoring.xblock.duplicated.v1',
  'org.openedx.enterprise.subsidy.redemption-reversed.v1',
  'org.openedx.enterprise.subsidy_ledger_transaction.created.v1',
  'org.openedx.analytics.tracking.event.emitted.v1',
  'org.openedx.authz.role_assignment.created',
];

describe('CloudEvents JSON', () => {
  for (const eventType of ROUND_TRIP_TYPES) {
    for (const kase of ['typical', 'minimal', 'edge'] as const) {
      it(`encodes and parses back the ${kase} ${eventType} unchanged`, () => {
        const metadata = metadataFor(eventType);
        const data = dataOf(eventType, kase);
        const text = cloudEventJsonCodec.encode({ metadata, data });
        expect(cloudEventJsonCodec.decode(text)).toEqual({ metadata, data });
        expect(cloudEventJsonCodec.encode(cloudEventJsonCodec.decode(text))).toBe(text);
      });
    }
  }

  it('writes the CloudEvents attributes first and the data last', () => {
    const text = cloudEventJsonCodec.encode({ metadata: metadataFor(ENROLLMENT), data: dataOf(ENROLLMENT) });
    expect(Object.keys(JSON.parse(text))).toEqual([
      'specversion',
      'id',
      'type',
      'source',
      'time',
      'datacontenttype',
      'minorversion',
      'sourcehost',
      'sourcelib',
      'data',
    ]);
    expect(text.startsWith(`{"specversion":"1.0","id":"${ID}","type":"${ENROLLMENT}"`)).toBe(true);
  });

  it('fills Open edX defaults in the data it reads', () => {
    const data = dataOf(ENROLLMENT);
    const enrollment = data.enrollment as Record<string, unknown>;
    delete enrollment.created_by;
    const result = readCloudEvent(toCloudEvent(metadataFor(ENROLLMENT), data));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect((result.event.data.enrollment as Record<string, unknown>).created_by).toBeNull();
  });

  it('keeps an integer of 2^60 in the data exact from parse to encode', () => {
    const data = dataOf(ENROLLMENT);
    const text = stringifyJsonExact(toCloudEvent(metadataFor(ENROLLMENT), data)).replace(
      '"id":12345',
      '"id":1152921504606846976',
    );
    expect(text).toContain('1152921504606846976');
    const decoded = cloudEventJsonCodec.decode(text);
    const user = (decoded.data.enrollment as { user: { id: unknown } }).user;
    expect(user.id).toBe(2n ** 60n);
    const encoded = cloudEventJsonCodec.encode(decoded);
    expect(encoded).toContain('"id":1152921504606846976');
    expect(encoded).toBe(text);
  });

  it('keeps the edge fixtures that hold int64 limits exact through encode and parse', () => {
    const edge = fixtures.filter((f) => f.case === 'edge' && f.unsafe_int_paths.length > 0);
    expect(edge.length).toBeGreaterThan(0);
    for (const fixture of edge) {
      const metadata = metadataFor(fixture.event_type);
      const definition = getEventDefinition(fixture.event_type);
      if (!definition.serializable) continue;
      const text = cloudEventJsonCodec.encode({ metadata, data: fixture.data_json });
      expect(cloudEventJsonCodec.decode(text).data, fixture.event_type).toEqual(fixture.data_json);
    }
  });

  it('reports every problem of a bad event at once: time offset, id and data', () => {
    const event = {
      ...toCloudEvent(metadataFor(ENROLLMENT), dataOf(ENROLLMENT)),
      id: 'not-a-uuid',
      time: '2024-05-14T09:30:12+02:00',
      data: { enrollment: { ...(dataOf(ENROLLMENT).enrollment as object), mode: 7 } },
    };
    const issues = issuesOfText(JSON.stringify(event));
    for (const issue of issues) expect(Object.keys(issue).sort()).toEqual(['code', 'message', 'path']);
    expect(issues.map((i) => i.path).sort()).toEqual(['data.enrollment.mode', 'id', 'time']);
    expect(codesAndPaths(issues)).toContain('validation.invalid_uuid id');
    expect(codesAndPaths(issues)).toContain('validation.wrong_type data.enrollment.mode');
    expect(issues.find((i) => i.path === 'time')?.code).toMatch(/^validation\./);
  });

  it('reports a missing data member together with attribute problems', () => {
    const { data: _data, ...event } = { ...toCloudEvent(metadataFor(ENROLLMENT), {}), id: 'nope' };
    const issues = issuesOfText(JSON.stringify(event));
    expect(codesAndPaths(issues)).toEqual(['validation.invalid_uuid id', 'validation.missing_field data']);
  });

  it('reports an unknown event type on the type attribute', () => {
    const event = { ...toCloudEvent(metadataFor(ENROLLMENT), {}), type: 'org.openedx.learning.nope.v1' };
    expect(codesAndPaths(issuesOfText(JSON.stringify(event)))).toEqual(['catalog.unknown_event_type type']);
  });

  it('reports text that is not JSON with codec.invalid_json', () => {
    for (const text of ['', '{', '{"a":1}}', 'nope', '{"id": 12345678901234567890,}']) {
      expect(codesAndPaths(issuesOfText(text)), JSON.stringify(text)).toEqual(['codec.invalid_json ']);
    }
  });

  it('reports JSON that is not an object as a wrong type', () => {
    for (const text of ['[]', '42', 'null', '"event"']) {
      const issues = issuesOfText(text);
      expect(issues.length).toBeGreaterThan(0);
      expect(issues.every((i) => i.code.startsWith('validation.'))).toBe(true);
    }
  });

  it('throws validation.invalid_event with every issue when the codec decodes a bad event', () => {
    const event = { ...toCloudEvent(metadataFor(ENROLLMENT), { enrollment: {} }), id: 'nope' };
    let thrown: unknown;
    try {
      cloudEventJsonCodec.decode(JSON.stringify(event));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(EdstreamError);
    const error = thrown as EdstreamError;
    expect(error.code).toBe('validation.invalid_event');
    expect(error.issues.map((i) => i.path)).toContain('id');
    expect(error.issues.map((i) => i.path)).toContain('data.enrollment.user');
  });

  it('throws validation.invalid_event for text that is not JSON', () => {
    expect(() => cloudEventJsonCodec.decode('{')).toThrowError(
      expect.objectContaining({ code: 'validation.invalid_event' }),
    );
  });

  it('refuses to write an event whose data is invalid, listing every issue', () => {
    expect(() => writeCloudEvent(metadataFor(ENROLLMENT), { enrollment: { mode: 1 } })).toThrowError(
      expect.objectContaining({ code: 'validation.invalid_payload' }),
    );
  });

  it('refuses to write an event of an unknown type', () => {
    const metadata = createMetadata('org.openedx.learning.nope.v1', { id: ID });
    expect(() => writeCloudEvent(metadata, {})).toThrowError(
      expect.objectContaining({ code: 'catalog.unknown_event_type' }),
    );
  });

  it('writes the data with defaults filled', () => {
    const data = { xblock_info: { usage_key: 'block-v1:edX+DemoX+Demo_Course+type@problem+block@p1' } };
    const eventType = 'org.openedx.learning.xblock.skill.verified.v1';
    const event = writeCloudEvent(metadataFor(eventType), data);
    const parsed = parseEventData(getEventDefinition(eventType), data);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(event.data).toEqual(parsed.data);
    expect(event.data).toEqual({
      xblock_info: { ...data.xblock_info, verified_skills: [], ignored_skills: [] },
    });
  });
});
