import { describe, expect, it } from 'vitest';
import { ALL_EVENTS } from '../../src/catalog/registry.js';
import { parseEventData } from '../../src/catalog/validate.js';
import type { OpenEdxEvent } from '../../src/codecs/codec.js';
import { createMetadata } from '../../src/envelope/index.js';
import { isEdstreamError } from '../../src/errors.js';
import { PROFILES } from '../../src/xapi/profiles/index.js';
import type { Statement } from '../../src/xapi/statement.js';
import { createTransformer, type TransformResult } from '../../src/xapi/transform.js';
import { loadAvroFixtures } from '../reference.js';
import { GOLDEN_OPTIONS, GOLDEN_PROFILES, goldenCases } from './golden-cases.js';

const cases = goldenCases();
const byType = new Map(cases.map((c) => [c.eventType, c.event]));
const event = (type: string): OpenEdxEvent => byType.get(type)!;

function statementsOf(result: TransformResult): Statement[] {
  if (!result.ok) throw new Error(`${result.code}: ${result.reason}`);
  return result.statements;
}

// Events in which a learner does something; each must become a statement in every profile.
const LEARNER_ACTIONS = [
  'org.openedx.learning.student.registration.completed.v1',
  'org.openedx.learning.auth.session.login.completed.v1',
  'org.openedx.learning.course.enrollment.created.v1',
  'org.openedx.learning.course.enrollment.changed.v1',
  'org.openedx.learning.course.unenrollment.completed.v1',
  'org.openedx.learning.forum.thread.created.v1',
  'org.openedx.learning.forum.thread.response.created.v1',
  'org.openedx.learning.forum.thread.response.comment.created.v1',
  'org.openedx.learning.ora.submission.created.v1',
  'org.openedx.learning.exam.attempt.submitted.v1',
  'org.openedx.learning.lti_provider.launch.success.v1',
  'org.openedx.learning.idv_attempt.created.v1',
];
// Achievements recorded for a learner, mapped in both profiles too.
const LEARNER_RECORDS = [
  'org.openedx.learning.course.persistent_grade_summary.changed.v1',
  'org.openedx.learning.course.passing.status.updated.v1',
  'org.openedx.learning.ccx.course.passing.status.updated.v1',
  'org.openedx.learning.certificate.created.v1',
  'org.openedx.learning.program.certificate.awarded.v1',
  'org.openedx.learning.badge.awarded.v1',
];

const PII = [
  'ada_lovelace',
  'ada.lovelace@example.com',
  'Ada Lovelace',
  'staff_grace',
  'grace.hopper',
  'Grace Hopper',
];

describe.each(GOLDEN_PROFILES)('the %s transformer', (profile) => {
  const transform = createTransformer({ ...GOLDEN_OPTIONS, profile });

  it('gives identical statements for the same event, even from a new transformer', () => {
    const again = createTransformer({ ...GOLDEN_OPTIONS, profile });
    for (const { event: e } of cases) {
      expect(transform(e)).toEqual(transform(e));
      expect(again(e)).toEqual(transform(e));
    }
  });

  it('gives every event its own statement ids', () => {
    const ids = cases.flatMap(({ event: e }) => {
      const result = transform(e);
      return result.ok ? result.statements.map((s) => s.id) : [];
    });
    expect(new Set(ids).size).toBe(ids.length);
    const enrollment = event('org.openedx.learning.course.enrollment.created.v1');
    const replayed = {
      ...enrollment,
      metadata: { ...enrollment.metadata, id: '00000000-0000-4000-8000-0000000000ff' },
    };
    expect(statementsOf(transform(replayed))[0]!.id).not.toBe(statementsOf(transform(enrollment))[0]!.id);
  });

  it('maps every event in which a learner acts or achieves something', () => {
    for (const type of [...LEARNER_ACTIONS, ...LEARNER_RECORDS]) {
      expect(transform(event(type)).ok, type).toBe(true);
    }
  });

  it('writes no username, email or name unless they are included', () => {
    const text = JSON.stringify(cases.map(({ event: e }) => transform(e)));
    for (const value of PII) expect(text).not.toContain(value);
  });

  it('writes the included personal data of the actor, and only that', () => {
    const included = createTransformer({ ...GOLDEN_OPTIONS, profile, include: { name: true } });
    const text = JSON.stringify(
      statementsOf(included(event('org.openedx.learning.auth.session.login.completed.v1'))),
    );
    expect(text).toContain('Ada Lovelace');
    expect(text).not.toContain('ada_lovelace');
    expect(text).not.toContain('ada.lovelace@example.com');
  });

  it('reports an event with no counterpart as xapi.not_mapped with a reason', () => {
    const result = transform(event('org.openedx.enterprise.subsidy.redeemed.v1'));
    expect(result).toMatchObject({ ok: false, code: 'xapi.not_mapped' });
    expect(!result.ok && result.reason.length > 10).toBe(true);
  });

  it('reports an event whose data does not match its type as xapi.invalid_event', () => {
    const broken = { ...event('org.openedx.learning.course.enrollment.created.v1'), data: { wrong: {} } };
    expect(transform(broken)).toMatchObject({ ok: false, code: 'xapi.invalid_event' });
  });

  it('documents every catalog event type', () => {
    for (const { eventType } of cases) {
      const summary = PROFILES[profile].describe(eventType);
      if ('mapped' in summary) expect(summary.reason, eventType).not.toBe('');
      else expect(summary.verbs.length * summary.types.length, eventType).toBeGreaterThan(0);
    }
  });
});

