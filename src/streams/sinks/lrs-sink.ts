import type { Statement } from '../../xapi/statement.js';
import { httpFailure, networkFailure, type Sink } from './sink.js';

export interface LrsSinkOptions {
  name?: string;
  /** The LRS endpoint, e.g. `http://127.0.0.1:8080/xapi` (statements are POSTed to `<endpoint>/statements`). */
  endpoint: string;
  username?: string;
  password?: string;
  version?: '1.0.3' | '2.0.0';
  timeoutMs?: number;
}

/**
 * POSTs statement batches to an xAPI LRS. A 409 means the LRS already holds a statement with one of
 * these ids: with deterministic ids that is a redelivery, counted as delivered. Because a batch is
 * all-or-nothing, a 409 on several statements is retried one by one, so that the new ones land.
 */
export function createLrsSink(options: LrsSinkOptions): Sink {
  const url = `${options.endpoint.replace(/\/+$/, '')}/statements`;
  const name = options.name ?? `lrs ${options.endpoint}`;
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-experience-api-version': options.version ?? '1.0.3',
  };
  if (options.username !== undefined) {
    headers.authorization = `Basic ${Buffer.from(`${options.username}:${options.password ?? ''}`).toString('base64')}`;
  }
  const sink: Sink = {
    name,
    kind: 'lrs',
    async deliver(batch: readonly Statement[]) {
      let response: Response;
      try {
        response = await fetch(url, {
          method: 'POST',
          headers,
          body: JSON.stringify(batch),
          signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
        });
      } catch (error) {
        throw networkFailure(name, error);
      }
      const body = await response.text().catch(() => '');
      if (response.ok) return;
      if (response.status === 409) {
        if (batch.length > 1) for (const statement of batch) await sink.deliver([statement]);
        return;
      }
      throw httpFailure(name, response.status, body, response.headers.get('retry-after'));
    },
    async close() {},
  };
  return sink;
}
