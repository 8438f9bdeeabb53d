import type { BusBackend } from '../bus/backend.js';
import { createBackend } from '../bus/create-backend.js';
import { type StreamConfig, sinkName } from './config.js';
import { streamStatePath } from './pipeline.js';
import { createSinkFromConfig } from './sink-factory.js';
import type { Sink } from './sinks/sink.js';
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
  // One sink per configured sink, opened on first use: a file sink must not reopen per statement.
  const sinks = new Map<string, Promise<Sink | undefined>>();
  const sinkFor = (subscriptionName: string, name: string) => {
    const key = JSON.stringify([subscriptionName, name]);
    let found = sinks.get(key);
    if (!found) {
      const subscription = config.subscriptions.find((s) => s.name === subscriptionName);
      const index = subscription?.sinks.findIndex((c, i) => sinkName(c, i) === name) ?? -1;
      found =
        subscription && index >= 0
          ? createSinkFromConfig(subscription.sinks[index]!, backendFor, index)
          : Promise.resolve(undefined);
      sinks.set(key, found);
    }
    return found;
  };
  const wanted = ids === 'all' ? undefined : new Set(ids);
  let delivered = 0;
  let failed = 0;
  try {
    const letters = state
      .deadLetters({ limit: Number.MAX_SAFE_INTEGER })
      .filter((l) => wanted === undefined || wanted.has(l.id));
    for (const letter of letters) {
      const sink = await sinkFor(letter.subscription, letter.sink);
      if (!sink) {
        failed++;
        continue;
      }
      try {
        await sink.deliver([letter.statement]);
        state.removeDeadLetters([letter.id]);
        delivered++;
      } catch {
        failed++;
      }
    }
  } finally {
    for (const sink of sinks.values()) await (await sink.catch(() => undefined))?.close();
    for (const backend of backends.values()) await (await backend.catch(() => undefined))?.close();
    state.close();
  }
  return { delivered, failed };
}