describe('statement validation', () => {
  // The minimal and edge fixtures: nulls, empty strings, unicode, 64-bit integers, odd keys.
  const unusual = loadAvroFixtures()
    .filter((f) => f.case !== 'typical')
    .map((f) => {
      const definition = ALL_EVENTS.find((d) => d.eventType === f.event_type)!;
      const parsed = parseEventData(definition, f.data_json);
      if (!parsed.ok) throw new Error(`fixture ${f.event_type} ${f.case} is invalid`);
      const metadata = { ...event(f.event_type).metadata };
      return { name: `${f.event_type} (${f.case})`, event: { metadata, data: parsed.data } };
    });

  it.each(GOLDEN_PROFILES)('keeps %s statements valid for minimal and edge payloads', (profile) => {
    const transform = createTransformer({ ...GOLDEN_OPTIONS, profile, validate: true });
    for (const { name, event: e } of unusual) {
      const result = transform(e);
      if (!result.ok) expect(result.code, `${name}: ${result.reason}`).toBe('xapi.not_mapped');
    }
  });

  it('reports a statement that breaks the xAPI rules as xapi.invalid_statement, with its issues', () => {
    const broken = createTransformer({
      ...GOLDEN_OPTIONS,
      validate: true,
      profile: {
        name: 'adl',
        version: '1.0.3',
        transform: () => [{ actor: {}, verb: { id: 'not an iri' }, object: { id: 'x' } }],
        describe: () => ({ verbs: [], types: [] }),
      },
    });
    const result = broken(event('org.openedx.learning.auth.session.login.completed.v1'));
    expect(result).toMatchObject({ ok: false, code: 'xapi.invalid_statement' });
    expect(!result.ok && result.issues?.length).toBeGreaterThan(0);
  });
});

describe('createTransformer options', () => {
  const expectUsage = (make: () => unknown, code: string) => {
    try {
      make();
      expect.unreachable();
    } catch (error) {
      expect(isEdstreamError(error) && error.code).toBe(code);
    }
  };

  it('requires a tenant and a secret of 16 characters', () => {
    expectUsage(
      () => createTransformer({ ...GOLDEN_OPTIONS, tenantId: '', profile: 'adl' }),
      'usage.missing_option',
    );
    expectUsage(
      () => createTransformer({ ...GOLDEN_OPTIONS, secret: 'short', profile: 'adl' }),
      'usage.missing_option',
    );
  });

  it('requires a platform URL for the adl profile only', () => {
    const { platformUrl: _, ...rest } = GOLDEN_OPTIONS;
    expectUsage(() => createTransformer({ ...rest, profile: 'adl' }), 'usage.missing_option');
    expect(() => createTransformer({ ...rest, profile: 'brightspace' })).not.toThrow();
  });

  it('rejects an unknown profile and a home page that is not a URL', () => {
    expectUsage(
      () => createTransformer({ ...GOLDEN_OPTIONS, profile: 'caliper' as 'adl' }),
      'usage.bad_option',
    );
    expectUsage(
      () => createTransformer({ ...GOLDEN_OPTIONS, homePage: 'not a url', profile: 'brightspace' }),
      'usage.bad_option',
    );
  });

  it('builds events from metadata alone', () => {
    const metadata = createMetadata('org.openedx.learning.auth.session.login.completed.v1', {
      sourcehost: 'h',
    });
    const transform = createTransformer({ ...GOLDEN_OPTIONS, profile: 'adl' });
    const result = transform({
      metadata,
      data: event('org.openedx.learning.auth.session.login.completed.v1').data,
    });
    expect(statementsOf(result)[0]!.timestamp).toBe(metadata.time);
  });
});
