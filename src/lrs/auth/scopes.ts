import { EdstreamError } from '../../errors.js';
import type { Scope } from '../store/statement-store.js';

/** What a request does, in the terms scopes are granted in. */
export type Access =
  | 'statements/write'
  | 'statements/read'
  | 'state/read'
  | 'state/write'
  | 'profile/read'
  | 'profile/write'
  | 'definitions/read';

const GRANTS: Record<Access, readonly Scope[]> = {
  'statements/write': ['all', 'statements/write'],
  'statements/read': ['all', 'all/read', 'statements/read', 'statements/read/mine'],
  'state/read': ['all', 'all/read', 'state'],
  'state/write': ['all', 'state'],
  'profile/read': ['all', 'all/read', 'profile'],
  'profile/write': ['all', 'profile'],
  'definitions/read': ['all', 'all/read', 'statements/read', 'define', 'state', 'profile'],
};

export function allows(scopes: ReadonlySet<Scope>, access: Access): boolean {
  return GRANTS[access].some((scope) => scopes.has(scope));
}

/** Throws a 403 unless one of the scopes grants the access. */
export function requireAccess(scopes: ReadonlySet<Scope>, access: Access): void {
  if (!allows(scopes, access)) {
    throw new EdstreamError(
      'auth.forbidden',
      `this credential may not ${access.replace('/', ' ')}; it needs one of the scopes ${GRANTS[access].join(', ')}`,
      { details: { needed: GRANTS[access], granted: [...scopes] } },
    );
  }
}

/** Read access limited to the statements this credential asserted (`statements/read/mine` only). */
export function readsOnlyOwnStatements(scopes: ReadonlySet<Scope>): boolean {
  return (
    !['all', 'all/read', 'statements/read'].some((s) => scopes.has(s as Scope)) &&
    scopes.has('statements/read/mine')
  );
}

/** Whether statements stored with these scopes may (re)define activities. */
export function mayDefine(scopes: ReadonlySet<Scope>): boolean {
  return scopes.has('all') || scopes.has('define');
}
