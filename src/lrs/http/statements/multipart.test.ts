import { describe, expect, it } from 'vitest';
import { buildMultipart, multipartBoundary, parseMultipart } from './multipart.js';

describe('multipart/mixed', () => {
  it('round-trips parts with binary bodies that contain CRLF and dashes', () => {
    const body = Buffer.from([0, 13, 10, 45, 45, 255]);
    const built = buildMultipart([
      { headers: { 'Content-Type': 'application/json' }, body: Buffer.from('{"a":1}') },
      { headers: { 'X-Experience-API-Hash': 'abc' }, body },
    ]);
    const parts = parseMultipart(built.body, built.contentType);
    expect(parts.map((p) => p.headers)).toEqual([
      { 'content-type': 'application/json' },
      { 'x-experience-api-hash': 'abc' },
    ]);
    expect(parts[1]!.body.equals(body)).toBe(true);
  });

  it('reads quoted boundaries with the characters RFC 2046 allows, a preamble and a part without headers', () => {
    const boundary = "abcABC0123'()+_,-./:=?";
    const text = `preamble\r\n--${boundary}\r\nContent-Type:application/json\r\n\r\n[]\r\n--${boundary}\r\n\r\nno headers\r\n--${boundary}--\r\nepilogue`;
    const parts = parseMultipart(Buffer.from(text), `multipart/mixed; boundary="${boundary}"`);
    expect(parts.map((p) => p.body.toString())).toEqual(['[]', 'no headers']);
    expect(parts[1]!.headers).toEqual({});
  });

  it('rejects a body without a boundary parameter or without its closing delimiter', () => {
    expect(() => multipartBoundary('multipart/mixed')).toThrow(/boundary/);
    expect(() => parseMultipart(Buffer.from('--b\r\n\r\nx'), 'multipart/mixed; boundary=b')).toThrow(
      /closing/,
    );
  });
});
