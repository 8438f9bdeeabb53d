import { describe, expect, it } from 'vitest';
import type { XapiVersion } from '../statement.js';
import { validateStatement } from './statement.js';

const VERB = { id: 'http://adlnet.gov/expapi/verbs/attended' };
const ACTIVITY = { id: 'http://example.com/meetings/1' };
const ACCOUNT = {
  homePage: 'https://lms.example.com/',
  name: 'urn:uuid:8c1f4e2a-7b3d-4c5e-9f60-a1b2c3d4e5f6',
};
const ANN = { objectType: 'Agent', mbox: 'mailto:ann@example.com' };
const BOB = { account: ACCOUNT };

function problems(statement: unknown, version: XapiVersion = '1.0.3'): string[][] {
  return validateStatement(statement, { version }).map(({ code, path }) => [code, path]);
}

function withActor(actor: unknown): object {
  return { actor, verb: VERB, object: ACTIVITY };
}

describe('Agents', () => {
  it('accepts an Agent identified by each kind of inverse functional identifier', () => {
    for (const agent of [
      { mbox: 'mailto:ann@example.com' },
      { mbox_sha1sum: 'ebd31e95054c018b10727ccffd2ef2ec3a016ee9' },
      { openid: 'http://ann.openid.example.org/' },
      { objectType: 'Agent', name: 'Bob', account: ACCOUNT },
    ]) {
      expect(problems(withActor(agent))).toEqual([]);
    }
  });

  it('rejects an Agent with two inverse functional identifiers', () => {
    const actor = { mbox: 'mailto:ann@example.com', account: ACCOUNT };
    expect(problems(withActor(actor))).toEqual([['xapi.invalid_ifi', 'actor']]);
  });

  it('rejects an Agent with no inverse functional identifier', () => {
    expect(problems(withActor({ name: 'Ann' }))).toEqual([['xapi.invalid_ifi', 'actor']]);
  });

  it('rejects an mbox that is not a mailto IRI', () => {
    for (const mbox of [
      'ann@example.com',
      'mailto:',
      'mailto:ann',
      'MAILTO:ann@example.com',
      'mailto:a b@x.org',
    ]) {
      expect(problems(withActor({ mbox }))).toEqual([['xapi.invalid_ifi', 'actor.mbox']]);
    }
  });

  it('rejects an mbox_sha1sum that is not 40 hex digits', () => {
    const actor = { mbox_sha1sum: 'ebd31e95054c018b10727ccffd2ef2ec3a016ee' };
    expect(problems(withActor(actor))).toEqual([['xapi.invalid_ifi', 'actor.mbox_sha1sum']]);
  });

  it('rejects an openid that is not an absolute URI', () => {
    expect(problems(withActor({ openid: 'ann.openid.example.org' }))).toEqual([
      ['xapi.invalid_iri', 'actor.openid'],
    ]);
  });

  it('rejects an account whose homePage is not an IRL', () => {
    const actor = { account: { homePage: 'lms.example.com', name: '42' } };
    expect(problems(withActor(actor))).toEqual([['xapi.invalid_irl', 'actor.account.homePage']]);
  });

  it('rejects an account without a homePage or a name', () => {
    expect(problems(withActor({ account: {} }))).toEqual([
      ['xapi.missing_property', 'actor.account.homePage'],
      ['xapi.missing_property', 'actor.account.name'],
    ]);
  });

  it('rejects an account name that is not a string', () => {
    const actor = { account: { homePage: 'https://lms.example.com/', name: 42 } };
    expect(problems(withActor(actor))).toEqual([['xapi.wrong_type', 'actor.account.name']]);
  });

  it('rejects an actor objectType in the wrong case', () => {
    const actor = { objectType: 'agent', mbox: 'mailto:ann@example.com' };
    expect(problems(withActor(actor))).toEqual([['xapi.invalid_object_type', 'actor.objectType']]);
  });

  it('rejects a member property on an Agent', () => {
    expect(problems(withActor({ ...ANN, member: [BOB] }))).toEqual([
      ['xapi.unknown_property', 'actor.member'],
    ]);
  });

  it('rejects an Agent name that is not a string', () => {
    expect(problems(withActor({ ...ANN, name: ['Ann'] }))).toEqual([['xapi.wrong_type', 'actor.name']]);
  });
});

describe('Groups', () => {
  it('accepts an identified Group with and without members', () => {
    const group = {
      objectType: 'Group',
      account: { homePage: 'http://example.com/homePage', name: 'GroupAccount' },
    };
    expect(problems(withActor(group))).toEqual([]);
    expect(problems(withActor({ ...group, member: [ANN, BOB] }))).toEqual([]);
  });

  it('rejects an anonymous Group without members', () => {
    expect(problems(withActor({ objectType: 'Group', name: 'Team' }))).toEqual([
      ['xapi.anonymous_group_without_members', 'actor.member'],
    ]);
    expect(problems(withActor({ objectType: 'Group', member: [] }))).toEqual([
      ['xapi.anonymous_group_without_members', 'actor.member'],
    ]);
  });

  it('rejects an identified Group with two inverse functional identifiers', () => {
    const group = {
      objectType: 'Group',
      mbox: 'mailto:team@example.com',
      openid: 'http://team.example.org/',
    };
    expect(problems(withActor(group))).toEqual([['xapi.invalid_ifi', 'actor']]);
  });

  it('rejects a Group nested in a Group', () => {
    const inner = { objectType: 'Group', member: [ANN] };
    expect(problems(withActor({ objectType: 'Group', member: [ANN, inner] }))).toEqual([
      ['xapi.nested_group', 'actor.member.1'],
    ]);
  });

  it('rejects a Group member without exactly one inverse functional identifier', () => {
    const group = { objectType: 'Group', member: [{ name: 'nobody' }, ANN] };
    expect(problems(withActor(group))).toEqual([['xapi.invalid_ifi', 'actor.member.0']]);
  });

  it('rejects members that are not an array', () => {
    const group = { objectType: 'Group', mbox: 'mailto:team@example.com', member: ANN };
    expect(problems(withActor(group))).toEqual([['xapi.wrong_type', 'actor.member']]);
  });
});

describe('authority', () => {
  const statement = (authority: unknown) => ({ ...withActor(ANN), authority });

  it('accepts an Agent, or the Group of an OAuth application and a user', () => {
    expect(problems(statement(BOB))).toEqual([]);
    expect(problems(statement({ objectType: 'Group', member: [BOB, ANN] }))).toEqual([]);
  });

  it('rejects an authority Group that does not have exactly two members', () => {
    expect(problems(statement({ objectType: 'Group', member: [BOB] }))).toEqual([
      ['xapi.invalid_authority', 'authority'],
    ]);
    expect(problems(statement({ objectType: 'Group', member: [BOB, ANN, ANN] }))).toEqual([
      ['xapi.invalid_authority', 'authority'],
    ]);
  });
});

describe('Agents and Groups as the object', () => {
  it('accepts an Agent or a Group object that says its objectType', () => {
    expect(problems({ actor: ANN, verb: VERB, object: ANN })).toEqual([]);
    expect(problems({ actor: ANN, verb: VERB, object: { objectType: 'Group', member: [ANN] } })).toEqual([]);
  });

  it('rejects an Agent object without objectType', () => {
    expect(problems({ actor: ANN, verb: VERB, object: { mbox: 'mailto:bob@example.com' } })).toEqual([
      ['xapi.missing_property', 'object.objectType'],
    ]);
  });
});
