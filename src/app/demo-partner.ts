import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { webhookKey } from '../streams/sinks/webhook-sink.js';

export const PARTNER_PATH = '/demo/partner-webhook';

export interface PartnerWebhookOptions {
  /** The Standard Webhooks secret the sink signs with; a fresh one by default. */
  secret?: string;
  /** One statement in this many is "bad" (default 100: about 1%); 1 makes every statement bad. */
  rejectOneIn?: number;
  /** Statements already flagged (dead letters of an earlier run): accepted when they come again. */
  flagged?: Iterable<string>;
  /** Signatures older or newer than this are refused (default 5 minutes, as Standard Webhooks advises). */
  toleranceSeconds?: number;
}

export interface PartnerWebhook {
  readonly secret: string;
  readonly stats: { accepted: number; rejected: number; badSignatures: number };
  /** Adds `POST /demo/partner-webhook` to the app (before it listens). */
  register(app: FastifyInstance): void;
}

/**
 * A simulated partner receiving the demo's webhook deliveries, so that the demo has real dead
 * letters to show and replay. It verifies Standard Webhooks signatures and refuses, with 422, any
 * delivery holding a "bad" statement (chosen by a hash of its id, so the same ones every run) that
 * it has not yet flagged. It flags a bad statement when that statement arrives alone, which is how
 * the sink runner isolates it before dead-lettering it; from then on it accepts it, so a replay
 * from the dashboard succeeds.
 */
export function createPartnerWebhook({
  secret = `whsec_${randomBytes(24).toString('base64')}`,
  rejectOneIn = 100,
  flagged = [],
  toleranceSeconds = 300,
}: PartnerWebhookOptions = {}): PartnerWebhook {
  const key = webhookKey(secret);
  const seen = new Set(flagged);
  const stats = { accepted: 0, rejected: 0, badSignatures: 0 };
  const isBad = (id: string) => createHash('sha256').update(id).digest().readUInt32BE(0) % rejectOneIn === 0;

  const verify = (id: string, timestamp: string, signatures: string, body: string) => {
    if (!id || !/^\d+$/.test(timestamp)) return false;
    if (Math.abs(Date.now() / 1000 - Number(timestamp)) > toleranceSeconds) return false;
    const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest();
    return signatures.split(' ').some((entry) => {
      const [version, signature] = entry.split(',', 2);
      if (version !== 'v1' || !signature) return false;
      const given = Buffer.from(signature, 'base64');
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
  };

  return {
    secret,
    stats,
    register(app) {
      void app.register(async (scope) => {
        // The signature covers the exact bytes: keep the body as text.
        scope.removeAllContentTypeParsers();
        scope.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
        scope.post(PARTNER_PATH, async (request, reply) => {
          const header = (name: string) => {
            const value = request.headers[name];
            return Array.isArray(value) ? value.join(' ') : (value ?? '');
          };
          const body = typeof request.body === 'string' ? request.body : '';
          if (!verify(header('webhook-id'), header('webhook-timestamp'), header('webhook-signature'), body)) {
            stats.badSignatures++;
            return reply.status(401).send({ error: 'bad or missing Standard Webhooks signature' });
          }
          let parsed: unknown;
          try {
            parsed = JSON.parse(body);
          } catch {
            return reply.status(400).send({ error: 'the body is not JSON' });
          }
          const list = (Array.isArray(parsed) ? parsed : [parsed]) as { id?: unknown }[];
          const ids = list.map((s) => (typeof s?.id === 'string' ? s.id : ''));
          if (ids.some((id) => id === ''))
            return reply.status(400).send({ error: 'every statement needs an id' });
          const refused = ids.find((id) => isBad(id) && !seen.has(id));
          if (refused !== undefined) {
            if (ids.length === 1) seen.add(refused);
            stats.rejected++;
            return reply
              .status(422)
              .type('text/plain; charset=utf-8')
              .send(`refused statement ${refused} (simulated; a replay is accepted)`);
          }
          stats.accepted += ids.length;
          return reply.status(204).send();
        });
      });
    },
  };
}
