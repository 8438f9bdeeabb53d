import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { httpFailure, networkFailure, type SinkError } from './sink.js';

export interface HttpPosterOptions {
  /** The sink's name, for error messages. */
  name: string;
  url: string;
  timeoutMs: number;
}

/** POSTs bodies to one URL over kept-alive connections; `post` throws a SinkError. */
export interface HttpPoster {
  post(headers: Readonly<Record<string, string>>, body: Uint8Array): Promise<void>;
  /** Closes the idle connections. */
  close(): void;
}

/** The error body kept for the message; the rest is read and dropped. */
const ERROR_BODY_BYTES = 4096;

/**
 * node:http with a keep-alive agent rather than `fetch`: a buffer body is written as it is, where
 * fetch copies a half-megabyte batch twice and spends twice the CPU per request. Redirects are not
 * followed: a 3xx is a rejection, which is how a moved webhook endpoint gets noticed.
 */
export function createHttpPoster({ name, url, timeoutMs }: HttpPosterOptions): HttpPoster {
  const target = new URL(url);
  const secure = target.protocol === 'https:';
  const agent = secure ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
  const send = secure ? httpsRequest : httpRequest;
  return {
    post(headers, body) {
      return new Promise<void>((resolve, reject) => {
        // Settled on the request's `close`: only then is the body no longer read, so that the caller
        // may reuse its buffer.
        let outcome: SinkError | 'ok' | undefined;
        const request = send(
          target,
          {
            method: 'POST',
            agent,
            headers: { ...headers, 'content-length': String(body.byteLength) },
            signal: AbortSignal.timeout(timeoutMs),
          },
          (response) => readResponse(name, response, (result) => (outcome ??= result)),
        );
        request.on('error', (error) => {
          outcome ??= networkFailure(name, error);
        });
        request.on('close', () => {
          if (outcome === 'ok') resolve();
          else reject(outcome ?? networkFailure(name, new Error('the connection closed before an answer')));
        });
        request.end(body);
      });
    },
    close() {
      agent.destroy();
    },
  };
}

function readResponse(
  name: string,
  response: IncomingMessage,
  settle: (result: SinkError | 'ok') => void,
): void {
  const status = response.statusCode ?? 0;
  const chunks: Buffer[] = [];
  let kept = 0;
  response.on('data', (chunk: Buffer) => {
    if (status >= 200 && status < 300) return;
    if (kept < ERROR_BODY_BYTES) {
      chunks.push(chunk);
      kept += chunk.length;
    }
  });
  response.on('end', () => {
    if (status >= 200 && status < 300) return settle('ok');
    const text = Buffer.concat(chunks).toString('utf8', 0, Math.min(kept, ERROR_BODY_BYTES));
    const retryAfter = response.headers['retry-after'];
    settle(httpFailure(name, status, text, typeof retryAfter === 'string' ? retryAfter : null));
  });
  response.on('error', (error) => settle(networkFailure(name, error)));
}
