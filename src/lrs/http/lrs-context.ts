import type { FastifyRequest } from 'fastify';
import { EdstreamError } from '../../errors.js';
import type { XapiVersion } from '../../xapi/statement.js';
import type { CredentialVerifier, Principal } from '../auth/credential-verifier.js';
import type { StatementStore } from '../store/statement-store.js';

/** What every resource handler needs: the store and the app's settings. */
export interface LrsContext {
  store: StatementStore;
  verifier: CredentialVerifier;
  basePath: string;
  versions: readonly XapiVersion[];
  /** The most statements one page of GET statements holds (also what `limit=0` means). */
  pageLimit: number;
}

/** Per-request state set by the hooks: the negotiated version and the authenticated caller. */
export interface RequestState {
  version?: XapiVersion;
  principal?: Principal;
}

const states = new WeakMap<FastifyRequest, RequestState>();

export function requestState(request: FastifyRequest): RequestState {
  let state = states.get(request);
  if (!state) {
    state = {};
    states.set(request, state);
  }
  return state;
}

/** The caller of a request that passed authentication. */
export function principalOf(request: FastifyRequest): Principal {
  const principal = requestState(request).principal;
  if (!principal)
    throw new EdstreamError('auth.unauthenticated', 'this resource needs HTTP Basic credentials');
  return principal;
}

export function versionOf(request: FastifyRequest): XapiVersion {
  return requestState(request).version ?? '2.0.0';
}
