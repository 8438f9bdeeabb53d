import { randomBytes, randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCredential } from '../../src/lrs/auth/credentials.js';
import { createLrsApp } from '../../src/lrs/http/create-lrs-app.js';
import {
  createPostgresStatementStore,
  type PostgresStatementStore,
} from '../../src/lrs/store/postgres/postgres-statement-store.js';
import { ACTIVITY_ID, AGENT, statement } from './lrs-test-kit.js';

describe('LRS app on PostgreSQL', () => {
  let store: PostgresStatementStore;
  let app: FastifyInstance;
  const headers = {
    authorization: `Basic ${Buffer.from('pg:pg-secret-1').toString('base64')}`,
    'x-experience-api-version': '2.0.0',
  };

  beforeAll(async () => {
    store = await createPostgresStatementStore({
      schema: `lrs_test_${randomBytes(6).toString('hex')}`,
      maxConnections: 4,
    });
    await store.addCredential(await createCredential({ key: 'pg', secret: 'pg-secret-1', scopes: ['all'] }));
    app = createLrsApp({ store });
  });
  afterAll(async () => {
    await app.close();
    await store.dropSchema();
    await store.close();
  });

  it('stores, voids, filters and pages statements', async () => {
    const registration = randomUUID();
    const batch = [
      statement({ context: { registration } }),
      statement({ context: { registration } }),
      statement(),
    ];
    const posted = await app.inject({ method: 'POST', url: '/xapi/statements', headers, payload: batch });
    expect(posted.json()).toEqual(batch.map((s) => s.id));
    const voiding = statement({
      verb: { id: 'http://adlnet.gov/expapi/verbs/voided' },
      object: { objectType: 'StatementRef', id: batch[0]!.id! },
    });
    expect(
      (await app.inject({ method: 'POST', url: '/xapi/statements', headers, payload: voiding })).statusCode,
    ).toBe(200);
    const page = await app.inject({
      method: 'GET',
      url: `/xapi/statements?registration=${registration}&limit=1`,
      headers,
    });
    const body = page.json();
    expect(body.statements.map((s: { id: string }) => s.id)).toEqual([voiding.id]);
    const next = (await app.inject({ method: 'GET', url: body.more, headers })).json();
    expect(next.statements.map((s: { id: string }) => s.id)).toEqual([batch[1]!.id]);
    expect(next.more).toBe('');
    const conflict = await app.inject({
      method: 'POST',
      url: '/xapi/statements',
      headers,
      payload: { ...batch[2], verb: { id: 'http://x.example/v' } },
    });
    expect(conflict.statusCode).toBe(409);
  });

  it('keeps documents with ETags and merges JSON on POST', async () => {
    const url = `/xapi/activities/state?activityId=${encodeURIComponent(ACTIVITY_ID)}&agent=${encodeURIComponent(JSON.stringify(AGENT))}&stateId=s`;
    const json = { ...headers, 'content-type': 'application/json' };
    await app.inject({ method: 'PUT', url, headers: json, payload: '{"a":1}' });
    await app.inject({ method: 'POST', url, headers: json, payload: '{"b":2}' });
    const got = await app.inject({ method: 'GET', url, headers });
    expect(got.json()).toEqual({ a: 1, b: 2 });
    expect(got.headers.etag).toMatch(/^"[0-9a-f]{40}"$/);
  });
});
