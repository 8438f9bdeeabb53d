import { createHash } from 'node:crypto';
import { EdstreamError } from '../../errors.js';
import type { Actor } from '../../xapi/statement.js';
import { ifiKey } from '../statements/agent-ifi.js';
import type { Scope, StatementStore } from '../store/statement-store.js';
import { verifySecret } from './credentials.js';

/** Who is calling: the credential key, its scopes and the authority it stores statements under. */
export interface Principal {
  key: string;
  scopes: ReadonlySet<Scope>;
  authority: Actor;
  authorityIfi: string;
}

export interface VerifierOptions {
  /** How long a verified credential is trusted without asking the store again. Default 30 s. */
  cacheMs?: number;
  maxCached?: number;
}

/**
 * HTTP Basic authentication against the store's credentials. scrypt is slow on purpose, so a
 * verified `Authorization` header is remembered (by its SHA-256) for `cacheMs`: a revocation takes
 * effect within that time.
 */
export class CredentialVerifier {
  private readonly cache = new Map<string, { principal: Principal; expires: number }>();
  private readonly cacheMs: number;
  private readonly maxCached: number;

  constructor(
    private readonly store: StatementStore,
    { cacheMs = 30_000, maxCached = 10_000 }: VerifierOptions = {},
  ) {
    this.cacheMs = cacheMs;
    this.maxCached = maxCached;
  }

  async verify(authorization: string | undefined): Promise<Principal> {
    if (!authorization) throw unauthenticated('this resource needs HTTP Basic credentials');
    const cacheKey = createHash('sha256').update(authorization).digest('base64');
    const cached = this.cache.get(cacheKey);
    if (cached && cached.expires > Date.now()) return cached.principal;
    const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization);
    const decoded = match ? Buffer.from(match[1]!, 'base64').toString('utf8') : '';
    const colon = decoded.indexOf(':');
    if (colon < 0) throw unauthenticated('the Authorization header is not HTTP Basic user:password');
    const key = decoded.slice(0, colon);
    const credential = await this.store.findCredential(key);
    if (!credential || credential.revoked || !(await verifySecret(decoded.slice(colon + 1), credential))) {
      this.cache.delete(cacheKey);
      throw unauthenticated('unknown, revoked or wrong credentials');
    }
    const principal: Principal = {
      key,
      scopes: new Set(credential.scopes),
      authority: credential.agent,
      authorityIfi: ifiKey(credential.agent as Parameters<typeof ifiKey>[0]) ?? `key:${key}`,
    };
    if (this.cache.size >= this.maxCached) this.cache.clear();
    this.cache.set(cacheKey, { principal, expires: Date.now() + this.cacheMs });
    return principal;
  }
}

function unauthenticated(message: string): EdstreamError {
  return new EdstreamError('auth.unauthenticated', message);
}
