// The dashboard in a real browser: Debian's chromium, driven by playwright-core, against a real
// `edstream demo` process. Every step asserts on what the page shows, not on the API behind it.
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliProcess } from '../cli-runner.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOT = process.env.EDSTREAM_SCREENSHOT ?? join(tmpdir(), 'edstream-dashboard.png');

/** Stops the demo as Ctrl-C does and resolves with its exit code (SIGKILL after 30 s). */
async function stopDemo(demo: CliProcess): Promise<number | null> {
  const kill = setTimeout(() => demo.kill('SIGKILL'), 30_000);
  demo.kill('SIGINT');
  try {
    return await demo.exited;
  } finally {
    clearTimeout(kill);
  }
}

async function stageCount(page: Page, stage: string): Promise<number> {
  const text = await page.locator(`[data-stage="${stage}"]`).textContent();
  return Number((text ?? '').replace(/[^0-9]/g, '') || '0');
}

describe('the dashboard in chromium', () => {
  let dataDir: string;
  let demo: CliProcess | undefined;
  let browser: Browser | undefined;
  let page: Page;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `chromium is not installed at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`,
      );
    }
    dataDir = mkdtempSync(join(tmpdir(), 'edstream-dashboard-'));
    demo = new CliProcess(['demo', '--port', '0', '--data-dir', dataDir, '--rate', '100', '--seed', '7']);
    const [, url] = await demo.waitForOutput(/Dashboard: (http:\/\/\S+)/);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await page.goto(url!);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (demo) {
      const code = await stopDemo(demo);
      expect(code, demo.stderr).toBe(0);
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
