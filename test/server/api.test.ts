import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDeadLetter } from '../../src/bus/dead-letter.js';
import { eventToEntryFields } from '../../src/bus/stream-entry.js';
import { ALL_EVENTS } from '../../src/catalog/registry.js';
import { createMetadata } from '../../src/envelope/index.js';
import type { StatementStore } from '../../src/lrs/store/statement-store.js';
import { createServer } from '../../src/server/create-server.js';
import { createCampus } from '../../src/sim/campus.js';
import { STREAM, startTestApp, type TestApp, waitFor } from './server-kit.js';

interface Overview {
  counts: Record<'produced' | 'consumed' | 'transformed' | 'delivered' | 'retried' | 'deadLettered', number>;
  lag: number;
  rates: { t: number; byType: Record<string, number> }[];
}
interface DeadLetterRow {
  source: 'bus' | 'sink';
  where: string;
  id: string;
  code: string;
  attempts: number;
  message: string;
}
interface Statement {
  id: string;
  actor: { account?: { homePage: string; name: string } };
  verb: { id: string };
  object: { id: string };
}

let t: TestApp;
const get = async <T>(url: string): Promise<{ status: number; body: T }> => {
  const response = await t.app.server.inject({ method: 'GET', url });
  return { status: response.statusCode, body: response.json() as T };
};
const post = async <T>(url: string, payload: unknown): Promise<{ status: number; body: T }> => {
  const response = await t.app.server.inject({ method: 'POST', url, payload: payload as object });
  return { status: response.statusCode, body: response.json() as T };
};

const STEPS = 40;

beforeAll(async () => {
  t = await startTestApp();
  const campus = createCampus(t.app.signals, { learners: 20, courses: 3, seed: 11 });
  for (let i = 0; i < STEPS; i++) await campus.step();
  // Every statement reaches the LRS and the file; the partner refuses each once: all dead letters.
  await waitFor(async () => {
    const { body } = await get<Overview>('/api/overview');
    const c = body.counts;
    return (
      c.consumed === c.produced &&
      c.transformed > 0 &&
      c.delivered === 2 * c.transformed &&
      c.deadLettered === c.transformed
    );
  }, 'every statement delivered or dead-lettered');
});

afterAll(async () => {
  await t?.app.stop();
  if (t) rmSync(t.dir, { recursive: true, force: true });
});

describe('the overview', () => {
  it('counts events through every stage after signals are sent', async () => {
    const { status, body } = await get<Overview>('/api/overview');
    expect(status).toBe(200);
    expect(body.counts.produced).toBeGreaterThanOrEqual(STEPS);
    expect(body.counts.consumed).toBe(body.counts.produced);
    expect(body.counts.transformed).toBeGreaterThan(0);
    expect(body.counts.retried).toBe(0);
    expect(body.lag).toBe(0);
  });

  it('gives one point per second for the last minute, with the produced events by type', async () => {
    // The events were sent moments ago: wait until their second is complete and in the window.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const { body } = await get<Overview>('/api/overview');
    expect(body.rates).toHaveLength(60);
    expect(body.rates[59]!.t - body.rates[0]!.t).toBe(59_000);
    const byType = new Map<string, number>();
    for (const point of body.rates)
      for (const [type, n] of Object.entries(point.byType)) byType.set(type, (byType.get(type) ?? 0) + n);
    expect([...byType.values()].reduce((a, b) => a + b, 0)).toBe(body.counts.produced);
    const known = new Set<string>(ALL_EVENTS.map((e) => e.eventType));
    expect([...byType.keys()].every((type) => known.has(type))).toBe(true);
  });

  it('moves when more signals are sent', async () => {
    const before = (await get<Overview>('/api/overview')).body.counts;
    const campus = createCampus(t.app.signals, { learners: 5, courses: 1, seed: 99 });
    for (let i = 0; i < 5; i++) await campus.step();
    await waitFor(
      async () => (await get<Overview>('/api/overview')).body.counts.consumed >= before.produced + 5,
      'the new events to be consumed',
    );
    const after = (await get<Overview>('/api/overview')).body.counts;
    expect(after.produced).toBeGreaterThanOrEqual(before.produced + 5);
    expect(after.transformed).toBeGreaterThan(before.transformed);
  });
});

