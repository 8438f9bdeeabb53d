import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EdstreamError } from '../errors.js';
import { createActorFactory, pseudonymousUserUuid, USERNAME_EXTENSION } from './identity.js';
import { validateStatement } from './validate/index.js';

const SECRET = 'a-deployment-secret-of-reasonable-length';
const HOME = 'https://lms.example.com/';
const UUID_V5_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('pseudonymousUserUuid', () => {
  it('is the first 16 bytes of HMAC-SHA256(secret, user id) with version-5 and variant bits', () => {
    const bytes = createHmac('sha256', SECRET).update('42').digest().subarray(0, 16);
    bytes[6] = (bytes[6]! & 0x0f) | 0x50;
    bytes[8] = (bytes[8]! & 0x3f) | 0x80;
    const hex = bytes.toString('hex');
    const expected = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    expect(pseudonymousUserUuid(SECRET, 42)).toBe(expected);
  });

  it('gives the same UUID for a user id as a number, a bigint and a string', () => {
    const uuid = pseudonymousUserUuid(SECRET, 42);
    expect(pseudonymousUserUuid(SECRET, 42n)).toBe(uuid);
    expect(pseudonymousUserUuid(SECRET, '42')).toBe(uuid);
  });

  it('is deterministic, UUID-shaped and different for different users', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const ua = pseudonymousUserUuid(SECRET, a);
        expect(ua).toMatch(UUID_V5_SHAPE);
        expect(pseudonymousUserUuid(SECRET, a)).toBe(ua);
        expect(ua === pseudonymousUserUuid(SECRET, b)).toBe(a === b);
      }),
    );
  });

  it('depends on the secret, so that ids cannot be recomputed without it', () => {
    expect(pseudonymousUserUuid(SECRET, 42)).not.toBe(pseudonymousUserUuid(`${SECRET}!`, 42));
  });

  it('refuses an empty secret and a non-integer numeric id', () => {
    expect(() => pseudonymousUserUuid('', 42)).toThrow(EdstreamError);
    expect(() => pseudonymousUserUuid(SECRET, 4.2)).toThrow(/safe integer/);
  });
});

describe('createActorFactory', () => {
  const learner = { id: 42, name: 'Ann Example', email: 'ann@example.com', username: 'ann' };

  it('builds a pseudonymous account Agent and nothing else by default', () => {
    const { agent, contextExtensions } = createActorFactory({ secret: SECRET, homePage: HOME }).learner(
      learner,
    );
    expect(agent).toEqual({
      objectType: 'Agent',
      account: { homePage: HOME, name: `urn:uuid:${pseudonymousUserUuid(SECRET, 42)}` },
    });
    expect(contextExtensions).toBeUndefined();
    expect(JSON.stringify(agent)).not.toMatch(/Ann|ann@|"42"/);
  });

  it('adds the real name only when include.name is set', () => {
    const factory = createActorFactory({ secret: SECRET, homePage: HOME, include: { name: true } });
    expect(factory.learner(learner).agent.name).toBe('Ann Example');
    expect(factory.learner({ id: 7, name: '  ' }).agent.name).toBeUndefined();
  });

  it('uses the email as mbox instead of the account when include.email is set, keeping one IFI', () => {
    const factory = createActorFactory({ secret: SECRET, homePage: HOME, include: { email: true } });
    expect(factory.learner(learner).agent).toEqual({ objectType: 'Agent', mbox: 'mailto:ann@example.com' });
  });

  it('falls back to the account when the email is missing or unusable', () => {
    const factory = createActorFactory({ secret: SECRET, homePage: HOME, include: { email: true } });
    for (const email of [undefined, null, '', 'not an address']) {
      const { agent } = factory.learner({ id: 42, email });
      expect(agent.mbox).toBeUndefined();
      expect(agent.account?.name).toBe(`urn:uuid:${factory.userUuid(42)}`);
    }
  });

  it('returns the username as a context extension only when include.username is set', () => {
    expect(
      createActorFactory({ secret: SECRET, homePage: HOME }).learner(learner).contextExtensions,
    ).toBeUndefined();
    const factory = createActorFactory({ secret: SECRET, homePage: HOME, include: { username: true } });
    const { agent, contextExtensions } = factory.learner(learner);
    expect(contextExtensions).toEqual({ [USERNAME_EXTENSION]: 'ann' });
    expect(JSON.stringify(agent)).not.toContain('"ann"');
  });

  it('produces Agents and extensions that make valid statements', () => {
    const factory = createActorFactory({
      secret: SECRET,
      homePage: HOME,
      include: { name: true, email: true, username: true },
    });
    for (const user of [learner, { id: 7 }, { id: '8', email: 'x' }]) {
      const { agent, contextExtensions } = factory.learner(user);
      const statement = {
        actor: agent,
        verb: { id: 'http://adlnet.gov/expapi/verbs/registered' },
        object: { id: 'https://lms.example.com/course/course-v1:edX+DemoX+Demo_Course' },
        ...(contextExtensions ? { context: { extensions: contextExtensions } } : {}),
      };
      expect(validateStatement(statement, { version: '1.0.3' })).toEqual([]);
    }
  });

  it('refuses a home page that is not an IRL and an empty secret', () => {
    expect(() => createActorFactory({ secret: SECRET, homePage: 'lms.example.com' })).toThrow(EdstreamError);
    expect(() => createActorFactory({ secret: '', homePage: HOME })).toThrow(EdstreamError);
  });
});
