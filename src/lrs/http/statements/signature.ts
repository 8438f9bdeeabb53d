import { verify, X509Certificate } from 'node:crypto';
import { EdstreamError } from '../../../errors.js';
import type { Statement } from '../../../xapi/statement.js';
import { statementsEquivalent } from '../../statements/equivalence.js';

export const SIGNATURE_USAGE_TYPE = 'http://adlnet.gov/expapi/attachments/signature';

const HASH_BY_ALG: Record<string, string> = { RS256: 'sha256', RS384: 'sha384', RS512: 'sha512' };

const malformed = (message: string, index: number) =>
  new EdstreamError('lrs.invalid_signature', `statement ${index}: ${message}`, {
    details: { statement: index },
  });

/**
 * Checks a signed statement (Data 2.6): the JWS (compact serialisation) uses RS256, RS384 or
 * RS512, its payload is a statement logically equivalent to the one received, and when the JWS
 * header carries an X.509 chain (`x5c`) the signature verifies against its first certificate.
 */
export function verifyStatementSignature(statement: Statement, jws: Buffer, index: number): void {
  const segments = jws.toString('utf8').trim().split('.');
  if (segments.length !== 3 || segments.some((s) => !/^[A-Za-z0-9_-]*$/.test(s)) || segments[2] === '') {
    throw malformed('the signature attachment is not a JWS in compact serialisation', index);
  }
  const [headerText, payloadText, signatureText] = segments as [string, string, string];
  const header = decodeJson(headerText);
  if (!header || typeof header !== 'object') throw malformed('the JWS header is not a JSON object', index);
  const { alg, x5c } = header as { alg?: unknown; x5c?: unknown };
  const hash = typeof alg === 'string' ? HASH_BY_ALG[alg] : undefined;
  if (!hash) throw malformed(`the JWS algorithm ${JSON.stringify(alg)} is not RS256, RS384 or RS512`, index);
  const payload = decodeJson(payloadText);
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) {
    throw malformed('the JWS payload is not a JSON statement', index);
  }
  if (!statementsEquivalent(payload, statement)) {
    throw malformed('the JWS payload is not the same statement as the one received', index);
  }
  if (x5c === undefined) return;
  const first = Array.isArray(x5c) ? x5c[0] : undefined;
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(Buffer.from(String(first), 'base64'));
  } catch {
    throw malformed('the x5c certificate in the JWS header cannot be read', index);
  }
  const valid = verify(
    hash,
    Buffer.from(`${headerText}.${payloadText}`),
    certificate.publicKey,
    Buffer.from(signatureText, 'base64url'),
  );
  if (!valid) throw malformed('the JWS signature does not verify against its x5c certificate', index);
}

function decodeJson(segment: string): unknown {
  try {
    return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}
