import { describe, expect, it } from 'vitest';
import { type AvroFixture, loadAvroFixtures } from '../../test/reference.js';
import type { Issue } from '../errors.js';
import { getEventDefinition } from './registry.js';
import { parseEventData, validate } from './validate.js';

const fixtures = loadAvroFixtures();

const ENROLLMENT = 'org.openedx.learning.course.enrollment.created.v1';
const DISCUSSIONS = 'org.openedx.learning.discussions.configuration.changed.v1';
const LEDGER = 'org.openedx.enterprise.subsidy_ledger_transaction.created.v1';
const FORUM_THREAD = 'org.openedx.learning.forum.thread.created.v1';
const SKILLS = 'org.openedx.learning.xblock.skill.verified.v1';

function fixture(eventType: string, kase: AvroFixture['case'] = 'typical'): AvroFixture {
  const found = fixtures.find((f) => f.event_type === eventType && f.case === kase);
  if (!found) throw new Error(`no ${kase} fixture for ${eventType}`);
  return found;
}

// biome-ignore lint/suspicious/noExplicitAny: tests reach into payloads by path to break them
type Loose = any;

/** A deep copy of a fixture's data that a test may change freely. */
function dataOf(eventType: string, kase: AvroFixture['case'] = 'typical'): Record<string, Loose> {
  return structuredClone(fixture(eventType, kase).data_json);
}

/** Sets the value at a dotted path of a payload. */
function setAt(data: Record<string, Loose>, path: string, value: unknown): void {
  const segments = path.split('.');
  const last = segments.pop() as string;
  let node = data;
  for (const segment of segments) node = node[segment];
  node[last] = value;
}

/** The code and path of each issue, sorted, for comparing sets of problems. */
function codesAndPaths(issues: readonly Issue[]): string[] {
  return issues.map((i) => `${i.code} ${i.path}`).sort();
}

function expectWellFormed(issues: readonly Issue[]): void {
  for (const issue of issues) {
    expect(Object.keys(issue).sort()).toEqual(['code', 'message', 'path']);
    expect(issue.message.length).toBeGreaterThan(0);
  }
}

