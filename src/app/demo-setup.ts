import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ProducerConfig } from '../bus/routing.js';
import { ALL_EVENTS } from '../catalog/registry.js';
import type { Logger } from '../logging.js';
import { parseStreamConfig } from '../streams/config.js';
import { streamStatePath } from '../streams/pipeline.js';
import { StreamStateStore } from '../streams/state-store.js';
import { createPartnerWebhook, PARTNER_PATH, type PartnerWebhook } from './demo-partner.js';
import type { AppOptions } from './start-app.js';

export const DEMO_DATA_DIR = './.edstream-demo';
export const DEMO_TOPIC = 'events';
export const DEMO_PREFIX = 'demo';
export const PARTNER_SINK = 'partner';

export interface DemoOptions {
  dataDir?: string;
  learners?: number;
  courses?: number;
  /** Simulated events per second; `Infinity` as fast as the pipeline takes them. */
  rate?: number;
  seed?: number;
  profile?: 'brightspace' | 'adl';
  host?: string;
  port?: number;
  /** One statement in this many is refused by the simulated partner (default 100). */
  partnerRejectOneIn?: number;
  /** With an unbounded rate: pause production while the consumer is this far behind. */
  maxLag?: number;
  logger?: Logger;
}

export interface DemoSetup {
  /** Absolute. */
  readonly dataDir: string;
  readonly app: AppOptions;
  readonly partner: PartnerWebhook;
}

/**
 * The zero-configuration assembly of `edstream demo`: everything on SQLite in one data directory,
 * every simulated event routed to one topic, and one subscription delivering each statement to the
 * built-in LRS, to a simulated partner webhook (which refuses about 1%: real dead letters to
 * replay) and to `statements.ndjson`.
 */
export function demoSetup({
  dataDir = DEMO_DATA_DIR,
  learners = 200,
  courses = 10,
  rate = 50,
  seed = 1,
  profile = 'brightspace',
  host = '127.0.0.1',
  port = 8080,
  partnerRejectOneIn = 100,
  maxLag,
  logger,
}: DemoOptions = {}): DemoSetup {
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const identity = demoIdentity(dir);
  const busUrl = `sqlite:${join(dir, 'bus.db')}`;
  const stream = parseStreamConfig({
    dataDir: dir,
    xapi: { tenantId: identity.tenantId, secret: identity.secret, platformUrl: 'https://campus.example' },
    subscriptions: [
      {
        name: 'demo',
        source: { bus: busUrl, topic: DEMO_TOPIC, prefix: DEMO_PREFIX, group: 'xapi' },
        profile,
        // Events handled at once: enough to keep every sink's batches full, few enough to keep memory small.
        inFlight: 500,
        sinks: [
          { type: 'file', name: 'ndjson', path: join(dir, 'statements.ndjson'), maxBytes: 256 * 1024 * 1024 },
        ],
      },
    ],
  });
  const partner = createPartnerWebhook({
    rejectOneIn: partnerRejectOneIn,
    flagged: flaggedStatements(streamStatePath(stream)),
  });
  return {
    dataDir: dir,
    partner,
    app: {
      bus: { url: busUrl, prefix: DEMO_PREFIX, maxLen: 100_000 },
      producer: demoRouting(),
      // A small page cache and no checkpoint thread: the demo's footprint matters more than its
      // ingest and query speed, which stay far above what the simulator needs.
      lrs: { store: `sqlite:${join(dir, 'lrs.db')}`, sqliteCacheMiB: 8, sqliteBackgroundCheckpoints: false },
      stream,
      server: { host, port },
      simulate: { learners, courses, rate, seed, ...(maxLag === undefined ? {} : { maxLag }) },
      extraSinks: (baseUrl) => [
        { type: 'webhook', name: PARTNER_SINK, url: `${baseUrl}${PARTNER_PATH}`, secret: partner.secret },
      ],
      routes: (app) => partner.register(app),
      ...(logger ? { logger } : {}),
    },
  };
}

/** Every serializable event type to the demo topic, keyed as Open edX keys it. */
export function demoRouting(topic = DEMO_TOPIC): ProducerConfig {
  return Object.fromEntries(
    ALL_EVENTS.filter((e) => e.serializable).map((e) => [
      e.eventType,
      { [topic]: { event_key_field: e.eventKeyField ?? '', enabled: true } },
    ]),
  );
}

/** The tenant and pseudonymisation secret of a data directory: made once, kept, so pseudonyms stay stable. */
function demoIdentity(dir: string): { tenantId: string; secret: string } {
  const path = join(dir, 'demo.json');
  if (existsSync(path)) {
    const saved = JSON.parse(readFileSync(path, 'utf8')) as { tenantId?: unknown; secret?: unknown };
    if (typeof saved.tenantId === 'string' && typeof saved.secret === 'string' && saved.secret.length >= 16) {
      return { tenantId: saved.tenantId, secret: saved.secret };
    }
  }
  const identity = { tenantId: randomUUID(), secret: randomBytes(24).toString('base64url') };
  writeFileSync(path, `${JSON.stringify(identity, null, 2)}\n`, { mode: 0o600 });
  return identity;
}

/** Statements the partner refused in an earlier run: a replay of them is accepted. */
function flaggedStatements(statePath: string): string[] {
  if (!existsSync(statePath)) return [];
  const state = new StreamStateStore(statePath);
  try {
    return state
      .deadLetters({ sink: PARTNER_SINK, limit: Number.MAX_SAFE_INTEGER })
      .map((l) => l.statementId);
  } finally {
    state.close();
  }
}
