import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCredential } from '../../src/lrs/auth/credentials.js';
import { createLrsApp } from '../../src/lrs/http/create-lrs-app.js';
import {
  createSqliteStatementStore,
  type SqliteStatementStore,
} from '../../src/lrs/store/sqlite/sqlite-statement-store.js';
import { statement } from './lrs-test-kit.js';

describe('LRS over a real socket', () => {
  let dir: string;
  let store: SqliteStatementStore;
  let app: FastifyInstance;
  let origin: string;
  const headers = {
    authorization: `Basic ${Buffer.from('socket:socket-secret').toString('base64')}`,
    'x-experience-api-version': '1.0.3',
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'edstream-lrs-socket-'));
    store = createSqliteStatementStore({ path: join(dir, 'lrs.db') });
    await store.addCredential(
      await createCredential({ key: 'socket', secret: 'socket-secret', scopes: ['all'] }),
    );
    app = createLrsApp({ store });
    origin = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('answers about with the versions and the xAPI headers', async () => {
    const response = await fetch(`${origin}/xapi/about`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ version: ['1.0.3', '2.0.0'] });
    expect(response.headers.get('x-experience-api-version')).toBe('2.0.0');
    expect(response.headers.get('date')).not.toBeNull();
  });

  it('stores statements posted over HTTP and pages through them with the more link', async () => {
    const batch = Array.from({ length: 5 }, () => statement({ context: { registration: randomUUID() } }));
    const posted = await fetch(`${origin}/xapi/statements`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify(batch),
    });
    expect(posted.status).toBe(200);
    expect(await posted.json()).toEqual(batch.map((s) => s.id));
    const seen: string[] = [];
    let url = `${origin}/xapi/statements?limit=2&ascending=true`;
    for (;;) {
      const response = await fetch(url, { headers });
      expect(response.status).toBe(200);
      expect(response.headers.get('x-experience-api-consistent-through')).not.toBeNull();
      const page = (await response.json()) as { statements: { id: string }[]; more: string };
      seen.push(...page.statements.map((s) => s.id));
      if (!page.more) break;
      url = new URL(page.more, origin).toString();
    }
    expect(seen).toEqual(batch.map((s) => s.id));
  });

  it('rejects a request without credentials with 401 and a challenge', async () => {
    const response = await fetch(`${origin}/xapi/statements`, {
      headers: { 'x-experience-api-version': '1.0.3' },
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Basic/);
    expect(response.headers.get('x-experience-api-version')).toBe('1.0.3');
  });

  it('stores and returns a document with its ETag', async () => {
    const url = `${origin}/xapi/activities/state?activityId=${encodeURIComponent('http://a.example.com')}&agent=${encodeURIComponent('{"mbox":"mailto:s@example.com"}')}&stateId=s`;
    const put = await fetch(url, {
      method: 'PUT',
      headers: { ...headers, 'content-type': 'application/octet-stream' },
      body: new Uint8Array([1, 2, 3]),
    });
    expect(put.status).toBe(204);
    const got = await fetch(url, { headers });
    expect(new Uint8Array(await got.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
    expect(got.headers.get('etag')).toMatch(/^"[0-9a-f]{40}"$/);
  });
});
