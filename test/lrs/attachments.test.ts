import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseMultipart } from '../../src/lrs/http/statements/multipart.js';
import type { Attachment, Statement } from '../../src/xapi/statement.js';
import { createTestLrs, statement, type TestLrs } from './lrs-test-kit.js';

const SIGNATURE = 'http://adlnet.gov/expapi/attachments/signature';
const CERT_PEM = readFileSync(new URL('./fixtures/signing-cert.pem', import.meta.url), 'utf8');
const KEY_PEM = readFileSync(new URL('./fixtures/signing-key.pem', import.meta.url), 'utf8');
const X5C = CERT_PEM.replace(/-----[A-Z ]+-----|\s/g, '');

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

function attachmentFor(content: Buffer | string, overrides: Partial<Attachment> = {}): Attachment {
  return {
    usageType: 'http://id.tincanapi.com/attachment/supporting_media',
    display: { en: 'notes' },
    contentType: 'text/plain',
    length: Buffer.byteLength(content),
    sha2: sha256(content),
    ...overrides,
  };
}

interface Part {
  content: Buffer | string;
  headers?: Record<string, string>;
}

/** A multipart/mixed statement request: the JSON first, then each part with its hash header. */
function multipart(json: unknown, parts: Part[]): { payload: Buffer; contentType: string } {
  const boundary = "abcABC0123'()+_,-./:=?";
  const chunks: (Buffer | string)[] = [
    `--${boundary}\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(json)}\r\n`,
  ];
  for (const part of parts) {
    const headers = part.headers ?? {
      'Content-Type': 'text/plain',
      'Content-Transfer-Encoding': 'binary',
      'X-Experience-API-Hash': sha256(part.content),
    };
    const lines = Object.entries(headers)
      .map(([k, v]) => `${k}:${v}\r\n`)
      .join('');
    chunks.push(`--${boundary}\r\n${lines}\r\n`, part.content, '\r\n');
  }
  chunks.push(`--${boundary}--`);
  return {
    payload: Buffer.concat(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c) : c))),
    contentType: `multipart/mixed; boundary="${boundary}"`,
  };
}

/** A JWS (compact) over `payload` with the fixture key, and the x5c header unless told otherwise. */
function jws(payload: unknown, { alg = 'RS256', key = KEY_PEM, x5c = true } = {}): string {
  const header = Buffer.from(JSON.stringify({ alg, ...(x5c ? { x5c: [X5C] } : {}) })).toString('base64url');
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  const hash = { RS256: 'sha256', RS384: 'sha384', RS512: 'sha512' }[alg] ?? 'sha256';
  const signature = sign(hash, Buffer.from(`${header}.${body}`), key).toString('base64url');
  return `${header}.${body}.${signature}`;
}

function signed(s: Statement, token: string, contentType = 'application/octet-stream') {
  const withSignature = { ...s, attachments: [attachmentFor(token, { usageType: SIGNATURE, contentType })] };
  return multipart(withSignature, [{ content: token }]);
}

