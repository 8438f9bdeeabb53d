import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CliProcess } from '../cli-runner.js';
import { tempDir } from './server-kit.js';

const COUNTS =
  /final: produced ([\d,]+) → consumed ([\d,]+) → transformed ([\d,]+) → delivered ([\d,]+) · retried ([\d,]+) · dead-lettered ([\d,]+) · lag ([\d,]+)/;
const number = (text: string) => Number(text.replace(/,/g, ''));

let dir: string | undefined;
let cli: CliProcess | undefined;

afterEach(() => {
  cli?.kill('SIGKILL');
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('edstream demo', () => {
  it('serves the dashboard on the port it prints, and stops by itself after --duration with counts that add up', async () => {
    dir = tempDir('demo');
    cli = new CliProcess(['demo', '--port', '0', '--duration', '8', '--data-dir', dir, '--rate', '200']);
    expect((await cli.waitForOutput(/Data directory: (.+)\n/))[1]).toBe(dir);
    const url = (await cli.waitForOutput(/Dashboard: (http:\/\/127\.0\.0\.1:\d+\/)\n/))[1]!;

    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>edstream dashboard</title>');
    const health = await fetch(`${url}health`);
    expect(health.status).toBe(200);
    const about = await fetch(`${url}xapi/about`);
    expect(about.status).toBe(200);

    expect(await cli.exited).toBe(0);
    const [, produced, consumed, transformed, delivered, , deadLettered, lag] = cli.stdout
      .match(COUNTS)!
      .map((v, i) => (i === 0 ? 0 : number(v))) as number[];
    expect(produced).toBeGreaterThan(500);
    // A timed run waits for the pipeline to catch up before it stops.
    expect(consumed).toBe(produced);
    expect(transformed).toBeGreaterThan(0);
    expect(delivered).toBeGreaterThan(transformed!);
    expect(deadLettered).toBeGreaterThanOrEqual(0);
    expect(lag).toBe(0);
    // Counts lines were printed while it ran.
    expect(cli.stdout).toMatch(/^produced [\d,]+ → consumed/m);

    const ndjson = readFileSync(join(dir, 'statements.ndjson'), 'utf8').trim().split('\n');
    expect(ndjson.length).toBe(transformed);
    expect(existsSync(join(dir, 'lrs.db'))).toBe(true);
    expect(existsSync(join(dir, 'bus.db'))).toBe(true);
  }, 90_000);

  it('refuses a bad option with a usage error', async () => {
    cli = new CliProcess(['demo', '--profile', 'scorm']);
    expect(await cli.exited).toBe(2);
    expect(cli.stderr).toMatch(/--profile must be brightspace or adl/);
  }, 60_000);
});
