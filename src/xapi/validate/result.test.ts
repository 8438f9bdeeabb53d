import { describe, expect, it } from 'vitest';
import { validateStatement } from './statement.js';

const BASE = {
  actor: { mbox: 'mailto:ann@example.com' },
  verb: { id: 'http://adlnet.gov/expapi/verbs/scored' },
  object: { id: 'http://example.com/quizzes/1' },
};

function problems(result: unknown): string[][] {
  return validateStatement({ ...BASE, result }, { version: '1.0.3' }).map(({ code, path }) => [code, path]);
}

describe('result', () => {
  it('accepts a full result', () => {
    const result = {
      score: { scaled: -1, raw: 10, min: 10, max: 20 },
      success: false,
      completion: true,
      response: 'golf[,]tetris',
      duration: 'P3Y1M29DT4H35M59.14S',
      extensions: { 'https://w3id.org/xapi/video/extensions/time': 12.5 },
    };
    expect(problems(result)).toEqual([]);
  });

  it('rejects a scaled score outside -1..1', () => {
    expect(problems({ score: { scaled: 1.01 } })).toEqual([
      ['xapi.score_out_of_range', 'result.score.scaled'],
    ]);
    expect(problems({ score: { scaled: -1.5 } })).toEqual([
      ['xapi.score_out_of_range', 'result.score.scaled'],
    ]);
  });

  it('rejects a raw score outside min..max', () => {
    expect(problems({ score: { raw: 21, min: 0, max: 20 } })).toEqual([
      ['xapi.score_out_of_range', 'result.score.raw'],
    ]);
    expect(problems({ score: { raw: -1, min: 0 } })).toEqual([
      ['xapi.score_out_of_range', 'result.score.raw'],
    ]);
  });

  it('rejects a min that is not less than max', () => {
    expect(problems({ score: { min: 5, max: 5 } })).toEqual([
      ['xapi.score_out_of_range', 'result.score.min'],
    ]);
  });

  it('rejects score values that are not numbers', () => {
    expect(problems({ score: { scaled: '0.5', raw: Number.NaN } })).toEqual([
      ['xapi.wrong_type', 'result.score.scaled'],
      ['xapi.wrong_type', 'result.score.raw'],
    ]);
  });

  it('rejects success and completion that are not booleans', () => {
    expect(problems({ success: 'true', completion: 1 })).toEqual([
      ['xapi.wrong_type', 'result.success'],
      ['xapi.wrong_type', 'result.completion'],
    ]);
  });

  it('rejects a response that is not a string', () => {
    expect(problems({ response: ['a'] })).toEqual([['xapi.wrong_type', 'result.response']]);
  });

  it('rejects a duration that is not an ISO 8601 duration', () => {
    for (const duration of ['PA1H0M0S', 'should fail', 'PT', 'P4W1D', '1:00:00']) {
      expect(problems({ duration }), duration).toEqual([['xapi.invalid_duration', 'result.duration']]);
    }
  });

  it('rejects result extension keys that are not IRIs', () => {
    expect(problems({ extensions: { time: 1 } })).toEqual([['xapi.invalid_iri', 'result.extensions.time']]);
  });

  it('rejects unknown result and score properties', () => {
    expect(problems({ Success: true, score: { percent: 50 } })).toEqual([
      ['xapi.unknown_property', 'result.Success'],
      ['xapi.unknown_property', 'result.score.percent'],
    ]);
  });
});
