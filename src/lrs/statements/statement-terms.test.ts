import { describe, expect, it } from 'vitest';
import type { Statement } from '../../xapi/statement.js';
import { statementTerms } from './statement-terms.js';

describe('statementTerms', () => {
  it('indexes actor and object directly, other roles and sub-statements as related only, authority apart', () => {
    const statement: Statement = {
      actor: { mbox: 'mailto:A@Example.com' },
      verb: { id: 'http://v.example/did' },
      object: {
        objectType: 'SubStatement',
        actor: { mbox: 'mailto:sub@example.com' },
        verb: { id: 'http://v.example/inner' },
        object: { id: 'http://a.example/inner' },
      },
      context: {
        registration: 'AAAAAAAA-BBBB-4CCC-8DDD-EEEEEEEEEEEE',
        instructor: { mbox: 'mailto:a@example.com' },
        contextActivities: { grouping: [{ id: 'http://a.example/course' }] },
      },
      authority: { account: { homePage: 'http://lrs.example', name: 'k' } },
    };
    expect(statementTerms(statement).sort()).toEqual(
      [
        'v|http://v.example/did',
        'a|mbox:mailto:A@example.com',
        'A|mbox:mailto:sub@example.com',
        'A|mbox:mailto:a@example.com',
        'O|http://a.example/inner',
        'O|http://a.example/course',
        'r|aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee',
        'A|account:["http://lrs.example","k"]',
        'u|account:["http://lrs.example","k"]',
      ].sort(),
    );
  });

  it('indexes an activity object directly and a context activity equal to it only once', () => {
    const terms = statementTerms({
      actor: { openid: 'http://id.example/me' },
      verb: { id: 'http://v.example/did' },
      object: { id: 'http://a.example/x' },
      context: { contextActivities: { parent: [{ id: 'http://a.example/x' }] } },
    });
    expect(terms.filter((t) => t.endsWith('a.example/x'))).toEqual(['o|http://a.example/x']);
  });
});
