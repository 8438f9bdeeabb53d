import type { Actor, Agent, Group } from '../../xapi/statement.js';

/**
 * The inverse functional identifier of an agent or identified group as one comparable string, or
 * undefined for an anonymous group. The domain of an e-mail address is case-insensitive, so it is
 * lowercased; everything else is compared exactly.
 */
export function ifiKey(actor: Agent | Group): string | undefined {
  if (typeof actor.mbox === 'string') return `mbox:${normalizeMbox(actor.mbox)}`;
  if (typeof actor.mbox_sha1sum === 'string') return `sha1:${actor.mbox_sha1sum.toLowerCase()}`;
  if (typeof actor.openid === 'string') return `openid:${actor.openid}`;
  if (actor.account && typeof actor.account === 'object') {
    return `account:${JSON.stringify([actor.account.homePage, actor.account.name])}`;
  }
  return undefined;
}

/** `mailto:Local@Example.COM` → `mailto:Local@example.com`. */
export function normalizeMbox(mbox: string): string {
  const at = mbox.lastIndexOf('@');
  if (at < 0) return mbox;
  const scheme = mbox.slice(0, 7).toLowerCase() === 'mailto:' ? 'mailto:' : mbox.slice(0, 7);
  return scheme + mbox.slice(7, at + 1) + mbox.slice(at + 1).toLowerCase();
}

/** The IFI keys an actor matches as a filter target: its own and, for groups, each member's. */
export function actorIfiKeys(actor: Actor | undefined): string[] {
  if (!actor || typeof actor !== 'object') return [];
  const keys: string[] = [];
  const own = ifiKey(actor);
  if (own) keys.push(own);
  if (actor.objectType === 'Group' && Array.isArray(actor.member)) {
    for (const member of actor.member) {
      const key = ifiKey(member);
      if (key) keys.push(key);
    }
  }
  return keys;
}

/** True for an object that is an Agent or a Group rather than an Activity, StatementRef or SubStatement. */
export function isActorObject(value: { objectType?: string } | undefined): value is Agent | Group {
  return value?.objectType === 'Agent' || value?.objectType === 'Group';
}
