import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the receiver saw it, whatever it answered. */
export interface ReceivedRequest {
  /** `performance.now()` when the request arrived (before its body was read). */
  readonly at: number;
  readonly webhookId: string;
  readonly headers: IncomingHttpHeaders;
  /** The statement ids of the body (empty when the body was not a statement or an array of them). */
  readonly statementIds: readonly string[];
  /** What the receiver answered; 0 when it never answered (a hang, or the connection was cut). */
  status: number;
}

/** A programmed answer for the next request(s). */
type Fault =
  | { readonly kind: 'status'; readonly status: number; readonly retryAfter?: string }
  | { readonly kind: 'hang' };

export interface WebhookReceiverOptions {
  /** The Standard Webhooks secret the sink signs with (`whsec_<base64>` or plain text). */
  secret: string;
  /** Reject a signature whose timestamp is further than this from now (default 5 minutes). */
  toleranceSeconds?: number;
  /** Listen on this port (default: any free port). */
  port?: number;
}

/**
 * A local webhook endpoint for tests: verifies Standard Webhooks signatures (401 and a count for
 * bad ones), records every accepted statement by id, and answers with programmable faults.
 */
export class WebhookReceiver {
  readonly requests: ReceivedRequest[] = [];
  /** The JSON of each accepted statement, by id (the first copy). */
  readonly statements = new Map<string, string>();
  /** How often each statement id was accepted (more than once: a redelivery). */
  readonly deliveries = new Map<string, number>();
  /** Accepted copies whose JSON differed from the first copy of the same id: must stay 0. */
  conflicts = 0;
  badSignatures = 0;
  /** Each response is held this long before it is sent. */
  delayMs = 0;
  /** A request whose body holds a statement this matches is rejected with 400 as a whole. */
  rejectWhen: ((statement: Record<string, unknown>) => boolean) | undefined;

  readonly #key: Buffer;
  readonly #toleranceSeconds: number;
  #faults: Fault[] = [];
  #server: Server | undefined;
  #port = 0;
  #down: 'refused' | 503 | undefined;
  #waiters: (() => void)[] = [];
  #held: ServerResponse[] = [];
  #stalled = false;

  private constructor(options: WebhookReceiverOptions) {
    this.#key = options.secret.startsWith('whsec_')
      ? Buffer.from(options.secret.slice(6), 'base64')
      : Buffer.from(options.secret, 'utf8');
    this.#toleranceSeconds = options.toleranceSeconds ?? 300;
    this.#port = options.port ?? 0;
  }

  static async start(options: WebhookReceiverOptions): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver(options);
    await receiver.#listen();
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${this.#port}/hook`;
  }

  get port(): number {
    return this.#port;
  }

  /** Requests that arrived and are not answered yet (stalled or hanging). */
  get held(): number {
    return this.#held.length;
  }

  /** The next `count` requests are answered with `status` (500 unless told). */
  fail(count: number, status = 500): void {
    for (let i = 0; i < count; i++) this.#faults.push({ kind: 'status', status });
  }

  /** The next `count` requests are answered 429 with `Retry-After: <seconds>`. */
  rateLimit(count: number, seconds: number): void {
    for (let i = 0; i < count; i++)
      this.#faults.push({ kind: 'status', status: 429, retryAfter: String(seconds) });
  }

  /**
   * The next `count` requests are read and recorded, but never answered: the client times out
   * after the receiver has the statements, so its retry is a redelivery.
   */
  hang(count: number): void {
    for (let i = 0; i < count; i++) this.#faults.push({ kind: 'hang' });
  }

  /** Every request waits, unanswered and unrecorded, until `release()`. */
  stall(): void {
    this.#stalled = true;
  }

