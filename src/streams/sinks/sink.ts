import { EdstreamError } from '../../errors.js';
import type { Statement } from '../../xapi/statement.js';

/** A destination of statements. `deliver` resolves when the destination accepted the whole batch. */
export interface Sink {
  readonly name: string;
  readonly kind: 'webhook' | 'lrs' | 'file' | 'bus';
  /** Throws a SinkError; `retryable` tells the runner whether trying again can help. */
  deliver(batch: readonly Statement[]): Promise<void>;
  close(): Promise<void>;
}

export interface SinkErrorOptions {
  retryable: boolean;
  /** A server's Retry-After, in milliseconds. */
  retryAfterMs?: number;
  status?: number;
  cause?: unknown;
}

/** A failed delivery: `sink.rejected` (permanent), `sink.unavailable` / `sink.timeout` (retryable). */
export class SinkError extends EdstreamError {
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly status: number | undefined;

  constructor(code: string, message: string, options: SinkErrorOptions) {
    super(code, message, {
      details: { retryable: options.retryable, status: options.status },
      ...(options.cause === undefined ? {} : { cause: options.cause }),
    });
    this.retryable = options.retryable;
    this.retryAfterMs = options.retryAfterMs;
    this.status = options.status;
  }
}

/** Parses Retry-After (seconds or an HTTP date) into milliseconds. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Classifies an HTTP response status: 2xx fine, 408/429/5xx retryable, other 4xx permanent. */
export function httpFailure(
  sink: string,
  status: number,
  body: string,
  retryAfter: string | null,
): SinkError {
  const retryable = status === 408 || status === 429 || status >= 500;
  const retryAfterMs = parseRetryAfter(retryAfter);
  return new SinkError(
    retryable ? 'sink.unavailable' : 'sink.rejected',
    `${sink} answered HTTP ${status}${body ? `: ${body.slice(0, 300)}` : ''}`,
    { retryable, status, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) },
  );
}

/** A network failure or timeout: always retryable. */
export function networkFailure(sink: string, error: unknown): SinkError {
  const timeout = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
  return new SinkError(
    timeout ? 'sink.timeout' : 'sink.unavailable',
    `${sink} could not be reached: ${error instanceof Error ? error.message : String(error)}`,
    { retryable: true, cause: error },
  );
}
