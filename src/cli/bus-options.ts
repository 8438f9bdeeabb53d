import type { Command } from 'commander';
import type { BusBackend } from '../bus/backend.js';
import { createBackend } from '../bus/create-backend.js';
import { fullTopic, topicPrefixFromEnv } from '../bus/topics.js';

export interface BusCommandOptions {
  bus?: string;
  prefix?: string;
  topic?: string;
}

/** The bus URL: the option, else EDSTREAM_BUS_URL, else the Open edX setting, else the embedded default. */
export function busUrl(options: BusCommandOptions): string {
  return (
    options.bus ??
    process.env.EDSTREAM_BUS_URL ??
    process.env.EVENT_BUS_REDIS_CONNECTION_URL ??
    'sqlite:./.edstream/bus.db'
  );
}

export function addBusOptions(command: Command, { topic = true } = {}): Command {
  command
    .option(
      '--bus <url>',
      'memory:, sqlite:PATH or redis://HOST:PORT (default EDSTREAM_BUS_URL or sqlite:./.edstream/bus.db)',
    )
    .option(
      '--prefix <prefix>',
      'topic prefix; streams are <prefix>-<topic> (default EVENT_BUS_TOPIC_PREFIX)',
    );
  if (topic) command.requiredOption('--topic <topic>', 'the topic, without prefix');
  return command;
}

export function streamName(options: BusCommandOptions): string {
  return fullTopic(options.topic!, options.prefix ?? topicPrefixFromEnv());
}

export async function withBackend<T>(
  options: BusCommandOptions,
  work: (backend: BusBackend) => Promise<T>,
): Promise<T> {
  const backend = await createBackend(busUrl(options));
  try {
    return await work(backend);
  } finally {
    await backend.close();
  }
}
