import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ACTIVITY_ID, AGENT, createTestLrs, statement, type TestLrs } from './lrs-test-kit.js';

describe('Versioning, headers, errors (Communication 1.2, 2.8, 3.2, 3.3)', () => {
  let lrs: TestLrs;
  beforeEach(async () => {
    lrs = await createTestLrs();
  });
  afterEach(async () => {
    await lrs.close();
  });

  it('sets X-Experience-API-Version to the latest patch of the negotiated version on every response', async () => {
    const cases: [string, string, number][] = [
      ['/xapi/statements', '1.0.3', 200],
      ['/xapi/statements', '2.0.0', 200],
      ['/xapi/statements?bogus=1', '1.0.3', 400],
      ['/xapi/nowhere', '2.0.0', 404],
      ['/xapi/statements', '0.95', 400],
    ];
    for (const [url, version, status] of cases) {
      const response = await lrs.request({ method: 'GET', url, version });
      expect(response.statusCode, url).toBe(status);
      expect(response.headers['x-experience-api-version'], url).toBe(version === '0.95' ? '2.0.0' : version);
    }
  });

  it('accepts 1.0 and any 1.0.x as 1.0.3, and 2.0 and any 2.0.x as 2.0.0', async () => {
    for (const [sent, answered] of [
      ['1.0', '1.0.3'],
      ['1.0.0', '1.0.3'],
      ['1.0.9', '1.0.3'],
      ['2.0', '2.0.0'],
      ['2.0.1', '2.0.0'],
    ]) {
      const response = await lrs.request({ method: 'GET', url: '/xapi/statements', version: sent! });
      expect(response.statusCode, sent).toBe(200);
      expect(response.headers['x-experience-api-version']).toBe(answered);
    }
  });

  it('rejects a missing, older or newer version header with 400 saying why', async () => {
    for (const version of [null, '0.9', '0.95', '1.1.0', '3.0.0', 'latest']) {
      const response = await lrs.request({ method: 'GET', url: '/xapi/statements', version });
      expect(response.statusCode, String(version)).toBe(400);
      expect(response.json().error.code).toBe('lrs.unsupported_version');
    }
  });

  it('serves only the configured versions', async () => {
    const only1 = await createTestLrs({ versions: ['1.0.3'] });
    try {
      expect(
        (await only1.request({ method: 'GET', url: '/xapi/statements', version: '2.0.0' })).statusCode,
      ).toBe(400);
      expect(
        (
          await only1.request({ method: 'GET', url: '/xapi/about', version: null, authorization: null })
        ).json(),
      ).toEqual({
        version: ['1.0.3'],
      });
    } finally {
      await only1.close();
    }
  });

  it('returns the supported versions from about without credentials or a version header', async () => {
    const response = await lrs.request({
      method: 'GET',
      url: '/xapi/about',
      version: null,
      authorization: null,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ version: ['1.0.3', '2.0.0'] });
    expect(response.headers['x-experience-api-version']).toBe('2.0.0');
  });

  it('sets a Date header on responses', async () => {
    const response = await lrs.request({ method: 'GET', url: '/xapi/statements' });
    expect(Math.abs(Date.now() - Date.parse(response.headers.date as string))).toBeLessThan(60_000);
  });

  it('answers errors with a JSON body giving code, message and details', async () => {
    const response = await lrs.request({ method: 'POST', url: '/xapi/statements', body: { actor: AGENT } });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    const { error } = response.json();
    expect(error).toEqual({
      code: 'lrs.invalid_statement',
      message: expect.any(String),
      details: expect.any(Array),
    });
    expect(error.details.map((i: { path: string }) => i.path)).toEqual(
      expect.arrayContaining(['verb', 'object']),
    );
  });

  it('returns 404 with a JSON error for a resource that does not exist', async () => {
    const response = await lrs.request({ method: 'GET', url: '/xapi/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('lrs.not_found');
  });

  it('returns 413 above the configured body limit', async () => {
    const small = await createTestLrs({ bodyLimit: 2048 });
    try {
      const response = await small.request({
        method: 'POST',
        url: '/xapi/statements',
        body: Array.from({ length: 20 }, () => statement()),
      });
      expect(response.statusCode).toBe(413);
      expect(response.json().error.code).toBe('lrs.payload_too_large');
      expect(response.headers['x-experience-api-version']).toBe('1.0.3');
    } finally {
      await small.close();
    }
  });

  it('serves the resources under a configurable base path', async () => {
    const custom = await createTestLrs({ basePath: '/lrs/v1/' });
    try {
      expect((await custom.request({ method: 'GET', url: '/lrs/v1/statements' })).statusCode).toBe(200);
      expect((await custom.request({ method: 'GET', url: '/xapi/statements' })).statusCode).toBe(404);
      await custom.request({ method: 'POST', url: '/lrs/v1/statements', body: [statement(), statement()] });
      const page = (await custom.request({ method: 'GET', url: '/lrs/v1/statements?limit=1' })).json();
      expect(page.more).toMatch(/^\/lrs\/v1\/statements\?more=/);
    } finally {
      await custom.close();
    }
  });
});

describe('Activities and Agents resources (Communication 2.4, 2.5)', () => {
  let lrs: TestLrs;
  beforeEach(async () => {
    lrs = await createTestLrs();
  });
  afterEach(async () => {
    await lrs.close();
  });

  it('returns the canonical activity definition, merged from the statements that defined it', async () => {
    await lrs.request({ method: 'POST', url: '/xapi/statements', body: statement() });
    const redefine = statement({
      object: {
        id: ACTIVITY_ID,
        definition: { name: { de: 'Demokurs' }, type: 'http://adlnet.gov/expapi/activities/course' },
      },
    });
    await lrs.request({ method: 'POST', url: '/xapi/statements', body: redefine });
    const response = await lrs.request({
      method: 'GET',
      url: `/xapi/activities?activityId=${encodeURIComponent(ACTIVITY_ID)}`,
    });
    expect(response.json()).toEqual({
      objectType: 'Activity',
      id: ACTIVITY_ID,
      definition: {
        name: { 'en-US': 'Demo course', fr: 'Cours de démonstration', de: 'Demokurs' },
        type: 'http://adlnet.gov/expapi/activities/course',
      },
    });
  });

  it('returns an Activity object with only its id for an activity it has no definition of', async () => {
    const response = await lrs.request({
      method: 'GET',
      url: '/xapi/activities?activityId=http%3A%2F%2Fnone.example.com',
    });
    expect(response.json()).toEqual({ objectType: 'Activity', id: 'http://none.example.com' });
  });

  it('requires the activityId parameter with 400', async () => {
    expect((await lrs.request({ method: 'GET', url: '/xapi/activities' })).statusCode).toBe(400);
  });

  it('returns a Person object whose properties are arrays for an agent', async () => {
    const url = `/xapi/agents?agent=${encodeURIComponent(JSON.stringify(AGENT))}`;
    expect((await lrs.request({ method: 'GET', url })).json()).toEqual({
      objectType: 'Person',
      name: ['Ada'],
      mbox: ['mailto:ada@example.com'],
    });
  });
});

describe('Authentication and scopes (Communication 3.2, 4.0, 4.2)', () => {
  let lrs: TestLrs;
  beforeEach(async () => {
    lrs = await createTestLrs();
  });
  afterEach(async () => {
    await lrs.close();
  });

  it('returns 401 with a WWW-Authenticate challenge without credentials or with wrong ones', async () => {
    const wrong = `Basic ${Buffer.from('key-0:not-the-secret').toString('base64')}`;
    await lrs.auth(['all']);
    for (const authorization of [null, wrong, 'Bearer abc', 'Basic !!!']) {
      const response = await lrs.request({ method: 'GET', url: '/xapi/statements', authorization });
      expect(response.statusCode, String(authorization)).toBe(401);
      expect(response.headers['www-authenticate']).toMatch(/^Basic realm=/);
    }
  });

  it('returns 401 for a revoked credential', async () => {
    const revokedLrs = await createTestLrs({ credentialCacheMs: 0 });
    try {
      const authorization = await revokedLrs.auth(['all']);
      expect(
        (await revokedLrs.request({ method: 'GET', url: '/xapi/statements', authorization })).statusCode,
      ).toBe(200);
      await revokedLrs.store.revokeCredential('key-0');
      expect(
        (await revokedLrs.request({ method: 'GET', url: '/xapi/statements', authorization })).statusCode,
      ).toBe(401);
    } finally {
      await revokedLrs.close();
    }
  });

  it('verifies a credential once and serves later requests from the cache', async () => {
    const authorization = await lrs.auth(['all']);
    const lookups = vi.spyOn(lrs.store, 'findCredential');
    for (let i = 0; i < 5; i++) await lrs.request({ method: 'GET', url: '/xapi/statements', authorization });
    expect(lookups).toHaveBeenCalledTimes(1);
  });

  it("returns 403 when the credential's scopes do not allow the request", async () => {
    const s = statement();
    const cases: [Parameters<TestLrs['request']>[0], string[]][] = [
      [{ method: 'POST', url: '/xapi/statements', body: s }, ['statements/read']],
      [{ method: 'GET', url: '/xapi/statements' }, ['statements/write']],
      [
        {
          method: 'PUT',
          url: `/xapi/activities/state?activityId=${encodeURIComponent(ACTIVITY_ID)}&agent=${encodeURIComponent(JSON.stringify(AGENT))}&stateId=s`,
          payload: 'x',
          contentType: 'text/plain',
        },
        ['profile', 'all/read'],
      ],
      [
        { method: 'GET', url: `/xapi/agents/profile?agent=${encodeURIComponent(JSON.stringify(AGENT))}` },
        ['state'],
      ],
    ];
    for (const [request, scopes] of cases) {
      const response = await lrs.request({ ...request, scopes: scopes as never });
      expect(response.statusCode, `${request.method} ${request.url}`).toBe(403);
      expect(response.json().error.code).toBe('auth.forbidden');
    }
  });

  it('grants every read with all/read and everything with all', async () => {
    expect(
      (await lrs.request({ method: 'GET', url: '/xapi/statements', scopes: ['all/read'] })).statusCode,
    ).toBe(200);
    expect(
      (
        await lrs.request({
          method: 'POST',
          url: '/xapi/statements',
          body: statement(),
          scopes: ['all/read'],
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await lrs.request({ method: 'POST', url: '/xapi/statements', body: statement(), scopes: ['all'] }))
        .statusCode,
    ).toBe(200);
  });

  it('limits statements/read/mine to the statements the credential asserted', async () => {
    const mine = statement();
    const theirs = statement();
    await lrs.request({
      method: 'POST',
      url: '/xapi/statements',
      body: mine,
      scopes: ['statements/write', 'statements/read/mine'],
    });
    await lrs.request({ method: 'POST', url: '/xapi/statements', body: theirs, scopes: ['all'] });
    const scopes = ['statements/write', 'statements/read/mine'] as const;
    const page = await lrs.request({ method: 'GET', url: '/xapi/statements', scopes: [...scopes] });
    expect(page.json().statements.map((s: { id: string }) => s.id)).toEqual([mine.id]);
    const other = await lrs.request({
      method: 'GET',
      url: `/xapi/statements?statementId=${theirs.id}`,
      scopes: [...scopes],
    });
    expect(other.statusCode).toBe(404);
  });

  it('does not update activity definitions from a credential without the define scope', async () => {
    await lrs.request({
      method: 'POST',
      url: '/xapi/statements',
      body: statement(),
      scopes: ['statements/write'],
    });
    const response = await lrs.request({
      method: 'GET',
      url: `/xapi/activities?activityId=${encodeURIComponent(ACTIVITY_ID)}`,
    });
    expect(response.json()).toEqual({ objectType: 'Activity', id: ACTIVITY_ID });
  });
});