describe('Attachments and signed statements (Communication 1.5.2; Data 2.4.11, 2.6)', () => {
  let lrs: TestLrs;
  beforeEach(async () => {
    lrs = await createTestLrs();
  });
  afterEach(async () => {
    await lrs.close();
  });

  const send = (body: { payload: Buffer; contentType: string }, version = '1.0.3') =>
    lrs.request({
      method: 'POST',
      url: '/xapi/statements',
      payload: body.payload,
      contentType: body.contentType,
      version,
    });

  it('accepts multipart/mixed statements whose attachment parts match by X-Experience-API-Hash', async () => {
    const s = statement({ attachments: [attachmentFor('here is a simple attachment')] });
    const response = await send(multipart(s, [{ content: 'here is a simple attachment' }]));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual([s.id]);
  });

  it('accepts multipart/mixed statements without attachments', async () => {
    expect((await send(multipart([statement(), statement()], []))).statusCode).toBe(200);
  });

  it('accepts application/json statements whose attachments all have a fileUrl', async () => {
    const s = statement({
      attachments: [attachmentFor('remote', { fileUrl: 'https://files.example.com/a.txt' })],
    });
    expect((await lrs.request({ method: 'POST', url: '/xapi/statements', body: s })).statusCode).toBe(200);
  });

  it('rejects an attachment that has neither a fileUrl nor a matching part with 400', async () => {
    const s = statement({ attachments: [attachmentFor('missing data')] });
    expect((await lrs.request({ method: 'POST', url: '/xapi/statements', body: s })).statusCode).toBe(400);
    expect((await send(multipart(s, []))).statusCode).toBe(400);
  });

  it('rejects an attachment part without an X-Experience-API-Hash header with 400', async () => {
    const s = statement({ attachments: [attachmentFor('data')] });
    const body = multipart(s, [{ content: 'data', headers: { 'Content-Type': 'text/plain' } }]);
    expect((await send(body)).statusCode).toBe(400);
  });

  it('rejects an attachment part whose content does not have the SHA-2 it declares with 400', async () => {
    const s = statement({ attachments: [attachmentFor('data')] });
    const body = multipart(s, [
      { content: 'tampered', headers: { 'X-Experience-API-Hash': sha256('data') } },
    ]);
    expect((await send(body)).statusCode).toBe(400);
  });

  it('rejects a part that matches no attachment of the statements with 400', async () => {
    expect((await send(multipart(statement(), [{ content: 'stray' }]))).statusCode).toBe(400);
  });

  it('returns statements with their attachments as multipart/mixed when attachments=true', async () => {
    const content = Buffer.from([0, 1, 2, 255, 13, 10, 45, 45]);
    const s = statement({
      attachments: [attachmentFor(content, { contentType: 'application/octet-stream' })],
    });
    await send(multipart(s, [{ content, headers: { 'X-Experience-API-Hash': sha256(content) } }]));
    const response = await lrs.request({
      method: 'GET',
      url: `/xapi/statements?statementId=${s.id}&attachments=true`,
    });
    expect(response.headers['content-type']).toMatch(/^multipart\/mixed; boundary=/);
    const [json, data] = parseMultipart(response.rawPayload, response.headers['content-type'] as string);
    expect(JSON.parse(json!.body.toString()).id).toBe(s.id);
    expect(data!.headers['x-experience-api-hash']).toBe(sha256(content));
    expect(data!.headers['content-transfer-encoding']).toBe('binary');
    expect(data!.body.equals(content)).toBe(true);
    const plain = await lrs.request({
      method: 'GET',
      url: `/xapi/statements?statementId=${s.id}&attachments=false`,
    });
    expect(plain.headers['content-type']).toMatch(/^application\/json/);
  });

  it('accepts a statement signed with RS256, RS384 or RS512 and verified against its x5c certificate', async () => {
    for (const alg of ['RS256', 'RS384', 'RS512']) {
      const s = statement();
      const response = await send(signed(s, jws(s, { alg })));
      expect(response.statusCode, alg).toBe(200);
    }
  });

  it('rejects a signed statement whose JWS payload is not the statement received with 400', async () => {
    const s = statement();
    const other = { ...s, verb: { id: 'http://adlnet.gov/expapi/verbs/failed' } };
    const response = await send(signed(s, jws(other)));
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('lrs.invalid_signature');
  });

  it('rejects a JWS algorithm other than RS256, RS384 or RS512 with 400', async () => {
    const s = statement();
    const header = Buffer.from(JSON.stringify({ alg: 'HS256' })).toString('base64url');
    const token = `${header}.${Buffer.from(JSON.stringify(s)).toString('base64url')}.c2lnbmF0dXJl`;
    expect((await send(signed(s, token))).statusCode).toBe(400);
  });

  it('rejects a malformed JWS with 400', async () => {
    const s = statement();
    expect((await send(signed(s, 'this is not a jws'))).statusCode).toBe(400);
    expect((await send(signed(s, 'e30.bm90IGpzb24.c2ln'))).statusCode).toBe(400);
  });

  it('rejects a signature that does not verify against the x5c certificate with 400', async () => {
    const s = statement();
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const token = jws(s, { key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() });
    expect((await send(signed(s, token))).statusCode).toBe(400);
  });

  it('rejects a signature attachment whose contentType is not application/octet-stream with 400', async () => {
    const s = statement();
    expect((await send(signed(s, jws(s), 'text/plain'))).statusCode).toBe(400);
  });
});
