import { describe, expect, it } from 'vitest';
import type { XapiVersion } from '../statement.js';
import { validateStatement } from './statement.js';

const ANN = { mbox: 'mailto:ann@example.com' };
const VERB = { id: 'http://adlnet.gov/expapi/verbs/attended' };
const ACTIVITY = { id: 'http://example.com/meetings/1' };
const COURSE = { id: 'http://example.com/courses/algebra-1', objectType: 'Activity' };
const TEAM = { objectType: 'Group', name: 'Team PB', mbox: 'mailto:teampb@example.com' };

function problems(statement: unknown, version: XapiVersion = '1.0.3'): string[][] {
  return validateStatement(statement, { version }).map(({ code, path }) => [code, path]);
}

function withContext(context: unknown, object: unknown = ACTIVITY): object {
  return { actor: ANN, verb: VERB, object, context };
}

describe('context', () => {
  it('rejects a registration that is not a UUID', () => {
    expect(problems(withContext({ registration: 'MA97B177-9383-4934-8543-0F91A7A02836' }))).toEqual([
      ['xapi.invalid_uuid', 'context.registration'],
    ]);
  });

  it('accepts an Agent or a Group as instructor', () => {
    expect(problems(withContext({ instructor: ANN }))).toEqual([]);
    expect(problems(withContext({ instructor: TEAM }))).toEqual([]);
  });

  it('rejects a team that is not a Group', () => {
    expect(problems(withContext({ team: ANN }))).toEqual([
      ['xapi.missing_property', 'context.team.objectType'],
    ]);
    expect(problems(withContext({ team: { ...ANN, objectType: 'Agent' } }))).toEqual([
      ['xapi.invalid_object_type', 'context.team.objectType'],
    ]);
  });

  it('accepts revision and platform when the object is an Activity', () => {
    expect(problems(withContext({ revision: 'r2', platform: 'Open edX' }))).toEqual([]);
  });

  it('rejects revision and platform when the object is not an Activity', () => {
    const ref = { objectType: 'StatementRef', id: '6690e6c9-3ef0-4ed3-8b37-7f3964730bee' };
    expect(problems(withContext({ revision: 'r2', platform: 'Open edX' }, ref))).toEqual([
      ['xapi.context_property_requires_activity', 'context.revision'],
      ['xapi.context_property_requires_activity', 'context.platform'],
    ]);
  });

  it('rejects a language that is not an RFC 5646 tag', () => {
    expect(problems(withContext({ language: 'en_US' }))).toEqual([
      ['xapi.invalid_language_tag', 'context.language'],
    ]);
  });

  it('rejects a context statement that is not a StatementRef', () => {
    expect(problems(withContext({ statement: { id: '6690e6c9-3ef0-4ed3-8b37-7f3964730bee' } }))).toEqual([
      ['xapi.missing_property', 'context.statement.objectType'],
    ]);
  });

  it('rejects context extension keys that are not IRIs', () => {
    expect(problems(withContext({ extensions: { 'http://example.com/ok': null, altitude: 3000 } }))).toEqual([
      ['xapi.invalid_iri', 'context.extensions.altitude'],
    ]);
  });

  it('rejects an unknown context property', () => {
    expect(problems(withContext({ Platform: 'x' }))).toEqual([['xapi.unknown_property', 'context.Platform']]);
  });
});

describe('contextActivities', () => {
  it('accepts arrays of Activities under parent, grouping, category and other', () => {
    const contextActivities = {
      parent: [COURSE],
      grouping: [COURSE],
      category: [COURSE],
      other: [COURSE, ACTIVITY],
    };
    expect(problems(withContext({ contextActivities }))).toEqual([]);
  });

  it('accepts a single Activity object where an array is expected, as the specification allows', () => {
    expect(problems(withContext({ contextActivities: { parent: COURSE } }))).toEqual([]);
  });

  it('rejects a context activity kind other than parent, grouping, category or other', () => {
    expect(problems(withContext({ contextActivities: { Parent: [COURSE] } }))).toEqual([
      ['xapi.unknown_property', 'context.contextActivities.Parent'],
    ]);
  });

  it('rejects a context activity that is not a valid Activity', () => {
    expect(problems(withContext({ contextActivities: { parent: [COURSE, { id: 'algebra' }] } }))).toEqual([
      ['xapi.invalid_iri', 'context.contextActivities.parent.1.id'],
    ]);
    expect(problems(withContext({ contextActivities: { category: 'http://example.com/x' } }))).toEqual([
      ['xapi.wrong_type', 'context.contextActivities.category'],
    ]);
  });
});

describe('contextAgents and contextGroups', () => {
  const contextAgents = [
    {
      objectType: 'contextAgent',
      agent: ANN,
      relevantTypes: ['https://example.com/xapi/activities/instructor'],
    },
  ];
  const contextGroups = [{ objectType: 'contextGroup', group: TEAM }];

  it('accepts valid contextAgents and contextGroups in 2.0', () => {
    expect(problems(withContext({ contextAgents, contextGroups }), '2.0.0')).toEqual([]);
  });

  it('rejects contextAgents and contextGroups in 1.0.3 as unknown properties', () => {
    expect(problems(withContext({ contextAgents, contextGroups }))).toEqual([
      ['xapi.unknown_property', 'context.contextAgents'],
      ['xapi.unknown_property', 'context.contextGroups'],
    ]);
  });

  it('rejects a contextAgent objectType other than contextAgent', () => {
    const bad = [{ objectType: 'ContextAgent', agent: ANN }];
    expect(problems(withContext({ contextAgents: bad }), '2.0.0')).toEqual([
      ['xapi.invalid_object_type', 'context.contextAgents.0.objectType'],
    ]);
  });

  it('rejects a contextAgent without objectType or agent', () => {
    expect(problems(withContext({ contextAgents: [{}] }), '2.0.0')).toEqual([
      ['xapi.missing_property', 'context.contextAgents.0.objectType'],
      ['xapi.missing_property', 'context.contextAgents.0.agent'],
    ]);
  });

  it('rejects a contextAgent whose agent is invalid', () => {
    const bad = [{ objectType: 'contextAgent', agent: { key: 'Should fail' } }];
    expect(problems(withContext({ contextAgents: bad }), '2.0.0')).toEqual([
      ['xapi.unknown_property', 'context.contextAgents.0.agent.key'],
      ['xapi.invalid_ifi', 'context.contextAgents.0.agent'],
    ]);
  });

  it('rejects empty relevantTypes and relevantTypes that are not IRIs', () => {
    const empty = [{ objectType: 'contextAgent', agent: ANN, relevantTypes: [] }];
    const notIri = [{ objectType: 'contextGroup', group: TEAM, relevantTypes: ['abc'] }];
    expect(problems(withContext({ contextAgents: empty, contextGroups: notIri }), '2.0.0')).toEqual([
      ['xapi.empty_array', 'context.contextAgents.0.relevantTypes'],
      ['xapi.invalid_iri', 'context.contextGroups.0.relevantTypes.0'],
    ]);
  });

  it('rejects a contextGroup whose group is not a Group', () => {
    const bad = [{ objectType: 'contextGroup', group: ANN }];
    expect(problems(withContext({ contextGroups: bad }), '2.0.0')).toEqual([
      ['xapi.missing_property', 'context.contextGroups.0.group.objectType'],
    ]);
  });
});
