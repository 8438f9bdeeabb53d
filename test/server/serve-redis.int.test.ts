import { randomUUID } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { CliProcess } from '../cli-runner.js';
import { tempDir, waitFor, XAPI } from './server-kit.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

let dir: string | undefined;
let cli: CliProcess | undefined;
let prefix: string | undefined;

afterEach(async () => {
  cli?.kill('SIGKILL');
  if (dir) rmSync(dir, { recursive: true, force: true });
  if (prefix) {
    // Every stream of this run (the topic and its dead letters) shares the unique prefix.
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}-*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  }
});

describe('edstream serve --config with Redis', () => {
  it('runs the stream from a Redis bus into the LRS, answers /health and /metrics, and stops on SIGTERM', async () => {
    dir = tempDir('serve-redis');
    prefix = `edstream-test-serve-${randomUUID().slice(0, 8)}`;
    const path = join(dir, 'edstream.yaml');
    writeFileSync(
      path,
      [
        `dataDir: ${dir}`,
        'server: { port: 0 }',
        'bus:',
        '  url: ${EDSTREAM_TEST_REDIS_URL}',
        `  prefix: ${prefix}`,
        'lrs:',
        `  store: sqlite:${join(dir, 'lrs.db')}`,
        'stream:',
        '  xapi:',
        `    tenantId: ${XAPI.tenantId}`,
        `    secret: ${XAPI.secret}`,
        '  subscriptions:',
        '    - name: lms',
        '      source: { topic: events, group: xapi }',
        '      profile: brightspace',
        `      sinks: [{ type: file, path: ${join(dir, 'statements.ndjson')} }]`,
        'simulate: { rate: 100, learners: 30, courses: 3 }',
        '',
      ].join('\n'),
    );
    cli = new CliProcess(['serve', '--config', path], { EDSTREAM_TEST_REDIS_URL: REDIS_URL });
    const url = (await cli.waitForOutput(/Dashboard: (http:\/\/127\.0\.0\.1:\d+\/)\n/))[1]!;

    // Events go simulator → Redis → consumer → xAPI → the built-in LRS, which the explorer reads.
    await waitFor(
      async () => {
        const found = (await (await fetch(`${url}api/statements?limit=5`)).json()) as {
          statements: unknown[];
        };
        return found.statements.length === 5;
      },
      'statements to flow from Redis into the LRS',
      { timeoutMs: 30_000, intervalMs: 250 },
    );
    const health = await fetch(`${url}health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({
      status: 'ok',
      checks: { bus: { ok: true, message: 'redis bus answers' } },
    });
    const metrics = await (await fetch(`${url}metrics`)).text();
    expect(metrics).toMatch(
      /edstream_statements_delivered_total\{subscription="lms",sink="builtin-lrs"\} [1-9]/,
    );
    const overview = (await (await fetch(`${url}api/overview`)).json()) as { counts: Record<string, number> };
    expect(overview.counts.produced).toBeGreaterThan(0);
    expect(overview.counts.consumed).toBeGreaterThan(0);

    const redis = new Redis(REDIS_URL);
    expect(await redis.xlen(`${prefix}-events`)).toBeGreaterThan(20);
    await redis.quit();

    cli.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
    expect(cli.stdout).toMatch(/final: produced [\d,]+ → consumed/);
  }, 90_000);
});
