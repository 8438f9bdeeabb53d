import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPartnerWebhook, PARTNER_PATH, type PartnerWebhook } from '../../src/app/demo-partner.js';
import { demoRouting } from '../../src/app/demo-setup.js';
import { type RunningApp, startApp } from '../../src/app/start-app.js';
import { silentLogger } from '../../src/logging.js';
import { parseStreamConfig } from '../../src/streams/config.js';

export const TOPIC = 'events';
export const PREFIX = 'test';
export const STREAM = `${PREFIX}-${TOPIC}`;
export const XAPI = {
  tenantId: 'b3f0c7a2-0000-4000-8000-000000000002',
  secret: 'server-tests-pseudonymous-secret',
  platformUrl: 'https://lms.example.com',
} as const;

export function tempDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `edstream-server-${label}-`));
}

export interface TestApp {
  app: RunningApp;
  partner: PartnerWebhook;
  dir: string;
}

/**
 * A real assembly on a memory bus and a SQLite LRS in a temporary directory: the built-in LRS sink,
 * a partner webhook that refuses every statement once (so each one is a dead letter to replay),
 * and an NDJSON file.
 */
export async function startTestApp(): Promise<TestApp> {
  const dir = tempDir('app');
  const partner = createPartnerWebhook({ rejectOneIn: 1 });
  const app = await startApp({
    bus: { url: 'memory:', prefix: PREFIX },
    producer: demoRouting(TOPIC),
    lrs: { store: `sqlite:${join(dir, 'lrs.db')}` },
    stream: parseStreamConfig({
      dataDir: dir,
      xapi: { ...XAPI },
      subscriptions: [
        {
          name: 'main',
          source: { bus: 'memory:', topic: TOPIC, prefix: PREFIX, group: 'xapi' },
          profile: 'brightspace',
          sinks: [{ type: 'file', name: 'ndjson', path: join(dir, 'statements.ndjson'), batchMs: 20 }],
        },
      ],
    }),
    server: { port: 0 },
    extraSinks: (baseUrl) => [
      {
        type: 'webhook',
        name: 'partner',
        url: `${baseUrl}${PARTNER_PATH}`,
        secret: partner.secret,
        batchMs: 20,
      },
    ],
    routes: (server) => partner.register(server),
    logger: silentLogger,
  });
  return { app, partner, dir };
}

export { waitFor } from '../wait-for.js';
