import { describe, expect, it } from 'vitest';
import type { XapiVersion } from '../statement.js';
import { validateStatement } from './statement.js';

const ACTOR = { mbox: 'mailto:ann@example.com' };
const VERB = { id: 'http://adlnet.gov/expapi/verbs/answered', display: { 'en-US': 'answered' } };
const REF = { objectType: 'StatementRef', id: 'e05aa883-acaf-40ad-bf54-02c8ce485fb0' };

function problems(statement: unknown, version: XapiVersion = '1.0.3'): string[][] {
  return validateStatement(statement, { version }).map(({ code, path }) => [code, path]);
}

function withObject(object: unknown, verb: unknown = VERB): object {
  return { actor: ACTOR, verb, object };
}

function withDefinition(definition: Record<string, unknown>): object {
  return withObject({ id: 'http://example.com/q/1', definition });
}

describe('verbs', () => {
  it('rejects a verb id that is not an IRI', () => {
    expect(problems(withObject(REF, { id: 'answered' }))).toEqual([['xapi.invalid_iri', 'verb.id']]);
  });

  it('rejects a verb without an id', () => {
    expect(problems(withObject(REF, { display: { en: 'answered' } }))).toEqual([
      ['xapi.missing_property', 'verb.id'],
    ]);
  });

  it('rejects a verb display that is not a language map', () => {
    expect(problems(withObject(REF, { ...VERB, display: 'answered' }))).toEqual([
      ['xapi.wrong_type', 'verb.display'],
    ]);
  });

  it('rejects a language map key that is not an RFC 5646 tag', () => {
    expect(problems(withObject(REF, { ...VERB, display: { en_US: 'answered' } }))).toEqual([
      ['xapi.invalid_language_tag', 'verb.display.en_US'],
    ]);
  });

  it('rejects an empty language map', () => {
    expect(problems(withObject(REF, { ...VERB, display: {} }))).toEqual([
      ['xapi.empty_language_map', 'verb.display'],
    ]);
  });
});

describe('Activities', () => {
  it('rejects an Activity id that is not an IRI', () => {
    for (const id of ['q1', '/relative/path', '#fragment', 'http://example.com/a b', '']) {
      expect(problems(withObject({ id }))).toEqual([['xapi.invalid_iri', 'object.id']]);
    }
  });

  it('rejects an Activity without an id', () => {
    expect(problems(withObject({ objectType: 'Activity' }))).toEqual([
      ['xapi.missing_property', 'object.id'],
    ]);
  });

  it('rejects an objectType in the wrong case', () => {
    expect(problems(withObject({ objectType: 'activity', id: 'http://example.com/q/1' }))).toEqual([
      ['xapi.invalid_object_type', 'object.objectType'],
    ]);
  });

  it('rejects definition name and description values that are not strings', () => {
    expect(problems(withDefinition({ name: { 'en-US': 1 }, description: { 'en-US': null } }))).toEqual([
      ['xapi.wrong_type', 'object.definition.name.en-US'],
      ['xapi.null_not_allowed', 'object.definition.description.en-US'],
    ]);
  });

  it('rejects a definition type that is not an IRI', () => {
    expect(problems(withDefinition({ type: 'course' }))).toEqual([
      ['xapi.invalid_iri', 'object.definition.type'],
    ]);
  });

  it('rejects a moreInfo that is not an IRL', () => {
    expect(problems(withDefinition({ moreInfo: 'urn:isbn:0451450523' }))).toEqual([
      ['xapi.invalid_irl', 'object.definition.moreInfo'],
    ]);
  });

  it('rejects extension keys that are not IRIs, whatever their values', () => {
    const extensions = { 'http://example.com/x': null, 'https://example.com/y': { any: [1, null] }, room: 3 };
    expect(problems(withDefinition({ extensions }))).toEqual([
      ['xapi.invalid_iri', 'object.definition.extensions.room'],
    ]);
  });

  it('rejects an unknown definition property', () => {
    expect(problems(withDefinition({ Name: { en: 'x' } }))).toEqual([
      ['xapi.unknown_property', 'object.definition.Name'],
    ]);
  });
});

