import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { EdstreamError } from '../../errors.js';
import type { XapiVersion } from '../../xapi/statement.js';
import { negotiateVersion } from './version.js';

const HEADER_PARAMS = new Set([
  'authorization',
  'x-experience-api-version',
  'content-type',
  'content-length',
  'if-match',
  'if-none-match',
]);
const METHODS = new Set(['GET', 'HEAD', 'PUT', 'POST', 'DELETE']);
const DROPPED_HEADERS = new Set([
  'content-type',
  'content-length',
  'transfer-encoding',
  'connection',
  'date',
]);

const bad = (message: string) => new EdstreamError('lrs.bad_request', message);

/** Whether a request uses the alternate request syntax: a POST with a `method` query parameter. */
export function isAlternateRequest(request: FastifyRequest): boolean {
  if (request.method !== 'POST') return false;
  const query = request.url.indexOf('?');
  return query >= 0 && new URLSearchParams(request.url.slice(query + 1)).has('method');
}

/**
 * Answers an xAPI 1.0.3 alternate-syntax request (Communication 1.3): a form POST whose `method`
 * query parameter names the real method, whose form fields carry the headers, the query
 * parameters and the `content`. It is replayed as the request it stands for, through the whole
 * app (version, authentication, resource), and that answer is sent. xAPI 2.0 removed the syntax.
 */
export async function answerAlternateRequest(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  { bodyLimit, versions }: { bodyLimit: number; versions: readonly XapiVersion[] },
): Promise<void> {
  const url = new URL(request.url, 'http://lrs.invalid');
  const method = url.searchParams.get('method') ?? '';
  if ([...url.searchParams.keys()].some((name) => name !== 'method')) {
    throw bad(
      'an alternate-syntax request takes no query parameter but method; send the others as form fields',
    );
  }
  if (!METHODS.has(method))
    throw bad(
      `alternate-syntax method must be GET, HEAD, PUT, POST or DELETE, not ${JSON.stringify(method)}`,
    );
  const contentType = request.headers['content-type'] ?? '';
  if (!contentType.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    throw bad('an alternate-syntax request must be sent as application/x-www-form-urlencoded');
  }
  const form = new URLSearchParams((await readBody(request.raw, bodyLimit)).toString('utf8'));
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (typeof value === 'string' && !DROPPED_HEADERS.has(name)) headers[name] = value;
  }
  const query = new URLSearchParams();
  let content: string | undefined;
  for (const [name, value] of form) {
    const lower = name.toLowerCase();
    if (name === 'content') content = value;
    else if (HEADER_PARAMS.has(lower)) headers[lower] = value;
    else query.append(name, value);
  }
  if (content !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
  delete headers['content-length'];
  if (
    !versions.includes('1.0.3') ||
    negotiateVersion(headers['x-experience-api-version'], versions) !== '1.0.3'
  ) {
    throw new EdstreamError(
      'lrs.unsupported_version',
      'the alternate request syntax exists only in xAPI 1.0.x',
    );
  }
  const inner = await app.inject({
    method: method as 'GET',
    url: `${url.pathname}${query.size > 0 ? `?${query}` : ''}`,
    headers,
    ...(content === undefined ? {} : { payload: content }),
  });
  for (const [name, value] of Object.entries(inner.headers)) {
    if (value !== undefined && !DROPPED_HEADERS.has(name)) reply.header(name, value);
  }
  if (inner.headers['content-type']) reply.type(String(inner.headers['content-type']));
  reply.status(inner.statusCode).send(inner.rawPayload);
}

function readBody(stream: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        stream.removeAllListeners('data');
        reject(
          new EdstreamError('lrs.payload_too_large', 'the request body is larger than this LRS accepts'),
        );
      } else chunks.push(chunk);
    });
    stream.once('end', () => resolve(Buffer.concat(chunks)));
    stream.once('error', reject);
  });
}
