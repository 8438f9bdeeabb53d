import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BusBackend } from '../../src/bus/backend.js';
import { createBackend } from '../../src/bus/create-backend.js';
import { silentLogger } from '../../src/logging.js';
import { parseStreamConfig } from '../../src/streams/config.js';
import { createStream, type DataStream } from '../../src/streams/pipeline.js';
import {
  makeEvents,
  mappedEventTypes,
  publish,
  statementIds,
  streamConfig,
  tempDir,
  waitFor,
  webhookSecret,
} from './stream-kit.js';
import { WebhookReceiver } from './webhook-receiver.js';

const OUTAGE_MS = 60_000;
const STREAM = 'dev-events';

// Takes about 70 s by design: the receiver refuses connections for a whole minute.
describe('a 60-second webhook outage', () => {
  let dir: string;
  let bus: BusBackend;
  let receiver: WebhookReceiver;
  let running: DataStream | undefined;
  const secret = webhookSecret();

  beforeAll(async () => {
    dir = tempDir('outage');
    bus = await createBackend('memory:');
    receiver = await WebhookReceiver.start({ secret });
  });

  afterAll(async () => {
    await running?.stop();
    await receiver.close();
    await bus.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('delivers every statement once the receiver is back: none lost, repeats only under the same id', async () => {
    const events = makeEvents(2000, mappedEventTypes('brightspace'));
    const expected = statementIds(events);
    const config = parseStreamConfig(
      streamConfig(dir, {
        source: { bus: 'memory:', topic: 'events', prefix: 'dev', group: 'xapi' },
        sinks: [
          {
            type: 'webhook',
            url: receiver.url,
            secret,
            batchSize: 100,
            batchMs: 50,
            parallel: 4,
            timeoutMs: 2000,
            // Backoff capped at 4 s and 100 attempts: retries span the minute, then catch up fast.
            retryBaseMs: 250,
            retryMaxMs: 4000,
            maxAttempts: 100,
          },
        ],
      }),
    );
    running = await createStream(config, { logger: silentLogger, backendFor: async () => bus });
    const sink = running.subscriptions[0]!.sinks[0]!;
    const consumer = running.subscriptions[0]!.consumer!;

    await publish(bus, STREAM, events.slice(0, 500));
    await waitFor(() => sink.stats.delivered === 500, 'the first 500 before the outage');

    await receiver.goDown('refused');
    const downAt = Date.now();
    // The rest arrives while the receiver is down, in bursts over the first 15 seconds.
    for (let i = 500; i < events.length; i += 150) {
      await publish(bus, STREAM, events.slice(i, i + 150));
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    await waitFor(() => Date.now() - downAt >= OUTAGE_MS, 'the end of the outage', {
      timeoutMs: OUTAGE_MS + 5000,
      intervalMs: 100,
    });
    expect(receiver.uniqueDelivered).toBe(500);
    expect(sink.stats.retrying).toBeGreaterThan(0);
    expect(sink.stats.deadLettered).toBe(0);
    const info = await bus.info(STREAM);
    expect(info?.groups[0]?.pending).toBe(1500);

    await receiver.comeBack();
    await waitFor(() => sink.stats.delivered === 2000, 'delivery after the outage', { timeoutMs: 30_000 });
    await waitFor(async () => (await bus.info(STREAM))?.groups[0]?.pending === 0, 'every entry acknowledged');

    expect([...receiver.statements.keys()].sort()).toEqual([...expected].sort());
    expect(receiver.conflicts).toBe(0);
    expect(receiver.badSignatures).toBe(0);
    expect(sink.stats).toMatchObject({ deadLettered: 0, retrying: 0, queued: 0 });
    expect(running.state.deadLetters()).toEqual([]);
    expect(consumer.stats.deadLettered).toBe(0);
  }, 120_000);
});