describe('validate', () => {
  it('reports every problem of a payload at once, each with a code, a path and a message', () => {
    const data = dataOf(ENROLLMENT);
    data.enrollment.user.id = 'twelve';
    delete data.enrollment.course.course_key;
    data.enrollment.mode = null;
    data.enrollment.color = 'blue';
    data.enrollment.creation_date = 'yesterday';
    data.enrollment.created_by.pii.email = 42;
    data.extra = true;
    const issues = validate(ENROLLMENT, data);
    expectWellFormed(issues);
    expect(codesAndPaths(issues)).toEqual([
      'validation.invalid_datetime data.enrollment.creation_date',
      'validation.missing_field data.enrollment.course.course_key',
      'validation.null_not_allowed data.enrollment.mode',
      'validation.unknown_field data.enrollment.color',
      'validation.unknown_field data.extra',
      'validation.wrong_type data.enrollment.created_by.pii.email',
      'validation.wrong_type data.enrollment.user.id',
    ]);
  });

  it('reports a wrong type for each kind of field', () => {
    const data = dataOf(FORUM_THREAD);
    const thread = data.thread;
    thread.body = 7; // string
    thread.truncated = 'false'; // boolean
    thread.group_id = 1.5; // long
    thread.user = 'ada'; // record
    thread.user_course_roles = { 0: 'staff' }; // array
    thread.options = ['pinned']; // map
    thread.discussion = { a: 1 }; // map values
    thread.user_forums_roles = ['Moderator', 3]; // array items
    const issues = validate(FORUM_THREAD, data);
    expectWellFormed(issues);
    expect(codesAndPaths(issues)).toEqual([
      'validation.wrong_type data.thread.body',
      'validation.wrong_type data.thread.discussion.a',
      'validation.wrong_type data.thread.group_id',
      'validation.wrong_type data.thread.options',
      'validation.wrong_type data.thread.truncated',
      'validation.wrong_type data.thread.user',
      'validation.wrong_type data.thread.user_course_roles',
      'validation.wrong_type data.thread.user_forums_roles.1',
    ]);
  });

  it('reports a double that is not a number', () => {
    const eventType = 'org.openedx.learning.course.persistent_grade_summary.changed.v1';
    const data = dataOf(eventType);
    data.grade.percent_grade = '0.9';
    expect(codesAndPaths(validate(eventType, data))).toEqual([
      'validation.wrong_type data.grade.percent_grade',
    ]);
    data.grade.percent_grade = 0.9;
    expect(validate(eventType, data)).toEqual([]);
  });

  it('reports each missing required field with validation.missing_field', () => {
    const data = dataOf(ENROLLMENT);
    delete data.enrollment.user.pii.username;
    delete data.enrollment.is_active;
    expect(codesAndPaths(validate(ENROLLMENT, data))).toEqual([
      'validation.missing_field data.enrollment.is_active',
      'validation.missing_field data.enrollment.user.pii.username',
    ]);
  });

  it('treats a property set to undefined as omitted', () => {
    const data = dataOf(ENROLLMENT);
    data.enrollment.created_by = undefined;
    data.enrollment.mode = undefined;
    expect(codesAndPaths(validate(ENROLLMENT, data))).toEqual([
      'validation.missing_field data.enrollment.mode',
    ]);
  });

  it('reports a missing or null data key as missing', () => {
    expect(codesAndPaths(validate(ENROLLMENT, {}))).toEqual(['validation.missing_field data.enrollment']);
    expect(codesAndPaths(validate(ENROLLMENT, { enrollment: null }))).toEqual([
      'validation.missing_field data.enrollment',
    ]);
  });

  it('reports data that is not an object as a wrong type at the root', () => {
    for (const data of [null, 'x', 3, [], undefined]) {
      expect(codesAndPaths(validate(ENROLLMENT, data))).toEqual(['validation.wrong_type data']);
    }
  });

  it('rejects null in a required or defaulted field and accepts it in a nullable one', () => {
    const data = dataOf(ENROLLMENT);
    data.enrollment.created_by = null;
    data.enrollment.course.start = null;
    expect(validate(ENROLLMENT, data)).toEqual([]);
    data.enrollment.course.display_name = null;
    data.enrollment.user.is_active = null;
    const issues = validate(ENROLLMENT, data);
    expect(codesAndPaths(issues)).toEqual([
      'validation.null_not_allowed data.enrollment.course.display_name',
      'validation.null_not_allowed data.enrollment.user.is_active',
    ]);
    // A defaulted field says how to get its default.
    expect(issues.find((i) => i.path.endsWith('display_name'))?.message).toContain('omit it');
  });

  it('reports unknown fields at every depth', () => {
    const data = dataOf(ENROLLMENT);
    data.enrollment.user.pii.phone = '555';
    data.enrollment.course.__typename = 'Course';
    expect(codesAndPaths(validate(ENROLLMENT, data))).toEqual([
      'validation.unknown_field data.enrollment.course.__typename',
      'validation.unknown_field data.enrollment.user.pii.phone',
    ]);
  });

  it('reports an invalid opaque key with the code of its key type and its path', () => {
    const cases: [eventType: string, path: string, bad: string, code: string][] = [
      [ENROLLMENT, 'enrollment.course.course_key', 'not a key', 'key.invalid_course_key'],
      [
        'org.openedx.learning.exam.attempt.submitted.v1',
        'exam_attempt.usage_key',
        'block-v1:nope',
        'key.invalid_usage_key',
      ],
      [
        'org.openedx.learning.ccx.course.passing.status.updated.v1',
        'course_passing_status.course.ccx_course_key',
        'course-v1:edX+DemoX+Demo_Course',
        'key.invalid_ccx_locator',
      ],
      [
        'org.openedx.content_authoring.content_library.created.v1',
        'content_library.library_key',
        'lib:',
        'key.invalid_library_locator_v2',
      ],
      [
        'org.openedx.content_authoring.library_block.created.v1',
        'library_block.usage_key',
        'lb:MITx',
        'key.invalid_library_usage_locator_v2',
      ],
      [
        'org.openedx.content_authoring.content_library.collection.created.v1',
        'library_collection.collection_key',
        'col1',
        'key.invalid_library_collection_locator',
      ],
      [
        'org.openedx.content_authoring.content_library.container.created.v1',
        'library_container.container_key',
        'lct:',
        'key.invalid_library_container_locator',
      ],
    ];
    for (const [eventType, path, bad, code] of cases) {
      const data = dataOf(eventType);
      setAt(data, path, bad);
      const issues = validate(eventType, data);
      expectWellFormed(issues);
      expect(codesAndPaths(issues), eventType).toEqual([`${code} data.${path}`]);
    }
  });

  it('reports a key field that is not a string as a wrong type', () => {
    const data = dataOf(ENROLLMENT);
    data.enrollment.course.course_key = 42;
    expect(codesAndPaths(validate(ENROLLMENT, data))).toEqual([
      'validation.wrong_type data.enrollment.course.course_key',
    ]);
  });

  it('reports a malformed UUID with validation.invalid_uuid', () => {
    const data = dataOf(LEDGER);
    data.ledger_transaction.uuid = 'not-a-uuid';
    data.ledger_transaction.reversal.uuid = '686dbf09ab34457199117 6c8137a046f';
    data.ledger_transaction.ledger_uuid = 12;
    expect(codesAndPaths(validate(LEDGER, data))).toEqual([
      'validation.invalid_uuid data.ledger_transaction.reversal.uuid',
      'validation.invalid_uuid data.ledger_transaction.uuid',
      'validation.wrong_type data.ledger_transaction.ledger_uuid',
    ]);
  });

  it('reports a malformed or impossible datetime with validation.invalid_datetime', () => {
    for (const bad of [
      'yesterday',
      '2024-02-30T09:30:12',
      '2023-02-29',
      '2024-05-14T25:00:00',
      '2024-05-14T09:60:00',
      '2024-05-14T09:30:12.1234567',
      '2024-05-14T09:30:12+24:00',
      '2024-05-14X09:30:12',
      '',
    ]) {
      const data = dataOf(ENROLLMENT);
      data.enrollment.creation_date = bad;
      expect(codesAndPaths(validate(ENROLLMENT, data)), bad).toEqual([
        'validation.invalid_datetime data.enrollment.creation_date',
      ]);
    }
  });

  it('accepts payload datetimes that are naive or carry any offset, as Python does', () => {
    for (const good of [
      '2024-05-14',
      '2024-05-14T09:30:12',
      '2024-05-14 09:30:12.000001',
      '2024-05-14T09:30:12+05:30',
      '2024-05-14T09:30:12.345678-03:00',
      '2024-05-14T09:30:12Z',
      '2024-02-29T00:00:00+00:00',
    ]) {
      const data = dataOf(ENROLLMENT);
      data.enrollment.creation_date = good;
      expect(validate(ENROLLMENT, data), good).toEqual([]);
    }
  });

  it('rejects a number beyond 2^53 as unsafe and accepts the same integer as a bigint', () => {
    const data = dataOf(ENROLLMENT);
    data.enrollment.user.id = 2 ** 60;
    const issues = validate(ENROLLMENT, data);
    expectWellFormed(issues);
    expect(codesAndPaths(issues)).toEqual(['validation.unsafe_integer data.enrollment.user.id']);
    expect(issues[0]?.message).toContain('bigint');
    data.enrollment.user.id = 2n ** 60n;
    expect(validate(ENROLLMENT, data)).toEqual([]);
  });

  it('accepts 2^53 - 1 as a number and rejects 2^53, which may already be rounded', () => {
    const data = dataOf(ENROLLMENT);
    data.enrollment.user.id = Number.MAX_SAFE_INTEGER;
    expect(validate(ENROLLMENT, data)).toEqual([]);
    data.enrollment.user.id = -Number.MAX_SAFE_INTEGER;
    expect(validate(ENROLLMENT, data)).toEqual([]);
    data.enrollment.user.id = 2 ** 53;
    expect(codesAndPaths(validate(ENROLLMENT, data))).toEqual([
      'validation.unsafe_integer data.enrollment.user.id',
    ]);
  });

  it('accepts every bigint in the int64 range and rejects one beyond it as out of range', () => {
    const data = dataOf(ENROLLMENT);
    for (const ok of [2n ** 63n - 1n, -(2n ** 63n), 0n]) {
      data.enrollment.user.id = ok;
      expect(validate(ENROLLMENT, data), String(ok)).toEqual([]);
    }
    for (const bad of [2n ** 63n, -(2n ** 63n) - 1n, 2n ** 100n]) {
      data.enrollment.user.id = bad;
      expect(codesAndPaths(validate(ENROLLMENT, data)), String(bad)).toEqual([
        'validation.out_of_range data.enrollment.user.id',
      ]);
    }
  });

  it('rejects a long that is not a whole number, or not finite, as a wrong type', () => {
    const data = dataOf(ENROLLMENT);
    for (const bad of [1.5, Number.NaN, Number.POSITIVE_INFINITY, '12']) {
      data.enrollment.user.id = bad;
      expect(codesAndPaths(validate(ENROLLMENT, data)), String(bad)).toEqual([
        'validation.wrong_type data.enrollment.user.id',
      ]);
    }
  });

  it('rejects a string with an unpaired surrogate, which has no UTF-8 form, in a value or a map key', () => {
    const data = dataOf(FORUM_THREAD);
    data.thread.body = 'half an emoji \uD83D';
    data.thread.options = { '\uDC00pinned': true };
    data.thread.title = '\uD83D\uDE80 a whole emoji is fine';
    const issues = validate(FORUM_THREAD, data);
    expectWellFormed(issues);
    expect(codesAndPaths(issues)).toEqual([
      'validation.invalid_unicode data.thread.body',
      'validation.invalid_unicode data.thread.options.\uDC00pinned',
    ]);
  });

  it('rejects a Map or a Date where a dict is declared instead of reading it as an empty map', () => {
    const data = dataOf(FORUM_THREAD);
    data.thread.options = new Map([['pinned', true]]);
    data.thread.discussion = new Date(0);
    expect(codesAndPaths(validate(FORUM_THREAD, data))).toEqual([
      'validation.wrong_type data.thread.discussion',
      'validation.wrong_type data.thread.options',
    ]);
  });

  it('rejects a Map where a record is declared, even one whose fields all have defaults', () => {
    const eventType = 'org.openedx.learning.ora.submission.created.v1';
    const data = dataOf(eventType);
    data.submission.answer = new Map();
    expect(codesAndPaths(validate(eventType, data))).toEqual([
      'validation.wrong_type data.submission.answer',
    ]);
    data.submission.answer = {};
    expect(validate(eventType, data)).toEqual([]);
  });

  it('accepts a map without a prototype', () => {
    const data = dataOf(FORUM_THREAD);
    data.thread.options = Object.assign(Object.create(null), { pinned: true });
    expect(validate(FORUM_THREAD, data)).toEqual([]);
  });

  it('reports an unknown event type with catalog.unknown_event_type on the type', () => {
    for (const eventType of ['org.openedx.learning.nope.v1', 42, undefined, null, { a: 1 }]) {
      const issues = validate(eventType, {});
      expectWellFormed(issues);
      expect(codesAndPaths(issues)).toEqual(['catalog.unknown_event_type type']);
    }
  });

  it('validates every reference fixture of the Python library with zero issues', () => {
    const failures = fixtures
      .map((f) => ({ name: `${f.event_type} (${f.case})`, issues: validate(f.event_type, f.data_json) }))
      .filter((r) => r.issues.length > 0);
    expect(failures).toEqual([]);
  });

  it('validates every typical fixture with zero issues', () => {
    const typical = fixtures.filter((f) => f.case === 'typical');
    expect(typical).toHaveLength(72);
    for (const f of typical) expect(validate(f.event_type, f.data_json), f.event_type).toEqual([]);
  });
});

