// The dashboard in a real browser: Debian's chromium, driven by playwright-core, against a real
// `edstream demo` process. Every step asserts on what the page shows, not on the API behind it.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ROOT = resolve(import.meta.dirname, '../..');
const SCREENSHOT = process.env.EDSTREAM_SCREENSHOT ?? join(tmpdir(), 'edstream-dashboard.png');

interface Demo {
  child: ChildProcess;
  url: string;
  output: () => string;
}

/** Starts `edstream demo` on a free port and resolves with the dashboard URL it prints. */
function startDemo(dataDir: string): Promise<Demo> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(ROOT, 'src/cli/main.ts'),
      'demo',
      '--port',
      '0',
      '--data-dir',
      dataDir,
      '--rate',
      '100',
      '--seed',
      '7',
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let text = '';
  const output = () => text;
  return new Promise((resolveDemo, reject) => {
    const timer = setTimeout(() => reject(new Error(`no dashboard URL after 60 s:\n${text}`)), 60_000);
    const onData = (chunk: Buffer) => {
      text += chunk.toString('utf8');
      const match = /Dashboard: (http:\/\/\S+)/.exec(text);
      if (match) {
        clearTimeout(timer);
        resolveDemo({ child, url: match[1]!, output });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`edstream demo exited with ${code} before serving:\n${text}`));
    });
  });
}

function stopDemo(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolveExit) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.once('exit', (code) => {
      clearTimeout(kill);
      resolveExit(code);
    });
    child.kill('SIGINT');
  });
}

async function stageCount(page: Page, stage: string): Promise<number> {
  const text = await page.locator(`[data-stage="${stage}"]`).textContent();
  return Number((text ?? '').replace(/[^0-9]/g, '') || '0');
}

describe('the dashboard in chromium', () => {
  let dataDir: string;
  let demo: Demo | undefined;
  let browser: Browser | undefined;
  let page: Page;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `chromium is not installed at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`,
      );
    }
    dataDir = mkdtempSync(join(tmpdir(), 'edstream-dashboard-'));
    demo = await startDemo(dataDir);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await page.goto(demo.url);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (demo) {
      const code = await stopDemo(demo.child);
      expect(code, demo.output()).toBe(0);
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('shows the pipeline counts rising', async () => {
    expect(await page.title()).toBe('edstream dashboard');
    await expect
      .poll(() => stageCount(page, 'delivered'), { timeout: 60_000, interval: 500 })
      .toBeGreaterThan(0);
    const produced = await stageCount(page, 'produced');
    await expect
      .poll(() => stageCount(page, 'produced'), { timeout: 30_000, interval: 500 })
      .toBeGreaterThan(produced);
    expect(await stageCount(page, 'consumed')).toBeGreaterThan(0);
    expect(await stageCount(page, 'transformed')).toBeGreaterThan(0);
    await expect
      .poll(() => page.locator('#rate-summary').textContent(), { timeout: 15_000 })
      .toMatch(/events in the last second/);
    expect(await page.locator('#health').textContent()).toMatch(/^running/);
  }, 120_000);

  it('filters the statement explorer by verb and opens one statement', async () => {
    // The verb list fills from the statements stored so far.
    await expect
      .poll(() => page.locator('#filter-verb option').count(), { timeout: 30_000 })
      .toBeGreaterThan(1);
    const verb = await page.locator('#filter-verb option').nth(1).getAttribute('value');
    expect(verb).toMatch(/^https?:\/\//);
    await page.selectOption('#filter-verb', verb!);
    await page.getByRole('button', { name: 'Search' }).click();
    const items = page.locator('#statement-list li');
    await expect.poll(() => items.count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const short = verb!.replace(/^.*\//, '');
    for (const text of await items.allTextContents()) expect(text).toContain(` ${short} `);
    await expect.poll(() => page.locator('#explorer-count').textContent()).toMatch(/^\d+ statement\(s\)$/);

    await items.first().click();
    await expect
      .poll(() => page.locator('#statement-json').textContent(), { timeout: 15_000 })
      .toContain('"verb"');
    const statement = JSON.parse((await page.locator('#statement-json').textContent())!) as {
      id: string;
      verb: { id: string };
      actor: unknown;
      object: unknown;
    };
    expect(statement.verb.id).toBe(verb);
    expect(await page.locator('#statement-title').textContent()).toBe(`Statement ${statement.id}`);
    expect(statement.actor).toBeDefined();
    expect(statement.object).toBeDefined();
  }, 60_000);

  it('opens an event type of the catalog with its fields and Avro schema', async () => {
    await page.fill('#catalog-filter', 'enrollment.created');
    const entry = page.locator('#catalog-list li', { hasText: 'learning.course.enrollment.created' });
    await entry.first().click();
    await expect
      .poll(() => page.locator('#catalog-event-title').textContent(), { timeout: 15_000 })
      .toBe('org.openedx.learning.course.enrollment.created.v1');
    const fields = (await page.locator('#catalog-fields').textContent()) ?? '';
    expect(fields).toContain('enrollment');
    expect(fields).toContain('Avro schema');
    expect(fields).toContain('"type": "record"');
  }, 30_000);

  it('lists a dead letter and replays it from the page', async () => {
    const replayButtons = page.locator('#dlq-table button', { hasText: 'Replay' });
    await expect.poll(() => replayButtons.count(), { timeout: 120_000, interval: 1000 }).toBeGreaterThan(0);
    const row = page
      .locator('#dlq-table tbody tr')
      .filter({ has: page.getByRole('button') })
      .first();
    const id = (await row.locator('td').nth(1).textContent())!;
    const code = (await row.locator('td').nth(2).textContent())!;
    expect(id).not.toBe('');
    expect(code).toMatch(/\./);
    await row.getByRole('button', { name: `Replay dead letter ${id}` }).click();
    await expect
      .poll(() => page.locator('#dlq-status').textContent(), { timeout: 30_000 })
      .toContain(`Replayed ${id}`);
    // Replayed and accepted: its row is gone from the list.
    await expect
      .poll(
        async () => (await page.locator('#dlq-table tbody td:nth-child(2)').allTextContents()).includes(id),
        {
          timeout: 15_000,
        },
      )
      .toBe(false);
    expect(await stageCount(page, 'deadLettered')).toBeGreaterThan(0);
  }, 180_000);

  it('saves a screenshot of the whole page', async () => {
    mkdirSync(dirname(SCREENSHOT), { recursive: true });
    await page.locator('#statement-list li').first().click();
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(statSync(SCREENSHOT).size).toBeGreaterThan(20_000);
  }, 30_000);
});
