import { randomBytes } from 'node:crypto';
import { EdstreamError } from '../../../errors.js';

export interface MultipartPart {
  /** Header names lowercased. */
  headers: Record<string, string>;
  body: Buffer;
}

const invalid = (message: string) => new EdstreamError('lrs.invalid_attachment', message);

/** The boundary of a `multipart/mixed` content type, unquoted. */
export function multipartBoundary(contentType: string): string {
  const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const boundary = match?.[1] ?? match?.[2];
  if (!boundary) throw invalid('multipart/mixed request without a boundary parameter');
  return boundary;
}

/** Splits a `multipart/mixed` body (RFC 2046) into parts; preamble and epilogue are ignored. */
export function parseMultipart(body: Buffer, contentType: string): MultipartPart[] {
  const delimiter = Buffer.from(`--${multipartBoundary(contentType)}`);
  const parts: MultipartPart[] = [];
  let start = body.indexOf(delimiter);
  if (start < 0) throw invalid('multipart body does not contain its boundary');
  for (;;) {
    let cursor = start + delimiter.length;
    if (body[cursor] === 0x2d && body[cursor + 1] === 0x2d) break; // closing delimiter "--"
    const lineEnd = body.indexOf('\r\n', cursor);
    if (lineEnd < 0) throw invalid('multipart body ends inside a delimiter line');
    cursor = lineEnd + 2;
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), cursor - 2);
    if (next < 0) throw invalid('multipart body has no closing boundary');
    const raw = body.subarray(cursor, Math.max(cursor, next));
    // A part with no headers starts with the blank line that ends them.
    const headerEnd = raw.subarray(0, 2).toString('latin1') === '\r\n' ? -2 : raw.indexOf('\r\n\r\n');
    const headerText =
      headerEnd === -2 ? '' : raw.subarray(0, headerEnd < 0 ? raw.length : headerEnd).toString('latin1');
    const headers: Record<string, string> = {};
    for (const line of headerText.split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    const bodyStart = headerEnd === -2 ? 2 : headerEnd < 0 ? raw.length : headerEnd + 4;
    parts.push({ headers, body: raw.subarray(bodyStart) });
    start = next + 2;
  }
  return parts;
}

/** Builds a `multipart/mixed` body from parts, with a random boundary. */
export function buildMultipart(parts: readonly MultipartPart[]): { contentType: string; body: Buffer } {
  const boundary = `edstream-${randomBytes(12).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const headers = Object.entries(part.headers)
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('');
    chunks.push(Buffer.from(`--${boundary}\r\n${headers}\r\n`), part.body, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { contentType: `multipart/mixed; boundary=${boundary}`, body: Buffer.concat(chunks) };
}
