import type { BusBackend } from '../../bus/backend.js';
import { EdstreamError } from '../../errors.js';
import type { Statement } from '../../xapi/statement.js';
import { type Sink, SinkError } from './sink.js';

export interface BusSinkOptions {
  name?: string;
  backend: BusBackend;
  stream: string;
  maxLen?: number;
}

/** Publishes statements onto a stream: one entry per statement, fields `type`, `id`, `statement` (JSON). */
export function createBusSink(options: BusSinkOptions): Sink {
  const name = options.name ?? `bus ${options.stream}`;
  return {
    name,
    kind: 'bus',
    async deliver(batch: readonly Statement[]) {
      try {
        await options.backend.append(
          options.stream,
          batch.map((s) => [
            ['type', 'xapi.statement'],
            ['id', s.id ?? ''],
            ['statement', JSON.stringify(s)],
          ]),
          options.maxLen === undefined ? {} : { maxLen: options.maxLen },
        );
      } catch (error) {
        throw new SinkError(
          'sink.unavailable',
          `${name}: ${error instanceof EdstreamError ? error.message : String(error)}`,
          {
            retryable: true,
            cause: error,
          },
        );
      }
    },
    async close() {},
  };
}