describe('the statement explorer', () => {
  let all: Statement[];
  beforeAll(async () => {
    all = (await get<{ statements: Statement[] }>('/api/statements?limit=200')).body.statements;
  });

  it('lists statements from the LRS store, newest first, as stored', async () => {
    expect(all.length).toBeGreaterThan(10);
    const { body } = await get<{ statements: Statement[] }>('/api/statements?limit=3');
    expect(body.statements.map((s) => s.id)).toEqual(all.slice(0, 3).map((s) => s.id));
  });

  it('filters by verb', async () => {
    const verb = all[0]!.verb.id;
    const { body } = await get<{ statements: Statement[] }>(
      `/api/statements?verb=${encodeURIComponent(verb)}`,
    );
    expect(body.statements.length).toBe(all.filter((s) => s.verb.id === verb).length);
    expect(body.statements.every((s) => s.verb.id === verb)).toBe(true);
  });

  it('filters by actor, given the account name alone', async () => {
    const learner = all.find((s) => s.actor.account?.name.startsWith('urn:uuid:'))!;
    const name = learner.actor.account!.name;
    const { body } = await get<{ statements: Statement[] }>(
      `/api/statements?actor=${encodeURIComponent(name)}`,
    );
    expect(body.statements.length).toBe(all.filter((s) => s.actor.account?.name === name).length);
    expect(body.statements.every((s) => s.actor.account?.name === name)).toBe(true);
  });

  it('filters by actor given as an e-mail address or as JSON', async () => {
    const none = await get<{ statements: Statement[] }>('/api/statements?actor=nobody%40example.com');
    expect(none.status).toBe(200);
    expect(none.body.statements).toEqual([]);
    const account = all[0]!.actor.account!;
    const json = encodeURIComponent(JSON.stringify({ account }));
    const { body } = await get<{ statements: Statement[] }>(`/api/statements?actor=${json}`);
    expect(body.statements.map((s) => s.id)).toContain(all[0]!.id);
  });

  it('filters by activity, including statements about it in their context', async () => {
    const activity = all[0]!.object.id;
    const { body } = await get<{ statements: Statement[] }>(
      `/api/statements?activity=${encodeURIComponent(activity)}`,
    );
    expect(body.statements.map((s) => s.id)).toContain(all[0]!.id);
  });

  it('filters by time and refuses a bad one', async () => {
    const future = new Date(Date.now() + 60_000).toISOString();
    expect(
      (await get<{ statements: Statement[] }>(`/api/statements?since=${future}`)).body.statements,
    ).toEqual([]);
    const past = new Date(Date.now() - 3_600_000).toISOString();
    expect(
      (await get<{ statements: Statement[] }>(`/api/statements?since=${past}&limit=5`)).body.statements,
    ).toHaveLength(5);
    expect((await get('/api/statements?since=yesterday')).status).toBe(400);
    expect((await get('/api/statements?limit=0')).status).toBe(400);
  });

  it('gives one statement by id, and 404 for an unknown one', async () => {
    const { status, body } = await get<Statement>(`/api/statements/${all[0]!.id}`);
    expect(status).toBe(200);
    expect(body).toEqual(all[0]);
    expect((await get('/api/statements/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('lists the verbs in use', async () => {
    const { body } = await get<string[]>('/api/verbs');
    expect(new Set(body)).toEqual(new Set(all.map((s) => s.verb.id)));
  });
});

describe('the catalog', () => {
  it('lists every event type', async () => {
    const { body } = await get<{ event_type: string }[]>('/api/catalog');
    expect(body.map((e) => e.event_type)).toEqual(ALL_EVENTS.map((e) => e.eventType));
  });

  it('shows one event type as a field tree with its Avro schema', async () => {
    const type = 'org.openedx.learning.course.enrollment.created.v1';
    const { status, body } = await get<{ tree: string; avro: string | null }>(`/api/catalog/${type}`);
    expect(status).toBe(200);
    expect(body.tree).toContain('enrollment: CourseEnrollmentData');
    expect(body.tree).toMatch(/├─ user: UserData/);
    expect(JSON.parse(body.avro!)).toMatchObject({ type: 'record' });
    expect((await get('/api/catalog/org.openedx.nothing.v1')).status).toBe(404);
  });
});

describe('dead letters', () => {
  it('lists the statements a sink refused, and replays one so that it leaves the list', async () => {
    const { body: letters } = await get<DeadLetterRow[]>('/api/dead-letters');
    const refused = letters.filter((l) => l.source === 'sink');
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0]).toMatchObject({ where: 'main/partner', code: 'sink.rejected', attempts: 1 });
    expect(refused[0]!.message).toMatch(/HTTP 422/);

    const accepted = t.partner.stats.accepted;
    const replayed = await post<{ message: string }>('/api/dead-letters/replay', {
      source: 'sink',
      id: refused[0]!.id,
    });
    expect(replayed.status).toBe(200);
    expect(replayed.body.message).toMatch(/delivered again/);
    expect(t.partner.stats.accepted).toBe(accepted + 1);
    const after = (await get<DeadLetterRow[]>('/api/dead-letters')).body;
    expect(after.some((l) => l.source === 'sink' && l.id === refused[0]!.id)).toBe(false);
    expect((await post('/api/dead-letters/replay', { source: 'sink', id: refused[0]!.id })).status).toBe(404);
  });

  it('lists a bus entry the consumer could not read', async () => {
    await t.app.bus.append(STREAM, [[['garbage', 'not an event']]]);
    await waitFor(
      async () => (await get<DeadLetterRow[]>('/api/dead-letters')).body.some((l) => l.source === 'bus'),
      'the malformed entry to be dead-lettered',
    );
    const letter = (await get<DeadLetterRow[]>('/api/dead-letters')).body.find((l) => l.source === 'bus')!;
    expect(letter.where).toBe(STREAM);
    expect(letter.code).toMatch(/^bus\./);
  });

  it('replays a bus dead letter onto its stream, where it is consumed again', async () => {
    const event = {
      metadata: createMetadata('org.openedx.learning.auth.session.login.completed.v1', {
        source: 'openedx/lms/web',
      }),
      data: {
        user: { id: 4242, is_active: true, pii: { username: 'replayed', email: 'r@example.com', name: 'R' } },
      },
    };
    // As if an earlier consumer had given up on it.
    const id = await writeDeadLetter(
      t.app.bus,
      STREAM,
      { id: '1-0', fields: eventToEntryFields(event) },
      {
        originalId: '1-0',
        group: 'xapi',
        consumer: 'earlier',
        code: 'handler.failed',
        message: 'the LRS was down',
        attempts: 5,
      },
    );
    const listed = (await get<DeadLetterRow[]>('/api/dead-letters')).body.find((l) => l.id === id);
    expect(listed).toMatchObject({ source: 'bus', code: 'handler.failed', attempts: 5 });

    const consumed = (await get<Overview>('/api/overview')).body.counts.consumed;
    const replayed = await post<{ message: string }>('/api/dead-letters/replay', { source: 'bus', id });
    expect(replayed.status).toBe(200);
    expect(replayed.body.message).toMatch(new RegExp(`put back on ${STREAM}`));
    expect((await get<DeadLetterRow[]>('/api/dead-letters')).body.some((l) => l.id === id)).toBe(false);
    await waitFor(
      async () => (await get<Overview>('/api/overview')).body.counts.consumed > consumed,
      'the replayed entry to be consumed',
    );
  });

  it('refuses a replay request without a source and an id', async () => {
    expect((await post('/api/dead-letters/replay', { id: '1' })).status).toBe(400);
    expect((await post('/api/dead-letters/replay', { source: 'bus', id: '9-9' })).status).toBe(404);
  });
});

describe('metrics and health', () => {
  it('names every series edstream_…', async () => {
    const response = await t.app.server.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/text\/plain/);
    const names = response.body
      .split('\n')
      .filter((line) => line !== '' && !line.startsWith('#'))
      .map((line) => line.split(/[{ ]/)[0]!);
    expect(names.length).toBeGreaterThan(20);
    expect(names.filter((n) => !n.startsWith('edstream_'))).toEqual([]);
    for (const name of [
      'edstream_events_produced_total',
      'edstream_events_consumed_total',
      'edstream_statements_transformed_total',
      'edstream_statements_delivered_total',
      'edstream_deliveries_retried_total',
      'edstream_dead_letters_total',
      'edstream_consumer_lag',
      'edstream_process_resident_memory_bytes',
    ]) {
      expect(names, name).toContain(name);
    }
    expect(response.body).toMatch(
      /edstream_statements_delivered_total\{subscription="main",sink="builtin-lrs"\} [1-9]/,
    );
    expect(response.body).toMatch(/edstream_dead_letters_total\{source="sink",where="main\/partner"\} [1-9]/);
    expect(response.body).toMatch(
      /edstream_events_produced_total\{type="org\.openedx\.[a-z_.]+\.v1"\} [1-9]/,
    );
  });

  it('reports every check ok', async () => {
    const { status, body } = await get<{ status: string; checks: Record<string, { ok: boolean }> }>(
      '/health',
    );
    expect(status).toBe(200);
    expect(body.status).toBe('ok');
    expect(Object.keys(body.checks).sort()).toEqual(['bus', 'lrs', 'stream']);
    expect(Object.values(body.checks).every((c) => c.ok)).toBe(true);
  });
});

describe('health when a part fails', () => {
  it('answers 503 and degraded when the LRS store fails', async () => {
    const failing = {
      kind: 'sqlite',
      getStatement: async () => {
        throw new Error('disk I/O error');
      },
    } as unknown as StatementStore;
    const server = createServer({ store: failing });
    try {
      const response = await server.inject({ method: 'GET', url: '/health' });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toMatchObject({
        status: 'degraded',
        checks: { lrs: { ok: false, message: expect.stringMatching(/disk I\/O error/) }, bus: { ok: true } },
      });
    } finally {
      await server.close();
    }
  });
});

describe('the rest of the server', () => {
  it('serves the LRS at /xapi, with its own authentication', async () => {
    const about = await t.app.server.inject({ method: 'GET', url: '/xapi/about' });
    expect(about.statusCode).toBe(200);
    expect(about.json()).toMatchObject({ version: expect.arrayContaining(['1.0.3']) });
    const anonymous = await t.app.server.inject({
      method: 'GET',
      url: '/xapi/statements',
      headers: { 'x-experience-api-version': '1.0.3' },
    });
    expect(anonymous.statusCode).toBe(401);
  });

  it('serves the dashboard and its assets, chart.js included', async () => {
    const page = await t.app.server.inject({ method: 'GET', url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain('/assets/chart.umd.js');
    const chart = await t.app.server.inject({ method: 'GET', url: '/assets/chart.umd.js' });
    expect(chart.statusCode).toBe(200);
    expect(chart.body).toMatch(/Chart/);
    for (const asset of ['app.js', 'style.css'])
      expect((await t.app.server.inject({ method: 'GET', url: `/assets/${asset}` })).statusCode).toBe(200);
    expect((await t.app.server.inject({ method: 'GET', url: '/assets/secret.txt' })).statusCode).toBe(404);
  });
});
