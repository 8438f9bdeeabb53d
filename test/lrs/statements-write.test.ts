import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Statement } from '../../src/xapi/statement.js';
import { ACTIVITY_ID, AGENT, createTestLrs, statement, type TestLrs } from './lrs-test-kit.js';

describe('Statement resource: PUT and POST (Communication 2.1.1, 2.1.2; Data 2.3, 2.4)', () => {
  let lrs: TestLrs;
  beforeEach(async () => {
    lrs = await createTestLrs();
  });
  afterEach(async () => {
    await lrs.close();
  });

  const get = async (id: string, version = '1.0.3') => {
    const response = await lrs.request({ method: 'GET', url: `/xapi/statements?statementId=${id}`, version });
    return {
      status: response.statusCode,
      statement: response.statusCode === 200 ? (response.json() as Statement) : undefined,
    };
  };
  const put = (body: unknown, id: string, version = '1.0.3') =>
    lrs.request({ method: 'PUT', url: `/xapi/statements?statementId=${id}`, body, version });
  const post = (body: unknown, version = '1.0.3') =>
    lrs.request({ method: 'POST', url: '/xapi/statements', body, version });

  it('stores a statement with PUT and returns 204', async () => {
    const s = statement();
    const response = await put(s, s.id!);
    expect(response.statusCode).toBe(204);
    expect(response.body).toBe('');
    expect((await get(s.id!)).statement?.verb.id).toBe(s.verb.id);
  });

  it('rejects PUT without a statementId parameter with 400', async () => {
    const response = await lrs.request({ method: 'PUT', url: '/xapi/statements', body: statement() });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toMatch(/statementId/);
  });

  it('rejects PUT whose statement id differs from the statementId parameter with 400', async () => {
    expect((await put(statement(), randomUUID())).statusCode).toBe(400);
  });

  it('stores a PUT statement without an id under the statementId parameter', async () => {
    const { id: _id, ...noId } = statement();
    const id = randomUUID();
    expect((await put(noId, id)).statusCode).toBe(204);
    expect((await get(id)).statement?.id).toBe(id);
  });

  it('stores one statement or a batch with POST and returns 200 with their ids in order', async () => {
    const single = statement();
    const one = await post(single);
    expect(one.statusCode).toBe(200);
    expect(one.json()).toEqual([single.id]);
    const batch = [statement(), statement(), statement()];
    expect((await post(batch)).json()).toEqual(batch.map((s) => s.id));
  });

  it('generates a UUID for a statement sent without an id', async () => {
    const { id: _id, ...noId } = statement();
    const [id] = (await post(noId)).json() as string[];
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect((await get(id!)).status).toBe(200);
  });

  it('returns 204 and changes nothing when a statement id is reused with equivalent content', async () => {
    const s = statement({ timestamp: '2024-05-01T10:00:00.000Z' });
    await put(s, s.id!);
    const before = (await get(s.id!)).statement;
    const same = {
      ...s,
      timestamp: '2024-05-01T12:00:00+02:00',
      version: '1.0.3',
      verb: { id: s.verb.id, display: { de: 'erlebt' } },
      object: { objectType: 'Activity', id: ACTIVITY_ID },
      actor: { ...AGENT, mbox: 'mailto:ada@EXAMPLE.com' },
    };
    expect((await put(same, s.id!)).statusCode).toBe(204);
    expect((await post([same])).statusCode).toBe(200);
    expect((await get(s.id!)).statement).toEqual(before);
  });

  it('returns 409 when a statement id is reused with different content', async () => {
    const s = statement();
    await put(s, s.id!);
    const different = { ...s, verb: { id: 'http://adlnet.gov/expapi/verbs/failed' } };
    const viaPut = await put(different, s.id!);
    const viaPost = await post([statement(), different]);
    expect(viaPut.statusCode).toBe(409);
    expect(viaPost.statusCode).toBe(409);
    expect(viaPut.json().error.code).toBe('lrs.statement_conflict');
    expect((await get(s.id!)).statement?.verb.id).toBe(s.verb.id);
  });

  it('rejects with 400 a batch that holds the same statement id twice', async () => {
    const s = statement();
    const response = await post([s, { ...s }]);
    expect(response.statusCode).toBe(400);
    expect((await get(s.id!)).status).toBe(404);
  });

  it('rejects the whole batch when one statement is invalid', async () => {
    const good = statement();
    const response = await post([good, { ...statement(), verb: { id: 'not an iri' } }]);
    expect(response.statusCode).toBe(400);
    expect((await get(good.id!)).status).toBe(404);
  });

  it('rejects an invalid statement with 400 and names each problem with its path', async () => {
    const response = await post([statement(), { ...statement(), actor: { mbox: 'ada@example.com' } }]);
    expect(response.statusCode).toBe(400);
    const { error } = response.json();
    expect(error.code).toBe('lrs.invalid_statement');
    expect(error.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: expect.stringMatching(/^1\.actor/) })]),
    );
  });

  it('rejects a body that is not JSON with 400', async () => {
    const response = await lrs.request({
      method: 'POST',
      url: '/xapi/statements',
      payload: '{"actor":',
      contentType: 'application/json',
    });
    expect(response.statusCode).toBe(400);
  });

  it('rejects statements sent with a content type other than JSON or multipart/mixed with 400', async () => {
    const response = await lrs.request({
      method: 'POST',
      url: '/xapi/statements',
      payload: JSON.stringify(statement()),
      contentType: 'text/plain',
    });
    expect(response.statusCode).toBe(400);
  });

  it('sets stored on every statement, overwriting a stored value sent by the client', async () => {
    const s = statement({ stored: '2001-01-01T00:00:00.000Z' });
    const before = Date.now();
    await post(s);
    const stored = Date.parse((await get(s.id!)).statement!.stored!);
    expect(stored).toBeGreaterThanOrEqual(before - 1);
    expect(stored).toBeLessThanOrEqual(Date.now());
  });

  it('sets timestamp to stored when the statement has none', async () => {
    const s = statement();
    await post(s);
    const saved = (await get(s.id!)).statement!;
    expect(saved.timestamp).toBe(saved.stored);
  });

  it("sets authority to the credential's agent, overwriting the authority sent", async () => {
    const s = statement({ authority: { objectType: 'Agent', mbox: 'mailto:impostor@example.com' } });
    await post(s);
    expect((await get(s.id!)).statement!.authority).toEqual({
      objectType: 'Agent',
      name: 'key-0',
      account: { homePage: 'https://edstream.invalid/lrs/credentials', name: 'key-0' },
    });
  });

  it('stores version 1.0.0 when a 1.0.3 statement has none, and keeps a given 1.0.x', async () => {
    const bare = statement();
    const versioned = statement({ version: '1.0.3' });
    await post([bare, versioned]);
    expect((await get(bare.id!)).statement!.version).toBe('1.0.0');
    expect((await get(versioned.id!)).statement!.version).toBe('1.0.3');
  });

  it('rejects a statement version outside 1.0.x in a 1.0.3 request with 400', async () => {
    expect((await post(statement({ version: '2.0.0' }))).statusCode).toBe(400);
    expect((await post(statement({ version: '1.1.0' }))).statusCode).toBe(400);
  });

  it('returns context activities sent as single objects as arrays', async () => {
    const s = statement({
      context: {
        contextActivities: { parent: { id: ACTIVITY_ID } as never, grouping: [{ id: `${ACTIVITY_ID}/g` }] },
      },
    });
    await post(s);
    expect((await get(s.id!)).statement!.context!.contextActivities).toEqual({
      parent: [{ id: ACTIVITY_ID }],
      grouping: [{ id: `${ACTIVITY_ID}/g` }],
    });
  });

  it('accepts contextAgents and contextGroups in 2.0 requests and rejects them in 1.0.3 requests', async () => {
    const s = statement({
      context: {
        contextAgents: [{ objectType: 'contextAgent', agent: { mbox: 'mailto:ta@example.com' } }],
        contextGroups: [
          { objectType: 'contextGroup', group: { objectType: 'Group', mbox: 'mailto:team@example.com' } },
        ],
      },
    });
    expect((await post(s, '1.0.3')).statusCode).toBe(400);
    expect((await post(s, '2.0.0')).statusCode).toBe(200);
    expect((await get(s.id!, '2.0.0')).statement!.version).toBe('2.0.0');
  });

  it('converts a non-UTC timestamp to UTC in a 2.0 request', async () => {
    const s = statement({ timestamp: '2024-05-01T12:00:00.000+02:00' });
    await post(s, '2.0.0');
    expect((await get(s.id!, '2.0.0')).statement!.timestamp).toBe('2024-05-01T10:00:00.000Z');
  });

  it('keeps numbers and unicode exactly as sent', async () => {
    const s = statement({
      result: { score: { raw: 0.1234567, scaled: 0.5, min: 0, max: 1 }, response: 'réponse ✓ 🙂' },
    });
    await post(s);
    expect((await get(s.id!)).statement!.result).toEqual(s.result);
  });
});