describe('interaction activities', () => {
  const choices = [
    { id: 'golf', description: { 'en-US': 'Golf Example' } },
    { id: 'tetris', description: { 'en-US': 'Tetris Example' } },
  ];

  it('accepts each interaction type with its own component lists', () => {
    const cases: Array<Record<string, unknown>> = [
      { interactionType: 'true-false', correctResponsesPattern: ['true'] },
      { interactionType: 'choice', correctResponsesPattern: ['golf[,]tetris'], choices },
      { interactionType: 'sequencing', choices },
      { interactionType: 'likert', scale: [{ id: 'likert_0', description: { 'en-US': "It's OK" } }] },
      { interactionType: 'matching', source: [{ id: 'ben' }], target: [{ id: '1' }] },
      { interactionType: 'performance', steps: [{ id: 'pong' }] },
      { interactionType: 'fill-in', correctResponsesPattern: ["Bob's your uncle"] },
      { interactionType: 'long-fill-in', correctResponsesPattern: ['{case_matters=false}{lang=en}To store'] },
      { interactionType: 'numeric', correctResponsesPattern: ['4[:]'] },
      { interactionType: 'other', correctResponsesPattern: ['(35.937432,-86.868896)'] },
    ];
    for (const definition of cases) {
      const full = { type: 'http://adlnet.gov/expapi/activities/cmi.interaction', ...definition };
      expect(problems(withDefinition(full)), String(definition.interactionType)).toEqual([]);
    }
  });

  it('rejects an interactionType that is not one of the ten, case-sensitively', () => {
    expect(problems(withDefinition({ interactionType: 'Choice' }))).toEqual([
      ['xapi.invalid_interaction_type', 'object.definition.interactionType'],
    ]);
  });

  it('rejects a component list the interaction type does not support', () => {
    expect(problems(withDefinition({ interactionType: 'likert', choices }))).toEqual([
      ['xapi.interaction_component_not_allowed', 'object.definition.choices'],
    ]);
  });

  it('rejects interaction properties without an interactionType', () => {
    expect(problems(withDefinition({ correctResponsesPattern: ['golf'], choices }))).toEqual([
      ['xapi.missing_property', 'object.definition.interactionType'],
    ]);
  });

  it('rejects duplicate interaction component ids', () => {
    expect(
      problems(withDefinition({ interactionType: 'choice', choices: [...choices, { id: 'golf' }] })),
    ).toEqual([['xapi.duplicate_component_id', 'object.definition.choices.2.id']]);
  });

  it('rejects an interaction component without an id', () => {
    expect(
      problems(withDefinition({ interactionType: 'choice', choices: [{ description: { en: 'x' } }] })),
    ).toEqual([['xapi.missing_property', 'object.definition.choices.0.id']]);
  });

  it('rejects a correctResponsesPattern that is not an array of strings', () => {
    expect(problems(withDefinition({ interactionType: 'numeric', correctResponsesPattern: [4] }))).toEqual([
      ['xapi.wrong_type', 'object.definition.correctResponsesPattern.0'],
    ]);
  });
});

describe('Statement References and SubStatements', () => {
  it('rejects a StatementRef id that is not a UUID', () => {
    expect(problems(withObject({ ...REF, id: 'e05aa883-acaf-40ad-bf54-02c8ce485fb' }))).toEqual([
      ['xapi.invalid_uuid', 'object.id'],
    ]);
  });

  it('rejects a StatementRef without an id', () => {
    expect(problems(withObject({ objectType: 'StatementRef' }))).toEqual([
      ['xapi.missing_property', 'object.id'],
    ]);
  });

  it('rejects a voiding statement whose object is not a StatementRef', () => {
    const voided = { id: 'http://adlnet.gov/expapi/verbs/voided', display: { 'en-US': 'voided' } };
    expect(problems(withObject(REF, voided))).toEqual([]);
    expect(problems(withObject({ id: 'http://example.com/q/1' }, voided))).toEqual([
      ['xapi.voiding_requires_statement_ref', 'object'],
    ]);
  });

  const sub = {
    objectType: 'SubStatement',
    actor: ACTOR,
    verb: VERB,
    object: { id: 'http://example.com/q/1' },
  };

  it('validates a SubStatement as a statement', () => {
    expect(problems(withObject(sub))).toEqual([]);
    expect(problems(withObject({ ...sub, actor: { name: 'x' }, timestamp: 'yesterday' }))).toEqual([
      ['xapi.invalid_ifi', 'object.actor'],
      ['xapi.invalid_timestamp', 'object.timestamp'],
    ]);
  });

  it('rejects id, stored, version and authority inside a SubStatement', () => {
    const extra = { id: REF.id, stored: '2015-11-18T12:17:00Z', version: '1.0.0', authority: ACTOR };
    expect(problems(withObject({ ...sub, ...extra }))).toEqual([
      ['xapi.substatement_forbidden_property', 'object.id'],
      ['xapi.substatement_forbidden_property', 'object.stored'],
      ['xapi.substatement_forbidden_property', 'object.version'],
      ['xapi.substatement_forbidden_property', 'object.authority'],
    ]);
  });

  it('rejects a SubStatement nested in a SubStatement', () => {
    expect(problems(withObject({ ...sub, object: sub }))).toEqual([
      ['xapi.nested_substatement', 'object.object'],
    ]);
  });

  it('rejects a SubStatement without actor, verb or object', () => {
    expect(problems(withObject({ objectType: 'SubStatement' }))).toEqual([
      ['xapi.missing_property', 'object.actor'],
      ['xapi.missing_property', 'object.verb'],
      ['xapi.missing_property', 'object.object'],
    ]);
  });
});