  /** Ends a stall: the held requests are handled now, in order. */
  release(): void {
    this.#stalled = false;
    for (const response of this.#held.splice(0)) response.emit('release');
  }

  /**
   * An outage: `refused` closes the listening socket and every connection (clients get
   * ECONNREFUSED) and listens again on the same port afterwards; `503` answers 503 meanwhile.
   */
  async goDown(mode: 'refused' | 503): Promise<void> {
    this.#down = mode;
    if (mode === 'refused') await this.#close();
  }

  async comeBack(): Promise<void> {
    const was = this.#down;
    this.#down = undefined;
    if (was === 'refused') await this.#listen();
  }

  /** Statement ids accepted at least once. */
  get uniqueDelivered(): number {
    return this.statements.size;
  }

  /** Statement ids accepted more than once (each redelivery of the same id). */
  get duplicates(): number {
    let extra = 0;
    for (const count of this.deliveries.values()) extra += count - 1;
    return extra;
  }

  /** Resolves once `condition` holds, checked after each request. */
  async until(condition: () => boolean, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error('timed out waiting for the webhook receiver');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 50);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async close(): Promise<void> {
    this.#down = 'refused';
    await this.#close();
  }

  #listen(): Promise<void> {
    const server = createServer((request, response) => void this.#handle(request, response));
    server.keepAliveTimeout = 60_000;
    this.#server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.#port, '127.0.0.1', () => {
        this.#port = (server.address() as AddressInfo).port;
        server.off('error', reject);
        resolve();
      });
    });
  }

  #close(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    if (!server) return Promise.resolve();
    for (const response of this.#held.splice(0)) response.destroy();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    return closed;
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const at = performance.now();
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    if (this.#stalled) {
      this.#held.push(response);
      await new Promise<void>((resolve) => response.once('release', resolve));
      if (response.destroyed) return;
    }
    const header = (name: string) => {
      const value = request.headers[name];
      return Array.isArray(value) ? value.join(',') : (value ?? '');
    };
    const parsed = parseStatements(body);
    const seen: ReceivedRequest = {
      at,
      webhookId: header('webhook-id'),
      headers: request.headers,
      statementIds: parsed.map((s) => String(s.id)),
      status: 0,
    };
    this.requests.push(seen);
    const answer = (status: number, text = '', headers: Record<string, string> = {}) => {
      seen.status = status;
      const send = () => {
        if (response.destroyed) return;
        response.writeHead(status, { 'content-type': 'text/plain', ...headers }).end(text);
        this.#notify();
      };
      if (this.delayMs > 0) setTimeout(send, this.delayMs);
      else send();
    };

    if (this.#down === 503) return answer(503, 'down for maintenance');
    if (!this.#verify(header('webhook-id'), header('webhook-timestamp'), header('webhook-signature'), body)) {
      this.badSignatures++;
      return answer(401, 'bad signature');
    }
    const fault = this.#faults.shift();
    if (fault?.kind === 'status')
      return answer(
        fault.status,
        'programmed fault',
        fault.retryAfter ? { 'retry-after': fault.retryAfter } : {},
      );
    if (parsed.length === 0) return answer(400, 'expected a statement or an array of statements');
    if (this.rejectWhen && parsed.some(this.rejectWhen)) return answer(400, 'statement rejected');
    for (const statement of parsed) {
      const id = String(statement.id);
      const json = JSON.stringify(statement);
      const first = this.statements.get(id);
      if (first === undefined) this.statements.set(id, json);
      else if (first !== json) this.conflicts++;
      this.deliveries.set(id, (this.deliveries.get(id) ?? 0) + 1);
    }
    if (fault?.kind === 'hang') {
      this.#held.push(response);
      this.#notify();
      return;
    }
    answer(200);
  }

  /** Standard Webhooks: any `v1,<base64>` in the header matching HMAC-SHA256 of `id.timestamp.body`. */
  #verify(id: string, timestamp: string, signatures: string, body: string): boolean {
    if (!id || !/^\d+$/.test(timestamp)) return false;
    if (Math.abs(Date.now() / 1000 - Number(timestamp)) > this.#toleranceSeconds) return false;
    const expected = createHmac('sha256', this.#key).update(`${id}.${timestamp}.${body}`).digest();
    return signatures.split(' ').some((entry) => {
      const [version, signature] = entry.split(',', 2);
      if (version !== 'v1' || !signature) return false;
      const given = Buffer.from(signature, 'base64');
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
  }

  #notify(): void {
    for (const wake of this.#waiters.splice(0)) wake();
  }
}

function parseStatements(body: string): Record<string, unknown>[] {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return [];
  }
  const list = Array.isArray(value) ? value : [value];
  return list.every(
    (s) => typeof s === 'object' && s !== null && typeof (s as { id?: unknown }).id === 'string',
  )
    ? (list as Record<string, unknown>[])
    : [];
}
