import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { EdstreamError } from '../../errors.js';
import type { Actor } from '../../xapi/statement.js';
import { type CredentialRecord, SCOPES, type Scope } from '../store/statement-store.js';

const KEY_LENGTH = 32;
// N = 2^15 makes one check cost tens of milliseconds: cheap once per cached credential, slow to brute-force.
const SCRYPT = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

/** The homePage of the account that stands for a credential as `authority`. */
export const CREDENTIAL_HOME_PAGE = 'https://edstream.invalid/lrs/credentials';

function derive(secret: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(secret, salt, KEY_LENGTH, SCRYPT, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export interface NewCredential {
  key: string;
  secret: string;
  scopes: readonly string[];
  /** The authority of statements stored with it; default an account named after the key. */
  agent?: Actor;
}

/** A credential record with a freshly salted scrypt hash of the secret. */
export async function createCredential({
  key,
  secret,
  scopes,
  agent,
}: NewCredential): Promise<CredentialRecord> {
  if (key === '' || key.includes(':')) {
    throw new EdstreamError(
      'usage.bad_credential',
      'a credential key must be non-empty and contain no colon',
    );
  }
  if (secret.length < 8)
    throw new EdstreamError('usage.bad_credential', 'a credential secret needs at least 8 characters');
  const salt = randomBytes(16);
  return {
    key,
    secretHash: (await derive(secret, salt)).toString('hex'),
    salt: salt.toString('hex'),
    scopes: parseScopes(scopes),
    agent: agent ?? {
      objectType: 'Agent',
      name: key,
      account: { homePage: CREDENTIAL_HOME_PAGE, name: key },
    },
    revoked: false,
    created: new Date().toISOString(),
  };
}

export async function verifySecret(secret: string, credential: CredentialRecord): Promise<boolean> {
  const expected = Buffer.from(credential.secretHash, 'hex');
  const actual = await derive(secret, Buffer.from(credential.salt, 'hex'));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

export function parseScopes(scopes: readonly string[]): Scope[] {
  const unknown = scopes.filter((s) => !SCOPES.includes(s as Scope));
  if (unknown.length > 0 || scopes.length === 0) {
    throw new EdstreamError(
      'usage.bad_credential',
      `${scopes.length === 0 ? 'no scopes given' : `unknown scope ${unknown.join(', ')}`}; scopes are ${SCOPES.join(', ')}`,
    );
  }
  return [...new Set(scopes)] as Scope[];
}
