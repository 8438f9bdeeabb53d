import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestLrs, statement, type TestLrs } from './lrs-test-kit.js';

describe('Alternate request syntax (Communication 1.3, xAPI 1.0.3 only)', () => {
  let lrs: TestLrs;
  beforeEach(async () => {
    lrs = await createTestLrs();
  });
  afterEach(async () => {
    await lrs.close();
  });

  const form = (method: string, fields: Record<string, string>, query = '') =>
    lrs.app.inject({
      method: 'POST',
      url: `/xapi/statements?method=${method}${query}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(fields).toString(),
    });

  it('treats a form POST with a method parameter as that request, with headers and parameters from the form', async () => {
    const authorization = await lrs.auth();
    const s = statement();
    const put = await form('PUT', {
      statementId: s.id!,
      content: JSON.stringify(s),
      Authorization: authorization,
      'X-Experience-API-Version': '1.0.3',
      'Content-Type': 'application/json',
    });
    expect(put.statusCode).toBe(204);
    const get = await form('GET', {
      statementId: s.id!,
      Authorization: authorization,
      'X-Experience-API-Version': '1.0.3',
    });
    expect(get.statusCode).toBe(200);
    expect(get.json().id).toBe(s.id);
    expect(get.headers['x-experience-api-version']).toBe('1.0.3');
  });

  it('rejects the alternate syntax with query parameters other than method, or in a 2.0 request, with 400', async () => {
    const authorization = await lrs.auth();
    const fields = { Authorization: authorization, 'X-Experience-API-Version': '1.0.3' };
    expect((await form('GET', fields, '&limit=1')).statusCode).toBe(400);
    expect((await form('GET', { ...fields, 'X-Experience-API-Version': '2.0.0' })).statusCode).toBe(400);
    expect((await form('FETCH', fields)).statusCode).toBe(400);
  });

  it('still authenticates the request it stands for', async () => {
    expect((await form('GET', { 'X-Experience-API-Version': '1.0.3' })).statusCode).toBe(401);
  });
});
