import type { BusBackend } from '../bus/backend.js';
import { createBackend } from '../bus/create-backend.js';
import type { StreamConfig } from './config.js';
import { streamStatePath } from './pipeline.js';
import { createSinkFromConfig } from './sink-factory.js';
import { StreamStateStore } from './state-store.js';

/**
 * Delivers dead letters again through the sink that rejected them (looked up by subscription and
 * sink name in the configuration). Each one delivered is removed; each one failing stays.
 */
export async function replaySinkDeadLetters(
  config: StreamConfig,
  ids: readonly number[] | 'all',
): Promise<{ delivered: number; failed: number }> {
  const state = new StreamStateStore(streamStatePath(config));
  const backends = new Map<string, Promise<BusBackend>>();
  const backendFor = (url: string) => {
    if (!backends.has(url)) backends.set(url, createBackend(url));
    return backends.get(url)!;
  };
  let delivered = 0;
  let failed = 0;
  try {
    const letters = state
      .deadLetters({ limit: 1_000_000 })
      .filter((l) => ids === 'all' || ids.includes(l.id));
    for (const letter of letters) {
      const subscription = config.subscriptions.find((s) => s.name === letter.subscription);
      const index =
        subscription?.sinks.findIndex((c, i) => (c.name ?? `${c.type}-${i + 1}`) === letter.sink) ?? -1;
      if (!subscription || index < 0) {
        failed++;
        continue;
      }
      const sink = await createSinkFromConfig(subscription.sinks[index]!, backendFor, index);
      try {
        await sink.deliver([letter.statement]);
        state.removeDeadLetters([letter.id]);
        delivered++;
      } catch {
        failed++;
      } finally {
        await sink.close();
      }
    }
  } finally {
    for (const backend of backends.values()) await (await backend).close();
    state.close();
  }
  return { delivered, failed };
}
