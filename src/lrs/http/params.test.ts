import { describe, expect, it } from 'vitest';
import { parseAgent, parseLimit, parseTimestamp, readParams } from './params.js';
import { negotiateVersion, statementVersionAllowed } from './version.js';

describe('request parameters', () => {
  it('rejects unknown, case-variant and repeated parameters, and reports missing required ones', () => {
    expect(readParams({ verb: 'x' }, ['verb', 'agent'])).toEqual({ verb: 'x' });
    expect(() => readParams({ Verb: 'x' }, ['verb'])).toThrow(/must be spelled "verb"/);
    expect(() => readParams({ colour: 'x' }, ['verb'])).toThrow(/unknown parameter/);
    expect(() => readParams({ verb: ['a', 'b'] }, ['verb'])).toThrow(/more than once/);
    expect(() => readParams({}, ['agent'], ['agent'])).toThrow(/missing required parameter agent/);
  });

  it('reads agents with exactly one IFI, groups only where allowed', () => {
    expect(parseAgent('{"mbox":"mailto:a@example.com"}', 'agent')).toEqual({ mbox: 'mailto:a@example.com' });
    expect(() => parseAgent('{"mbox":"mailto:a@example.com","openid":"http://o.example"}', 'agent')).toThrow(
      /exactly one/,
    );
    const group = '{"objectType":"Group","account":{"homePage":"http://h.example","name":"g"}}';
    expect(() => parseAgent(group, 'agent')).toThrow(/objectType/);
    expect(parseAgent(group, 'agent', { allowGroup: true })).toMatchObject({ objectType: 'Group' });
  });

  it('reads timestamps with a zone and limits within the page maximum', () => {
    expect(parseTimestamp('2024-01-01T01:00:00+01:00', 'since')).toBe(Date.parse('2024-01-01T00:00:00Z'));
    expect(() => parseTimestamp('01/02/2024', 'since')).toThrow(/ISO 8601/);
    expect(parseLimit('0', 100)).toBe(100);
    expect(parseLimit('1000', 100)).toBe(100);
    expect(parseLimit('7', 100)).toBe(7);
  });
});

describe('version negotiation', () => {
  it('maps 1.0.x to 1.0.3 and 2.0.x to 2.0.0, and rejects anything else', () => {
    expect(negotiateVersion('1.0', ['1.0.3', '2.0.0'])).toBe('1.0.3');
    expect(negotiateVersion(' 2.0.7 ', ['1.0.3', '2.0.0'])).toBe('2.0.0');
    expect(() => negotiateVersion('2.0.0', ['1.0.3'])).toThrow(/unsupported/);
    expect(() => negotiateVersion(undefined, ['1.0.3'])).toThrow(/missing/);
  });

  it('accepts statement versions 1.0.x in 1.0.3 requests and 2.0.x in 2.0 requests', () => {
    expect(statementVersionAllowed('1.0.0', '1.0.3')).toBe(true);
    expect(statementVersionAllowed('2.0.0', '1.0.3')).toBe(false);
    expect(statementVersionAllowed('2.0.1', '2.0.0')).toBe(true);
    expect(statementVersionAllowed('1.0.3', '2.0.0')).toBe(false);
  });
});
