import { resolve } from 'node:path';
import type { BusBackend } from '../bus/backend.js';
import { fullTopic } from '../bus/topics.js';
import { type SinkConfig, sinkName } from './config.js';
import { createBusSink } from './sinks/bus-sink.js';
import { createFileSink } from './sinks/file-sink.js';
import { createLrsSink } from './sinks/lrs-sink.js';
import type { Sink } from './sinks/sink.js';
import { createWebhookSink } from './sinks/webhook-sink.js';

/** Builds the sink a configuration entry describes; its name defaults to `<type>-<position>`. */
export async function createSinkFromConfig(
  config: SinkConfig,
  backendFor: (url: string) => Promise<BusBackend>,
  index: number,
): Promise<Sink> {
  const name = sinkName(config, index);
  switch (config.type) {
    case 'webhook':
      return createWebhookSink({
        name,
        url: config.url,
        secret: config.secret,
        ...(config.headers ? { headers: config.headers } : {}),
        ...(config.single ? { single: config.single } : {}),
        ...(config.timeoutMs ? { timeoutMs: config.timeoutMs } : {}),
      });
    case 'lrs':
      return createLrsSink({
        name,
        endpoint: config.endpoint,
        ...(config.username !== undefined ? { username: config.username } : {}),
        ...(config.password !== undefined ? { password: config.password } : {}),
        ...(config.version ? { version: config.version } : {}),
        ...(config.timeoutMs ? { timeoutMs: config.timeoutMs } : {}),
      });
    case 'file':
      return createFileSink({
        name,
        path: resolve(config.path),
        ...(config.maxBytes ? { maxBytes: config.maxBytes } : {}),
        ...(config.maxAgeMs ? { maxAgeMs: config.maxAgeMs } : {}),
      });
    case 'bus':
      return createBusSink({
        name,
        backend: await backendFor(config.bus),
        stream: fullTopic(config.topic, config.prefix),
        ...(config.maxLen ? { maxLen: config.maxLen } : {}),
      });
  }
}
