import { createHash, randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTIVITY_ID, AGENT, createTestLrs, type TestLrs } from './lrs-test-kit.js';

const agent = encodeURIComponent(JSON.stringify(AGENT));
const activity = encodeURIComponent(ACTIVITY_ID);
const STATE = `/xapi/activities/state?activityId=${activity}&agent=${agent}`;
const ACTIVITY_PROFILE = `/xapi/activities/profile?activityId=${activity}`;
const AGENT_PROFILE = `/xapi/agents/profile?agent=${agent}`;

describe('Document resources: state, activity profile, agent profile (Communication 2.2–2.7, 3.1)', () => {
  let lrs: TestLrs;
  beforeEach(async () => {
    lrs = await createTestLrs();
  });
  afterEach(async () => {
    await lrs.close();
  });

  const put = (
    url: string,
    payload: string,
    contentType = 'application/json',
    headers: Record<string, string> = {},
  ) => lrs.request({ method: 'PUT', url, payload, contentType, headers });
  const post = (
    url: string,
    payload: string,
    contentType = 'application/json',
    headers: Record<string, string> = {},
  ) => lrs.request({ method: 'POST', url, payload, contentType, headers });
  const get = (url: string) => lrs.request({ method: 'GET', url });

  it('stores, returns and deletes a state document with its content type and bytes', async () => {
    expect((await put(`${STATE}&stateId=bookmark`, 'page 7', 'text/plain')).statusCode).toBe(204);
    const got = await get(`${STATE}&stateId=bookmark`);
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('text/plain');
    expect(got.body).toBe('page 7');
    expect((await lrs.request({ method: 'DELETE', url: `${STATE}&stateId=bookmark` })).statusCode).toBe(204);
    expect((await get(`${STATE}&stateId=bookmark`)).statusCode).toBe(404);
  });

  it('returns a quoted lowercase SHA-1 ETag and a Last-Modified header with a document', async () => {
    await put(`${STATE}&stateId=s`, '{"a":1}');
    const got = await get(`${STATE}&stateId=s`);
    expect(got.headers.etag).toBe(`"${createHash('sha1').update('{"a":1}').digest('hex')}"`);
    expect(Date.now() - Date.parse(got.headers['last-modified'] as string)).toBeLessThan(60_000);
  });

  it('lists the ids of a context, only those updated after since when since is given', async () => {
    await put(`${STATE}&stateId=first`, '1');
    const since = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await put(`${STATE}&stateId=second`, '2');
    const all = await get(STATE);
    expect(all.json()).toEqual(['first', 'second']);
    expect(all.headers['last-modified']).toBe(
      (await get(`${STATE}&stateId=second`)).headers['last-modified'],
    );
    expect((await get(`${STATE}&since=${encodeURIComponent(since)}`)).json()).toEqual(['second']);
  });

  it('answers HEAD on a document with its headers and no body', async () => {
    await put(`${STATE}&stateId=h`, '{"a":1}');
    const head = await lrs.request({ method: 'HEAD', url: `${STATE}&stateId=h` });
    expect(head.statusCode).toBe(200);
    expect(head.body).toBe('');
    expect(head.headers.etag).toBe((await get(`${STATE}&stateId=h`)).headers.etag);
  });

  it('keeps state documents of different registrations apart', async () => {
    const registration = randomUUID();
    await put(`${STATE}&stateId=s`, 'none');
    await put(`${STATE}&stateId=s&registration=${registration}`, 'registered');
    expect((await get(`${STATE}&stateId=s`)).body).toBe('none');
    expect((await get(`${STATE}&stateId=s&registration=${registration}`)).body).toBe('registered');
  });

  it('deletes every state document of a context when stateId is missing', async () => {
    await put(`${STATE}&stateId=a`, '1');
    await put(`${STATE}&stateId=b`, '2');
    expect((await lrs.request({ method: 'DELETE', url: STATE })).statusCode).toBe(204);
    expect((await get(STATE)).json()).toEqual([]);
  });

  it('requires activityId and agent for the state resource with 400', async () => {
    expect((await get(`/xapi/activities/state?agent=${agent}`)).statusCode).toBe(400);
    expect((await get(`/xapi/activities/state?activityId=${activity}`)).statusCode).toBe(400);
    expect((await put(`${STATE}`, 'x', 'text/plain')).statusCode).toBe(400);
  });

  it('rejects an agent parameter that is a Group or not a valid Agent with 400', async () => {
    const group = encodeURIComponent(JSON.stringify({ objectType: 'Group', mbox: 'mailto:g@example.com' }));
    expect((await get(`/xapi/agents/profile?agent=${group}`)).statusCode).toBe(400);
    expect((await get('/xapi/agents/profile?agent=%7B%7D')).statusCode).toBe(400);
  });

  it('returns 404 for a document that does not exist', async () => {
    expect((await get(`${STATE}&stateId=none`)).statusCode).toBe(404);
    expect((await get(`${ACTIVITY_PROFILE}&profileId=none`)).statusCode).toBe(404);
  });

  it('merges the top-level properties of JSON documents on POST', async () => {
    await post(`${STATE}&stateId=vars`, '{"x":"foo","y":"bar"}');
    expect((await post(`${STATE}&stateId=vars`, '{"x":"bash","z":"faz"}')).statusCode).toBe(204);
    expect((await get(`${STATE}&stateId=vars`)).json()).toEqual({ x: 'bash', y: 'bar', z: 'faz' });
  });

  it('rejects a POST merge when either document is not a JSON object with 400, changing nothing', async () => {
    await put(`${STATE}&stateId=text`, 'plain', 'text/plain');
    expect((await post(`${STATE}&stateId=text`, '{"a":1}')).statusCode).toBe(400);
    await put(`${STATE}&stateId=json`, '{"a":1}');
    expect((await post(`${STATE}&stateId=json`, '[1,2]')).statusCode).toBe(400);
    expect((await post(`${STATE}&stateId=json`, 'b=2', 'text/plain')).statusCode).toBe(400);
    expect((await get(`${STATE}&stateId=json`)).json()).toEqual({ a: 1 });
  });

  it('returns 412 when If-Match does not match the current ETag, changing nothing', async () => {
    await put(`${ACTIVITY_PROFILE}&profileId=p`, '{"v":1}', 'application/json', { 'if-none-match': '*' });
    const etag = (await get(`${ACTIVITY_PROFILE}&profileId=p`)).headers.etag as string;
    expect(
      (await put(`${ACTIVITY_PROFILE}&profileId=p`, '{"v":2}', 'application/json', { 'if-match': '"0000"' }))
        .statusCode,
    ).toBe(412);
    expect(
      (await put(`${ACTIVITY_PROFILE}&profileId=p`, '{"v":3}', 'application/json', { 'if-match': etag }))
        .statusCode,
    ).toBe(204);
    expect((await get(`${ACTIVITY_PROFILE}&profileId=p`)).json()).toEqual({ v: 3 });
    expect(
      (await put(`${ACTIVITY_PROFILE}&profileId=new`, '{}', 'application/json', { 'if-match': etag }))
        .statusCode,
    ).toBe(412);
  });

  it('returns 412 when If-None-Match is * and the document exists', async () => {
    await put(`${AGENT_PROFILE}&profileId=p`, '{"v":1}', 'application/json', { 'if-none-match': '*' });
    const again = await put(`${AGENT_PROFILE}&profileId=p`, '{"v":2}', 'application/json', {
      'if-none-match': '*',
    });
    expect(again.statusCode).toBe(412);
    expect((await get(`${AGENT_PROFILE}&profileId=p`)).json()).toEqual({ v: 1 });
  });

  it('returns 409 when a profile is PUT over an existing document without If-Match or If-None-Match', async () => {
    for (const url of [`${ACTIVITY_PROFILE}&profileId=p`, `${AGENT_PROFILE}&profileId=p`]) {
      expect((await put(url, '{"v":1}')).statusCode).toBe(204);
      const conflict = await put(url, '{"v":2}');
      expect(conflict.statusCode).toBe(409);
      expect(conflict.json().error.message).toMatch(/If-Match/);
      expect((await get(url)).json()).toEqual({ v: 1 });
    }
  });

  it('allows a state PUT over an existing document without concurrency headers', async () => {
    await put(`${STATE}&stateId=s`, '1', 'text/plain');
    expect((await put(`${STATE}&stateId=s`, '2', 'text/plain')).statusCode).toBe(204);
    expect((await get(`${STATE}&stateId=s`)).body).toBe('2');
  });

  it('applies If-Match to DELETE, returning 412 on a mismatch', async () => {
    await put(`${ACTIVITY_PROFILE}&profileId=d`, '{}', 'application/json', { 'if-none-match': '*' });
    const url = `${ACTIVITY_PROFILE}&profileId=d`;
    expect((await lrs.request({ method: 'DELETE', url, headers: { 'if-match': '"bad"' } })).statusCode).toBe(
      412,
    );
    expect((await lrs.request({ method: 'DELETE', url })).statusCode).toBe(204);
    expect((await get(url)).statusCode).toBe(404);
  });

  it('lists activity profile and agent profile ids', async () => {
    await put(`${ACTIVITY_PROFILE}&profileId=a1`, '{}', 'application/json', { 'if-none-match': '*' });
    await put(`${AGENT_PROFILE}&profileId=g1`, '{}', 'application/json', { 'if-none-match': '*' });
    expect((await get(ACTIVITY_PROFILE)).json()).toEqual(['a1']);
    expect((await get(AGENT_PROFILE)).json()).toEqual(['g1']);
  });

  it('requires profileId to delete a profile with 400', async () => {
    expect((await lrs.request({ method: 'DELETE', url: ACTIVITY_PROFILE })).statusCode).toBe(400);
  });
});