describe('parseEventData', () => {
  it('fills an omitted nullable field with null', () => {
    const data = dataOf(ENROLLMENT);
    delete data.enrollment.created_by;
    delete data.enrollment.course.start;
    const parsed = parseEventData(getEventDefinition(ENROLLMENT), data);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const enrollment = (parsed.data as typeof data).enrollment;
    expect(enrollment.created_by).toBeNull();
    expect(enrollment.course.start).toBeNull();
    expect(enrollment.course.end).toBe(data.enrollment.course.end);
  });

  it('fills omitted defaulted lists with a fresh empty list each time', () => {
    const definition = getEventDefinition(SKILLS);
    const input = { xblock_info: { usage_key: 'block-v1:edX+DemoX+Demo_Course+type@problem+block@p1' } };
    const first = parseEventData<{ xblock_info: { verified_skills: number[]; ignored_skills: number[] } }>(
      definition,
      input,
    );
    const second = parseEventData<{ xblock_info: { verified_skills: number[]; ignored_skills: number[] } }>(
      definition,
      input,
    );
    expect(first.ok && second.ok).toBe(true);
    if (!first.ok || !second.ok) return;
    expect(first.data.xblock_info.verified_skills).toEqual([]);
    expect(first.data.xblock_info.ignored_skills).toEqual([]);
    expect(first.data.xblock_info.verified_skills).not.toBe(second.data.xblock_info.verified_skills);
    expect(first.data.xblock_info.verified_skills).not.toBe(first.data.xblock_info.ignored_skills);
    first.data.xblock_info.verified_skills.push(1);
    expect(second.data.xblock_info.verified_skills).toEqual([]);
  });

  it('fills the discussions configuration defaults as Open edX does', () => {
    const parsed = parseEventData(getEventDefinition(DISCUSSIONS), {
      configuration: { course_key: 'course-v1:edX+DemoX+Demo_Course', provider_type: 'openedx' },
    });
    expect(parsed).toEqual({
      ok: true,
      data: {
        configuration: {
          course_key: 'course-v1:edX+DemoX+Demo_Course',
          provider_type: 'openedx',
          enabled: true,
          enable_in_context: true,
          enable_graded_units: false,
          unit_level_visibility: false,
          plugin_configuration: {},
          contexts: [],
        },
      },
    });
  });

  it('fills defaults inside the records of a list', () => {
    const parsed = parseEventData<{ configuration: { contexts: unknown[] } }>(
      getEventDefinition(DISCUSSIONS),
      {
        configuration: {
          course_key: 'course-v1:edX+DemoX+Demo_Course',
          provider_type: 'openedx',
          contexts: [{ title: 'General' }],
        },
      },
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.data.configuration.contexts).toEqual([
      { title: 'General', usage_key: null, group_id: null, external_id: null, ordering: null, context: {} },
    ]);
  });

  it('keeps given values, falsy ones included, and does not change its input', () => {
    const input = {
      configuration: {
        course_key: 'course-v1:edX+DemoX+Demo_Course',
        provider_type: 'openedx',
        enabled: false,
        enable_in_context: false,
        plugin_configuration: { allow_anonymous: false },
      },
    };
    const snapshot = structuredClone(input);
    const parsed = parseEventData<typeof input>(getEventDefinition(DISCUSSIONS), input);
    expect(input).toEqual(snapshot);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.data.configuration.enabled).toBe(false);
    expect(parsed.data.configuration.enable_in_context).toBe(false);
    expect(parsed.data.configuration.plugin_configuration).toEqual({ allow_anonymous: false });
  });

  it('gives each parse a fresh default map', () => {
    const definition = getEventDefinition(DISCUSSIONS);
    const input = { configuration: { course_key: 'course-v1:edX+DemoX+Demo_Course', provider_type: 'x' } };
    const a = parseEventData<{ configuration: { plugin_configuration: object } }>(definition, input);
    const b = parseEventData<{ configuration: { plugin_configuration: object } }>(definition, input);
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(a.data.configuration.plugin_configuration).not.toBe(b.data.configuration.plugin_configuration);
  });

  it('returns every issue instead of data when the payload is invalid', () => {
    const data = dataOf(ENROLLMENT);
    data.enrollment.mode = 3;
    data.enrollment.is_active = 'yes';
    const parsed = parseEventData(getEventDefinition(ENROLLMENT), data);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(codesAndPaths(parsed.issues)).toEqual([
      'validation.wrong_type data.enrollment.is_active',
      'validation.wrong_type data.enrollment.mode',
    ]);
  });
});
