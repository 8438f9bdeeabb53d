/** A statement's object other than a SubStatement, and Statement References (xAPI Data 2.4.4). */
import { checkActivityBody } from './activity.js';
import { checkAgent, checkGroup } from './actor.js';
import {
  type Checker,
  invalidObjectType,
  isJsonObject,
  missingProperty,
  objectAt,
  type PathKey,
  unknownProperty,
} from './checker.js';
import { checkUuid } from './values.js';

export type ObjectKind = 'Activity' | 'Agent' | 'Group' | 'StatementRef' | 'SubStatement' | 'invalid';

/** What a statement's object is, by its objectType (absent means Activity); never reports. */
export function objectKindOf(v: unknown): ObjectKind {
  if (!isJsonObject(v)) return 'invalid';
  const type = v.objectType;
  switch (type) {
    case undefined:
      return 'Activity';
    case 'Activity':
    case 'Agent':
    case 'Group':
    case 'StatementRef':
    case 'SubStatement':
      return type;
    default:
      return 'invalid';
  }
}

const IDENTIFIER_KEYS = ['mbox', 'mbox_sha1sum', 'openid', 'account', 'member'] as const;

/** Whether an object without objectType looks like an Agent or Group rather than an Activity. */
function looksLikeActor(o: Record<string, unknown>): boolean {
  for (let i = 0; i < IDENTIFIER_KEYS.length; i++) if (o[IDENTIFIER_KEYS[i]!] !== undefined) return true;
  return false;
}

/** An Activity, Agent, Group or StatementRef as a statement's object; SubStatements are the caller's. */
export function checkObject(c: Checker, key: PathKey, v: unknown): void {
  const o = objectAt(c, key, v, 'an Activity, Agent, Group, StatementRef or SubStatement object');
  if (o === undefined) return;
  switch (o.objectType) {
    case undefined:
      if (looksLikeActor(o)) {
        c.path.push(key);
        missingProperty(c, 'objectType', '"Agent" or "Group" when an Agent or Group is the object');
        c.path.pop();
        return;
      }
      c.path.push(key);
      checkActivityBody(c, o);
      c.path.pop();
      return;
    case 'Activity':
      c.path.push(key);
      checkActivityBody(c, o);
      c.path.pop();
      return;
    case 'Agent':
      checkAgent(c, key, o, true);
      return;
    case 'Group':
      checkGroup(c, key, o);
      return;
    case 'StatementRef':
      checkStatementRef(c, key, o);
      return;
    default:
      c.path.push(key);
      invalidObjectType(c, o.objectType, '"Activity", "Agent", "Group", "StatementRef" or "SubStatement"');
      c.path.pop();
  }
}

/** A Statement Reference: `objectType: "StatementRef"` and the UUID of a statement. */
export function checkStatementRef(c: Checker, key: PathKey, v: unknown): void {
  const o = objectAt(c, key, v, 'a StatementRef object { objectType, id }');
  if (o === undefined) return;
  c.path.push(key);
  for (const prop in o) {
    const value = o[prop];
    if (value === undefined) continue;
    if (prop === 'objectType') {
      if (value !== 'StatementRef') invalidObjectType(c, value, '"StatementRef"');
    } else if (prop === 'id') {
      checkUuid(c, prop, value);
    } else {
      unknownProperty(c, prop, 'a StatementRef');
    }
  }
  if (o.objectType === undefined) missingProperty(c, 'objectType', '"StatementRef"');
  if (o.id === undefined) missingProperty(c, 'id', 'the UUID of the referenced statement');
  c.path.pop();
}
