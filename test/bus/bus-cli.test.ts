import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StreamConsumer } from '../../src/bus/consumer.js';
import { createBackend } from '../../src/bus/create-backend.js';
import { EventProducer } from '../../src/bus/producer.js';
import { deadLetterStream } from '../../src/bus/topics.js';
import { stringifyJsonExact } from '../../src/codecs/json/exact-json.js';
import { toCloudEvent } from '../../src/envelope/index.js';
import { silentLogger } from '../../src/logging.js';
import { CliProcess, runCli } from '../cli-runner.js';
import { LOGIN, makeEvents, tempDir, waitFor } from './helpers.js';

const lines = (text: string) => text.split('\n').filter(Boolean);

const LOGS = { EDSTREAM_LOG_LEVEL: 'error' };

describe('bus CLI commands on sqlite', () => {
  let dir: string;
  let bus: string;
  const events = makeEvents(8, LOGIN);
  const common = () => ['--bus', bus, '--prefix', 'dev', '--topic', 'logins'];

  beforeAll(async () => {
    dir = tempDir('bus-cli');
    bus = `sqlite:${join(dir, 'bus.db')}`;
    const input = events.map((e) => stringifyJsonExact(toCloudEvent(e.metadata, e.data))).join('\n');
    const produced = await runCli(['produce', ...common()], { input: `${input}\n`, env: LOGS });
    expect(produced.stderr).toContain('8 published to dev-logins');
    expect(produced.code).toBe(0);
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('consumes exactly --count events and leaves the rest to the next run', async () => {
    const first = await runCli(['consume', ...common(), '--group', 'peek', '--name', 'p1', '--count', '3'], {
      env: LOGS,
    });
    expect(first.code).toBe(0);
    expect(lines(first.stdout).map((l) => l.split(/\s+/)[3])).toEqual(
      events.slice(0, 3).map((e) => e.metadata.id),
    );
    const second = await runCli(
      ['consume', ...common(), '--group', 'peek', '--name', 'p2', '--count', '3', '--json'],
      { env: LOGS },
    );
    expect(second.code).toBe(0);
    expect(lines(second.stdout).map((l) => (JSON.parse(l) as { id: string }).id)).toEqual(
      events.slice(3, 6).map((e) => e.metadata.id),
    );
    const stats = await runCli(['bus', 'stats', '--bus', bus, '--prefix', 'dev', '--json'], { env: LOGS });
    expect(lines(stats.stdout).map((l) => JSON.parse(l))).toEqual([
      {
        stream: 'dev-logins',
        length: 8,
        group: 'peek',
        pending: 0,
        lag: 2,
        dead_letters: 0,
        max_deleted_id: '0-0',
      },
    ]);
  });

  it('lists, shows, replays and purges dead letters', async () => {
    const backend = await createBackend(bus);
    const refused = new Set([events[1]!.metadata.id, events[4]!.metadata.id]);
    let handled = 0;
    const consumer = new StreamConsumer({
      backend,
      stream: 'dev-logins',
      group: 'workers',
      consumer: 'w1',
      maxAttempts: 1,
      blockMs: 50,
      logger: silentLogger,
      handler: (event) => {
        if (refused.has(event.metadata.id)) throw new Error(`refused ${event.metadata.id}`);
        handled++;
      },
    });
    await consumer.start();
    await waitFor(() => handled === 6 && consumer.stats.deadLettered === 2, 'six handled, two dead letters');
    await consumer.stop();
    await backend.close();

    const list = await runCli(['dlq', 'list', ...common(), '--json'], { env: LOGS });
    expect(list.code).toBe(0);
    const letters = lines(list.stdout).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(letters.map((l) => [l.code, l.message, l.attempts, l.group])).toEqual([
      ['handler.failed', `refused ${events[1]!.metadata.id}`, 1, 'workers'],
      ['handler.failed', `refused ${events[4]!.metadata.id}`, 1, 'workers'],
    ]);
    const table = await runCli(['dlq', 'list', ...common()], { env: LOGS });
    expect(lines(table.stdout)).toHaveLength(4);

    const show = await runCli(['dlq', 'show', String(letters[0]!.id), ...common()]);
    expect(show.code).toBe(0);
    const shown = JSON.parse(show.stdout) as { fields: Record<string, string> };
    expect(shown.fields.id).toBe(events[1]!.metadata.id);
    expect(shown.fields.type).toBe(LOGIN);
    expect(shown.fields.event_data).toMatch(/^[0-9a-f]+$/);
    const missing = await runCli(['dlq', 'show', '1-1', ...common()], { env: LOGS });
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('bus.dead_letter_not_found');

    const usage = await runCli(['dlq', 'replay', ...common()], { env: LOGS });
    expect(usage.code).toBe(2);

    const replay = await runCli(['dlq', 'replay', ...common(), '--id', String(letters[0]!.id)]);
    expect(replay.code).toBe(0);
    expect(replay.stdout).toMatch(/^replayed 1 dead letter\(s\): \d+-\d+/);
    const afterReplay = await runCli(['dlq', 'list', ...common(), '--json'], { env: LOGS });
    expect(lines(afterReplay.stdout).map((l) => JSON.parse(l).id)).toEqual([letters[1]!.id]);
    // The replayed event is a new entry of the topic: the group reads it next.
    const next = await runCli(
      ['consume', ...common(), '--group', 'workers', '--name', 'w2', '--count', '1'],
      { env: LOGS },
    );
    expect(lines(next.stdout).map((l) => l.split(/\s+/)[3])).toEqual([events[1]!.metadata.id]);

    const purge = await runCli(['dlq', 'purge', ...common(), '--all'], { env: LOGS });
    expect(purge.stdout.trim()).toBe('purged 1 dead letter(s)');
    expect(lines((await runCli(['dlq', 'list', ...common(), '--json'], { env: LOGS })).stdout)).toEqual([]);
  }, 60_000);
});

describe('edstream consume when its reader goes away', () => {
  let dir: string;
  let bus: string;

  beforeAll(async () => {
    dir = tempDir('bus-cli-epipe');
    bus = `sqlite:${join(dir, 'bus.db')}`;
    const backend = await createBackend(bus);
    // Far more output than a pipe buffers, so that the consumer is still writing when the pipe closes.
    await new EventProducer({ backend }).publishBatch('logins', makeEvents(1500, LOGIN));
    await backend.close();
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  /** `edstream consume … | head -1`: the reader takes the first line, then closes the pipe. */
  async function consumeUntilFirstLine(): Promise<{ code: number | null; first: string; stderr: string }> {
    const args = ['consume', '--bus', bus, '--topic', 'logins', '--group', 'g', '--name', 'c1', '--json'];
    const cli = new CliProcess(args, LOGS);
    cli.child.stdout.on('data', () => {
      if (cli.stdout.includes('\n')) cli.child.stdout.destroy();
    });
    const timer = setTimeout(() => cli.kill('SIGKILL'), 60_000);
    try {
      const code = await cli.exited;
      return { code, first: cli.stdout.split('\n')[0]!, stderr: cli.stderr };
    } finally {
      clearTimeout(timer);
    }
  }

  it('stops and exits 0 without an error, leaving what it could not print pending', async () => {
    const { code, first, stderr } = await consumeUntilFirstLine();
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect((JSON.parse(first) as { type: string }).type).toBe(LOGIN);

    const backend = await createBackend(bus);
    try {
      const group = (await backend.info('logins'))?.groups.find((g) => g.name === 'g');
      const delivered = 1500 - group!.lag!;
      // What it could not print is neither acknowledged nor dead-lettered: it stays pending.
      expect(group!.pending).toBeGreaterThan(0);
      expect(group!.pending).toBeLessThan(delivered);
      expect(await backend.info(deadLetterStream('logins'))).toBeNull();
    } finally {
      await backend.close();
    }
  }, 90_000);
});
