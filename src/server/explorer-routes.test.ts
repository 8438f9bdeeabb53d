import { describe, expect, it } from 'vitest';
import { agentKeys } from './explorer-routes.js';

describe('agentKeys', () => {
  it('reads an e-mail address with or without mailto:, lowercasing the domain', () => {
    expect(agentKeys('Ada@Example.COM', [])).toEqual(['mbox:mailto:Ada@example.com']);
    expect(agentKeys('mailto:ada@example.com', [])).toEqual(['mbox:mailto:ada@example.com']);
  });

  it('looks an account name up under each home page the stream uses', () => {
    expect(agentKeys('urn:uuid:1', ['https://a.example/', 'https://b.example'])).toEqual([
      'account:["https://a.example/","urn:uuid:1"]',
      'account:["https://b.example","urn:uuid:1"]',
    ]);
  });

  it('takes an Agent in JSON, and refuses one without an identifier', () => {
    expect(agentKeys('{"mbox":"mailto:x@y.z"}', [])).toEqual(['mbox:mailto:x@y.z']);
    expect(() => agentKeys('{"name":"x"}', [])).toThrow(/needs mbox/);
    expect(() => agentKeys('{oops', [])).toThrow(/not JSON/);
    expect(() => agentKeys('urn:uuid:1', [])).toThrow(/home page/);
  });
});
