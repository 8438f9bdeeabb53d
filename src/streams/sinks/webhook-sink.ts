import { createHash, createHmac } from 'node:crypto';
import type { Statement } from '../../xapi/statement.js';
import { httpFailure, networkFailure, type Sink } from './sink.js';

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
export function signWebhook(key: Buffer, id: string, timestamp: number, body: string): string {
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

/**
 * POSTs statements to an HTTP endpoint, signed per Standard Webhooks. The `webhook-id` is derived
 * from the statement ids, so a retried batch carries the same id and a receiver can deduplicate.
 */
export function createWebhookSink(options: WebhookSinkOptions): Sink {
  const key = webhookKey(options.secret);
  const name = options.name ?? `webhook ${options.url}`;
  const post = async (body: string, id: string) => {
    const timestamp = Math.floor(Date.now() / 1000);
    let response: Response;
    try {
      response = await fetch(options.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...options.headers,
          'webhook-id': id,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': signWebhook(key, id, timestamp, body),
        },
        body,
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
    } catch (error) {
      throw networkFailure(name, error);
    }
    if (!response.ok)
      throw httpFailure(
        name,
        response.status,
        await response.text().catch(() => ''),
        response.headers.get('retry-after'),
      );
    await response.arrayBuffer().catch(() => undefined);
  };
  return {
    name,
    kind: 'webhook',
    async deliver(batch: readonly Statement[]) {
      if (options.single) {
        for (const statement of batch) await post(JSON.stringify(statement), `msg_${statement.id}`);
        return;
      }
      const id = `msg_${createHash('sha256')
        .update(batch.map((s) => s.id).join(','))
        .digest('base64url')
        .slice(0, 32)}`;
      await post(JSON.stringify(batch), id);
    },
    async close() {},
  };
}
