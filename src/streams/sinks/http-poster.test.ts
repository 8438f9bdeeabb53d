import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpPoster } from './http-poster.js';
import type { SinkError } from './sink.js';

let server: Server | undefined;

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

async function serve(handler: RequestListener): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.unreachable('the post succeeded'),
    (error: unknown) => error as SinkError,
  );

describe('createHttpPoster', () => {
  it('sends the body and headers, and reuses one connection for consecutive posts', async () => {
    const seen: { body: string; type: string | undefined; port: number | undefined }[] = [];
    const url = await serve((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (c: Buffer) => chunks.push(c));
      request.on('end', () => {
        seen.push({
          body: Buffer.concat(chunks).toString(),
          type: request.headers['content-type'],
          port: request.socket.remotePort,
        });
        response.end('ok');
      });
    });
    const poster = createHttpPoster({ name: 'hook', url, timeoutMs: 5000 });
    await poster.post({ 'content-type': 'application/json' }, Buffer.from('[1]'));
    await poster.post({ 'content-type': 'application/json' }, Buffer.from('[2]'));
    poster.close();
    expect(seen.map((s) => s.body)).toEqual(['[1]', '[2]']);
    expect(seen[0]!.type).toBe('application/json');
    expect(seen[1]!.port).toBe(seen[0]!.port);
  });

  it('throws a retryable error with the Retry-After of a 429, and the answer in its message', async () => {
    const url = await serve((_request, response) => {
      response.writeHead(429, { 'retry-after': '3' }).end('slow down');
    });
    const poster = createHttpPoster({ name: 'hook', url, timeoutMs: 5000 });
    const error = await failure(poster.post({}, Buffer.from('[]')));
    poster.close();
    expect(error.code).toBe('sink.unavailable');
    expect(error.retryable).toBe(true);
    expect(error.retryAfterMs).toBe(3000);
    expect(error.message).toContain('slow down');
  });

  it('treats a redirect as a permanent rejection instead of following it', async () => {
    const url = await serve((_request, response) => {
      response.writeHead(308, { location: 'http://127.0.0.1:1/elsewhere' }).end();
    });
    const poster = createHttpPoster({ name: 'hook', url, timeoutMs: 5000 });
    const error = await failure(poster.post({}, Buffer.from('[]')));
    poster.close();
    expect(error.code).toBe('sink.rejected');
    expect(error.status).toBe(308);
  });

  it('gives up on an endpoint that does not answer within the timeout, as a retryable timeout', async () => {
    const url = await serve(() => {});
    const poster = createHttpPoster({ name: 'hook', url, timeoutMs: 100 });
    const error = await failure(poster.post({}, Buffer.from('[]')));
    poster.close();
    expect(error.code).toBe('sink.timeout');
    expect(error.retryable).toBe(true);
  });

  it('reports a refused connection as retryable', async () => {
    const url = await serve(() => {});
    server!.close();
    await new Promise((resolve) => setTimeout(resolve, 10));
    const poster = createHttpPoster({ name: 'hook', url, timeoutMs: 1000 });
    const error = await failure(poster.post({}, Buffer.from('[]')));
    poster.close();
    expect(error.code).toBe('sink.unavailable');
    expect(error.retryable).toBe(true);
  });
});
