import { createHash, createHmac } from 'node:crypto';
import type { Statement } from '../../xapi/statement.js';
import { createHttpPoster } from './http-poster.js';
import { JsonBatchWriter } from './json-batch-writer.js';
import type { Sink } from './sink.js';

export interface WebhookSinkOptions {
  name?: string;
  url: string;
  /** The Standard Webhooks secret: `whsec_<base64>` (or any text, used as the key bytes). */
  secret: string;
  headers?: Record<string, string>;
  /** Send one statement per request body (an object) instead of an array. */
  single?: boolean;
  timeoutMs?: number;
}

/** The signing key of a Standard Webhooks secret. */
export function webhookKey(secret: string): Buffer {
  return secret.startsWith('whsec_') ? Buffer.from(secret.slice(6), 'base64') : Buffer.from(secret, 'utf8');
}

/** `v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">`, as the Standard Webhooks scheme signs. */
export function signWebhook(key: Buffer, id: string, timestamp: number, body: string | Uint8Array): string {
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.`).update(body).digest('base64')}`;
}

/** The `webhook-id` of a batch: derived from its statement ids, so that a retried batch carries the same. */
export function batchWebhookId(batch: readonly Statement[]): string {
  const digest = createHash('sha256')
    .update(batch.map((s) => s.id).join(','))
    .digest('base64url');
  return `msg_${digest.slice(0, 32)}`;
}

/** Signs and POSTs webhook bodies; `post` throws a SinkError. */
export interface WebhookPoster {
  post(id: string, body: Uint8Array): Promise<void>;
  close(): void;
}

/** The sink's transport on its own: what it sends for a body, signed, over kept-alive connections. */
export function createWebhookPoster(options: Omit<WebhookSinkOptions, 'single'>): WebhookPoster {
  const key = webhookKey(options.secret);
  const http = createHttpPoster({
    name: options.name ?? `webhook ${options.url}`,
    url: options.url,
    timeoutMs: options.timeoutMs ?? 10_000,
  });
  return {
    post(id, body) {
      const timestamp = Math.floor(Date.now() / 1000);
      return http.post(
        {
          'content-type': 'application/json',
          ...options.headers,
          'webhook-id': id,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': signWebhook(key, id, timestamp, body),
        },
        body,
      );
    },
    close: () => http.close(),
  };
}

/**
 * POSTs statements to an HTTP endpoint, signed per Standard Webhooks. The `webhook-id` is derived
 * from the statement ids, so a retried batch carries the same id and a receiver can deduplicate.
 */
export function createWebhookSink(options: WebhookSinkOptions): Sink {
  const name = options.name ?? `webhook ${options.url}`;
  const poster = createWebhookPoster({ ...options, name });
  const writer = new JsonBatchWriter();
  return {
    name,
    kind: 'webhook',
    async deliver(batch: readonly Statement[]) {
      if (options.single) {
        for (const statement of batch)
          await poster.post(`msg_${statement.id}`, Buffer.from(JSON.stringify(statement)));
        return;
      }
      const body = writer.write(batch);
      try {
        await poster.post(batchWebhookId(batch), body.bytes);
      } finally {
        writer.release(body);
      }
    },
    async close() {
      poster.close();
    },
  };
}
