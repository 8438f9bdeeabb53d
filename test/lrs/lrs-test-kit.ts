import { randomUUID } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createCredential } from '../../src/lrs/auth/credentials.js';
import { createLrsApp, type LrsAppOptions } from '../../src/lrs/http/create-lrs-app.js';
import { createSqliteStatementStore } from '../../src/lrs/store/sqlite/sqlite-statement-store.js';
import type { Scope, StatementStore } from '../../src/lrs/store/statement-store.js';
import type { Statement } from '../../src/xapi/statement.js';

/** An LRS app on an in-memory SQLite store, with one credential per scope set it is asked for. */
export interface TestLrs {
  app: FastifyInstance;
  store: StatementStore;
  /** The Authorization header of a credential with these scopes (created on first use). */
  auth(scopes?: Scope[]): Promise<string>;
  request(options: TestRequest): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export interface TestRequest {
  method: 'GET' | 'HEAD' | 'PUT' | 'POST' | 'DELETE';
  url: string;
  body?: unknown;
  /** Raw body bytes; with `contentType`. */
  payload?: Buffer | string;
  contentType?: string;
  headers?: Record<string, string>;
  /** X-Experience-API-Version; `null` to leave it out. Default 1.0.3. */
  version?: string | null;
  scopes?: Scope[];
  /** Authorization header; `null` to leave it out. Default a credential with `scopes` (default all). */
  authorization?: string | null;
}

export async function createTestLrs(options: Partial<LrsAppOptions> = {}): Promise<TestLrs> {
  const store = createSqliteStatementStore({ path: ':memory:' });
  const app = createLrsApp({ store, ...options });
  const credentials = new Map<string, string>();
  const auth = async (scopes: Scope[] = ['all']) => {
    const name = scopes.join(',');
    let header = credentials.get(name);
    if (!header) {
      const key = `key-${credentials.size}`;
      const secret = `secret-${randomUUID()}`;
      await store.addCredential(await createCredential({ key, secret, scopes }));
      header = `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;
      credentials.set(name, header);
    }
    return header;
  };
  return {
    app,
    store,
    auth,
    async request({
      method,
      url,
      body,
      payload,
      contentType,
      headers = {},
      version = '1.0.3',
      scopes,
      authorization,
    }) {
      const all: Record<string, string> = { ...headers };
      if (version !== null) all['x-experience-api-version'] = version;
      if (authorization !== null) all.authorization = authorization ?? (await auth(scopes));
      let data: Buffer | string | undefined = payload;
      if (body !== undefined) {
        data = JSON.stringify(body);
        all['content-type'] = contentType ?? 'application/json';
      } else if (payload !== undefined && contentType) {
        all['content-type'] = contentType;
      }
      return app.inject({ method, url, headers: all, ...(data === undefined ? {} : { payload: data }) });
    },
    async close() {
      await app.close();
      await store.close();
    },
  };
}

export const AGENT = { objectType: 'Agent' as const, name: 'Ada', mbox: 'mailto:ada@example.com' };
export const VERB = {
  id: 'http://adlnet.gov/expapi/verbs/experienced',
  display: { 'en-US': 'experienced', fr: 'a vécu' },
};
export const ACTIVITY_ID = 'https://lms.example.com/course/demo';

/** A valid statement with a fresh id. */
export function statement(overrides: Partial<Statement> = {}): Statement {
  return {
    id: randomUUID(),
    actor: AGENT,
    verb: VERB,
    object: {
      objectType: 'Activity',
      id: ACTIVITY_ID,
      definition: { name: { 'en-US': 'Demo course', fr: 'Cours de démonstration' } },
    },
    ...overrides,
  };
}
