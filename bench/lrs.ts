// LRS benchmark: HTTP ingest rate against direct store inserts, and GET latency by filter at 1M statements.
// The server runs in a child process, as `edstream lrs serve` would; LRS_BENCH_INGEST and
// LRS_BENCH_SEED shrink the runs (defaults 100,000 and 1,000,000 statements).
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createCredential } from '../src/lrs/auth/credentials.js';
import { createLrsApp } from '../src/lrs/http/create-lrs-app.js';
import { createSqliteStatementStore } from '../src/lrs/store/sqlite/sqlite-statement-store.js';
import type { Statement } from '../src/xapi/statement.js';
import { formatRate, percentile } from './measure.js';

const INGEST_STATEMENTS = Number(process.env.LRS_BENCH_INGEST ?? 100_000);
const SEED_STATEMENTS = Number(process.env.LRS_BENCH_SEED ?? 1_000_000);
const BATCH = 100;
const CLIENTS = 4;
const QUERIES_PER_FILTER = 300;
const AUTH = `Basic ${Buffer.from('bench:bench-secret').toString('base64')}`;

/** A small deterministic PRNG (mulberry32), so every run generates the same population. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LMS = 'https://lms.example.edu';
const VERBS = [
  ...[
    'experienced',
    'attempted',
    'answered',
    'completed',
    'passed',
    'failed',
    'registered',
    'launched',
    'initialized',
    'terminated',
    'asked',
    'interacted',
    'progressed',
    'scored',
    'commented',
  ].map((v) => `http://adlnet.gov/expapi/verbs/${v}`),
  ...['played', 'paused', 'seeked', 'completed'].map((v) => `https://w3id.org/xapi/video/verbs/${v}`),
  ...['posted', 'edited', 'reported', 'liked'].map((v) => `https://w3id.org/xapi/acrossx/verbs/${v}`),
  ...[
    'viewed',
    'unregistered',
    'earned',
    'bookmarked',
    'rated',
    'shared',
    'voted',
    'downloaded',
    'searched',
  ].map((v) => `http://id.tincanapi.com/verb/${v}`),
];
const AGENTS = 5_000;
const COURSES = 200;
const BLOCKS = 25_000;

/** Realistic varied statements: 5k learners, 32 verbs, 25k blocks in 200 courses. */
export function makeStatements(count: number, seed: number): Statement[] {
  const next = random(seed);
  const pick = (n: number) => Math.floor(next() * n);
  const start = Date.parse('2024-09-01T00:00:00Z');
  return Array.from({ length: count }, (_, i) => {
    const block = pick(BLOCKS);
    const course = block % COURSES;
    const verb = VERBS[pick(VERBS.length)]!;
    const statement: Statement = {
      id: randomUUID(),
      actor: { objectType: 'Agent', account: { homePage: LMS, name: `learner-${pick(AGENTS)}` } },
      verb: { id: verb, display: { 'en-US': verb.slice(verb.lastIndexOf('/') + 1) } },
      object: {
        objectType: 'Activity',
        id: `${LMS}/xblock/block-v1:edX+C${course}+2024+type@problem+block@${block.toString(16)}`,
        definition: {
          type: 'http://adlnet.gov/expapi/activities/question',
          name: { 'en-US': `Problem ${block}` },
        },
      },
      context: {
        contextActivities: {
          parent: [{ id: `${LMS}/course/course-v1:edX+C${course}+2024`, objectType: 'Activity' }],
        },
        extensions: { 'https://w3id.org/xapi/openedx/extensions/session-id': `s${pick(1e9)}` },
      },
      timestamp: new Date(start + i * 1000 + pick(1000)).toISOString(),
      version: '1.0.3',
    };
    if (next() < 0.3) statement.context!.registration = randomUUID();
    if (next() < 0.4)
      statement.result = { score: { scaled: Math.round(next() * 100) / 100 }, success: next() < 0.7 };
    return statement;
  });
}

/** Child process (`lrs.ts serve PATH`): the LRS on a SQLite file, as `edstream lrs serve` runs it. */
async function serveChild(path: string): Promise<void> {
  const store = createSqliteStatementStore({ path });
  const app = createLrsApp({ store, bodyLimit: 256 * 1024 * 1024 });
  console.log(await app.listen({ port: 0, host: '127.0.0.1' }));
  process.once('SIGTERM', async () => {
    await app.close();
    await store.close();
    process.exit(0);
  });
}

