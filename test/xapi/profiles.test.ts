import { describe, expect, it } from 'vitest';
import type { OpenEdxEvent } from '../../src/codecs/codec.js';
import { createActorFactory } from '../../src/xapi/identity.js';
import type { Statement } from '../../src/xapi/statement.js';
import { createTransformer, type TransformResult } from '../../src/xapi/transform.js';
import { GOLDEN_OPTIONS, goldenCases } from './golden-cases.js';

const cases = goldenCases();
const byType = new Map(cases.map((c) => [c.eventType, c.event]));
const event = (type: string): OpenEdxEvent => byType.get(type)!;

function statementsOf(result: TransformResult): Statement[] {
  if (!result.ok) throw new Error(`${result.code}: ${result.reason}`);
  return result.statements;
}

function withPayload(type: string, change: (payload: Record<string, unknown>) => void): OpenEdxEvent {
  const original = event(type);
  const [key, payload] = Object.entries(original.data)[0]!;
  const copy = structuredClone(payload) as Record<string, unknown>;
  change(copy);
  return { metadata: original.metadata, data: { [key]: copy } };
}

describe('the brightspace profile', () => {
  const transform = createTransformer({ ...GOLDEN_OPTIONS, profile: 'brightspace' });

  it('adds included personal data to context/actor, leaving the actor an opaque account', () => {
    const all = createTransformer({
      ...GOLDEN_OPTIONS,
      profile: 'brightspace',
      include: { name: true, email: true, username: true },
    });
    const [statement] = statementsOf(all(event('org.openedx.learning.auth.session.login.completed.v1')));
    expect(
      statement!.context?.extensions?.['https://api.brightspace.com/xapi/extension_keys/context/actor'],
    ).toEqual({
      userId: '12345',
      imsRoleIds: [],
      username: 'ada_lovelace',
      email: 'ada.lovelace@example.com',
      name: 'Ada Lovelace',
    });
    expect(Object.keys(statement!.actor)).toEqual(['account']);
  });

  it('unenrolls on an enrollment change to inactive', () => {
    const inactive = withPayload('org.openedx.learning.course.enrollment.changed.v1', (p) => {
      p.is_active = false;
    });
    expect(statementsOf(transform(inactive))[0]!.verb.id).toBe(
      'https://api.brightspace.com/xapi/verbs/unenrolled',
    );
  });

  it('keeps the raw user id out of the pseudonymous actor, which the secret decides', () => {
    const login = event('org.openedx.learning.auth.session.login.completed.v1');
    const a = statementsOf(transform(login))[0]!;
    const other = createTransformer({
      ...GOLDEN_OPTIONS,
      secret: 'another-secret-of-enough-length',
      profile: 'brightspace',
    });
    const b = statementsOf(other(login))[0]!;
    expect(JSON.stringify(a.actor)).not.toContain('12345');
    expect(a.actor).not.toEqual(b.actor);
    expect(a.object).toEqual(b.object);
  });

  it('uses a configured home page and the millisecond UTC time', () => {
    const custom = createTransformer({
      ...GOLDEN_OPTIONS,
      homePage: 'https://lms.example.edu/',
      profile: 'brightspace',
    });
    const [statement] = statementsOf(custom(event('org.openedx.learning.course.enrollment.created.v1')));
    expect(statement!.actor.account?.homePage).toBe('https://lms.example.edu/');
    expect(statement!.timestamp).toBe('2024-05-14T09:30:12.345Z');
  });

  it('names the producing service as the actor of an authoring event', () => {
    const [statement] = statementsOf(transform(event('org.openedx.content_authoring.course.created.v1')));
    const actor =
      statement!.context?.extensions?.['https://api.brightspace.com/xapi/extension_keys/context/actor'];
    expect(actor).toEqual({ userId: 'openedx/cms/web', imsRoleIds: [] });
  });
});

describe('the adl profile', () => {
  const transform = createTransformer({ ...GOLDEN_OPTIONS, profile: 'adl' });

  it('builds the Agents createActorFactory builds, personal data included or not', () => {
    const login = event('org.openedx.learning.auth.session.login.completed.v1');
    const options = { secret: GOLDEN_OPTIONS.secret, homePage: GOLDEN_OPTIONS.platformUrl! };
    const plain = createActorFactory(options).learner({ id: 12345 });
    expect(statementsOf(transform(login))[0]!.actor).toEqual(plain.agent);
    const include = { name: true, email: true, username: true };
    const full = createActorFactory({ ...options, include }).learner({
      id: 12345,
      name: 'Ada Lovelace',
      email: 'ada.lovelace@example.com',
      username: 'ada_lovelace',
    });
    const [statement] = statementsOf(
      createTransformer({ ...GOLDEN_OPTIONS, profile: 'adl', include })(login),
    );
    expect(statement!.actor).toEqual(full.agent);
    expect(statement!.context?.extensions).toMatchObject(full.contextExtensions ?? {});
  });

  it('never writes the Open edX user id', () => {
    const text = JSON.stringify(cases.map(({ event: e }) => transform(e)));
    expect(text).not.toContain('12345');
  });

  it('fails a learner whose passing status turns false', () => {
    const failing = withPayload('org.openedx.learning.course.passing.status.updated.v1', (p) => {
      p.is_passing = false;
    });
    expect(statementsOf(transform(failing))[0]!.verb.id).toBe('http://adlnet.gov/expapi/verbs/failed');
  });

  it('maps a certificate change only when the certificate becomes downloadable', () => {
    const notPassing = withPayload('org.openedx.learning.certificate.changed.v1', (p) => {
      p.current_status = 'notpassing';
    });
    expect(transform(notPassing)).toMatchObject({ ok: false, code: 'xapi.not_mapped' });
  });

  it('percent-encodes ids that are not IRI characters', () => {
    const odd = withPayload('org.openedx.learning.forum.thread.created.v1', (p) => {
      p.id = 'a b"c%';
    });
    expect(statementsOf(transform(odd))[0]!.object).toMatchObject({
      id: 'https://lms.example.com/api/discussion/v1/threads/a%20b%22c%25',
    });
  });

  it('keeps the Open edX time', () => {
    const [statement] = statementsOf(transform(event('org.openedx.learning.course.enrollment.created.v1')));
    expect(statement!.timestamp).toBe('2024-05-14T09:30:12.345678+00:00');
  });
});