async function startServer(path: string): Promise<{ base: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), 'serve', path], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const address = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`LRS server exited with ${code}`)));
  });
  return {
    base: `${address}/xapi`,
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function freshStore(dir: string, name: string) {
  const store = createSqliteStatementStore({ path: join(dir, name) });
  await store.addCredential(
    await createCredential({ key: 'bench', secret: 'bench-secret', scopes: ['all'] }),
  );
  return store;
}

async function benchIngest(dir: string): Promise<{ http: number; direct: number }> {
  const statements = makeStatements(INGEST_STATEMENTS, 1);
  const batches: Statement[][] = [];
  for (let i = 0; i < statements.length; i += BATCH) batches.push(statements.slice(i, i + BATCH));

  const direct = await freshStore(dir, 'direct.db');
  let started = process.hrtime.bigint();
  for (const batch of batches) await direct.insertStatements(batch);
  const directRate = statements.length / (Number(process.hrtime.bigint() - started) / 1e9);
  await direct.close();

  await (await freshStore(dir, 'http.db')).close();
  const server = await startServer(join(dir, 'http.db'));
  const bodies = batches.map((b) => JSON.stringify(b));
  let nextBatch = 0;
  const client = async () => {
    for (let i = nextBatch++; i < bodies.length; i = nextBatch++) {
      const response = await fetch(`${server.base}/statements`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-experience-api-version': '1.0.3',
          authorization: AUTH,
        },
        body: bodies[i]!,
      });
      if (response.status !== 200)
        throw new Error(`POST statements: ${response.status} ${await response.text()}`);
      await response.arrayBuffer();
    }
  };
  started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: CLIENTS }, client));
  const httpRate = statements.length / (Number(process.hrtime.bigint() - started) / 1e9);
  await server.stop();
  return { http: httpRate, direct: directRate };
}

async function seed(path: string): Promise<{ first: number; last: number }> {
  const store = await freshStore(path.slice(0, path.lastIndexOf('/')), path.slice(path.lastIndexOf('/') + 1));
  const chunk = 10_000;
  let first = 0;
  let last = 0;
  const started = Date.now();
  for (let done = 0; done < SEED_STATEMENTS; done += chunk) {
    const { stored } = await store.insertStatements(
      makeStatements(Math.min(chunk, SEED_STATEMENTS - done), 1000 + done),
    );
    if (done === 0) first = Date.parse(stored);
    last = Date.parse(stored);
  }
  store.analyze();
  await store.close();
  console.log(
    `  seeded ${SEED_STATEMENTS.toLocaleString('en-US')} statements in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return { first, last };
}

async function benchQueries(
  dir: string,
): Promise<Record<string, { p50: number; p99: number; rows: number }>> {
  const path = join(dir, 'seeded.db');
  const { first, last } = await seed(path);
  const server = await startServer(path);
  const next = random(7);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const filters: Record<string, () => string> = {
    agent: () =>
      `agent=${encodeURIComponent(JSON.stringify({ account: { homePage: LMS, name: `learner-${Math.floor(next() * AGENTS)}` } }))}`,
    verb: () => `verb=${encodeURIComponent(pick(VERBS))}`,
    activity: () => {
      const block = Math.floor(next() * BLOCKS);
      return `activity=${encodeURIComponent(`${LMS}/xblock/block-v1:edX+C${block % COURSES}+2024+type@problem+block@${block.toString(16)}`)}`;
    },
    since: () => `since=${new Date(first + Math.floor(next() * (last - first))).toISOString()}`,
  };
  const results: Record<string, { p50: number; p99: number; rows: number }> = {};
  for (const [name, query] of Object.entries(filters)) {
    const times: number[] = [];
    let rows = 0;
    for (let i = 0; i < QUERIES_PER_FILTER + 20; i++) {
      const started = process.hrtime.bigint();
      const response = await fetch(`${server.base}/statements?${query()}`, {
        headers: { 'x-experience-api-version': '1.0.3', authorization: AUTH },
      });
      const body = (await response.json()) as { statements: unknown[] };
      if (response.status !== 200) throw new Error(`GET statements: ${response.status}`);
      if (i >= 20) {
        times.push(Number(process.hrtime.bigint() - started) / 1e6);
        rows += body.statements.length;
      }
    }
    times.sort((a, b) => a - b);
    results[name] = {
      p50: percentile(times, 50),
      p99: percentile(times, 99),
      rows: rows / QUERIES_PER_FILTER,
    };
  }
  await server.stop();
  return results;
}

export async function runLrsBench(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'edstream-lrs-bench-'));
  try {
    console.log(
      `lrs ingest: ${INGEST_STATEMENTS.toLocaleString('en-US')} statements, POST batches of ${BATCH}, ${CLIENTS} clients, SQLite`,
    );
    const ingest = await benchIngest(dir);
    console.log(`  HTTP POST       ${formatRate(ingest.http)}`);
    console.log(`  direct insert   ${formatRate(ingest.direct)}  (baseline)`);
    console.log(
      `  ratio           ${(ingest.http / ingest.direct).toFixed(2)} (target ≥ 0.50; rate target ≥ 10,000/s)`,
    );
    console.log(
      `lrs queries: GET statements at ${SEED_STATEMENTS.toLocaleString('en-US')} stored, ${QUERIES_PER_FILTER} requests per filter`,
    );
    for (const [name, r] of Object.entries(await benchQueries(dir))) {
      console.log(
        `  ${name.padEnd(9)} p50 ${r.p50.toFixed(1)} ms  p99 ${r.p99.toFixed(1)} ms  (${r.rows.toFixed(0)} statements/page; target p99 < 50 ms)`,
      );
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2] === 'serve')
  void serveChild(process.argv[3]!);
