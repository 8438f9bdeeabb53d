/** Agents, Groups and their inverse functional identifiers (xAPI Data 2.4.2, 2.4.9). */
import {
  type Checker,
  invalidObjectType,
  type JsonObject,
  missingProperty,
  objectAt,
  type PathKey,
  quote,
  report,
  unknownProperty,
  wrongType,
} from './checker.js';
import { isMailtoIri, isSha1Hex } from './primitives.js';
import { checkIri, checkIrl, checkString } from './values.js';

const IFI_LIST = 'mbox, mbox_sha1sum, openid or account';

/** An Agent or a Group wherever either may stand (actor, instructor); a missing objectType means Agent. */
export function checkActor(c: Checker, key: PathKey, v: unknown): void {
  const o = objectAt(c, key, v, 'an Agent or Group object');
  if (o === undefined) return;
  c.path.push(key);
  const type = o.objectType;
  if (type === undefined || type === 'Agent') checkAgentBody(c, o);
  else if (type === 'Group') checkGroupBody(c, o);
  else invalidObjectType(c, type, '"Agent" or "Group"');
  c.path.pop();
}

/** An Agent only; `objectType: "Agent"` is required when the Agent is a statement's object. */
export function checkAgent(c: Checker, key: PathKey, v: unknown, objectTypeRequired: boolean): void {
  const o = objectAt(c, key, v, 'an Agent object');
  if (o === undefined) return;
  c.path.push(key);
  const type = o.objectType;
  if (type === 'Agent' || (type === undefined && !objectTypeRequired)) checkAgentBody(c, o);
  else if (type === undefined) missingProperty(c, 'objectType', '"Agent" when an Agent is the object');
  else invalidObjectType(c, type, '"Agent"');
  c.path.pop();
}

/** A Group only (`team`, a contextGroup's `group`, a Group object): `objectType: "Group"` is required. */
export function checkGroup(c: Checker, key: PathKey, v: unknown): void {
  const o = objectAt(c, key, v, 'a Group object');
  if (o === undefined) return;
  c.path.push(key);
  const type = o.objectType;
  if (type === 'Group') checkGroupBody(c, o);
  else if (type === undefined) missingProperty(c, 'objectType', '"Group" (a Group always says so)');
  else invalidObjectType(c, type, '"Group"');
  c.path.pop();
}

/** The statement's authority: an Agent, or (3-legged OAuth) a Group of exactly two Agents. */
export function checkAuthority(c: Checker, key: PathKey, v: unknown): void {
  checkActor(c, key, v);
  if (typeof v !== 'object' || v === null || (v as JsonObject).objectType !== 'Group') return;
  const member = (v as JsonObject).member;
  if (!Array.isArray(member) || member.length !== 2) {
    report(
      c,
      key,
      'xapi.invalid_authority',
      'expected an Agent, or a Group of exactly two Agents (the OAuth application and the user)',
    );
  }
}

function checkAgentBody(c: Checker, o: JsonObject): void {
  const ifis = checkIdentity(c, o, false);
  if (ifis !== 1) {
    report(
      c,
      undefined,
      'xapi.invalid_ifi',
      ifis === 0
        ? `an Agent needs exactly one inverse functional identifier (${IFI_LIST}); found none`
        : `an Agent must have exactly one inverse functional identifier (${IFI_LIST}); found ${ifis}`,
    );
  }
}

function checkGroupBody(c: Checker, o: JsonObject): void {
  const ifis = checkIdentity(c, o, true);
  if (ifis > 1) {
    report(
      c,
      undefined,
      'xapi.invalid_ifi',
      `an identified Group must have exactly one inverse functional identifier (${IFI_LIST}); found ${ifis}`,
    );
  } else if (ifis === 0) {
    const member = o.member;
    if (member === undefined || (Array.isArray(member) && member.length === 0)) {
      report(
        c,
        'member',
        'xapi.anonymous_group_without_members',
        `an anonymous Group (one without ${IFI_LIST}) must list its member Agents`,
      );
    }
  }
}

/** Checks every property of an Agent or Group and returns how many IFIs it carries. */
function checkIdentity(c: Checker, o: JsonObject, isGroup: boolean): number {
  let ifis = 0;
  for (const key in o) {
    const v = o[key];
    if (v === undefined) continue;
    switch (key) {
      case 'objectType':
        break;
      case 'name':
        checkString(c, key, v);
        break;
      case 'mbox':
        ifis++;
        checkMbox(c, v);
        break;
      case 'mbox_sha1sum':
        ifis++;
        if (typeof v !== 'string') wrongType(c, key, v, 'a SHA-1 hex string');
        else if (!isSha1Hex(v)) {
          report(
            c,
            key,
            'xapi.invalid_ifi',
            `expected the 40-hex-digit SHA-1 of a mailto IRI, got ${quote(v)}`,
          );
        }
        break;
      case 'openid':
        ifis++;
        checkIri(c, key, v, 'an OpenID URI');
        break;
      case 'account':
        ifis++;
        checkAccount(c, v);
        break;
      case 'member':
        if (isGroup) checkMembers(c, v);
        else unknownProperty(c, key, 'an Agent (only Groups have members)');
        break;
      default:
        unknownProperty(c, key, isGroup ? 'a Group' : 'an Agent');
    }
  }
  return ifis;
}

function checkMbox(c: Checker, v: unknown): void {
  if (typeof v !== 'string') wrongType(c, 'mbox', v, 'a mailto IRI string');
  else if (!isMailtoIri(v)) {
    report(
      c,
      'mbox',
      'xapi.invalid_ifi',
      `expected "mailto:" followed by one email address, got ${quote(v)}`,
    );
  }
}

function checkAccount(c: Checker, v: unknown): void {
  const o = objectAt(c, 'account', v, 'an account object { homePage, name }');
  if (o === undefined) return;
  c.path.push('account');
  for (const key in o) {
    const value = o[key];
    if (value === undefined) continue;
    if (key === 'homePage') checkIrl(c, key, value, "the account system's home page");
    else if (key === 'name') checkString(c, key, value);
    else unknownProperty(c, key, 'an account');
  }
  if (o.homePage === undefined) missingProperty(c, 'homePage', 'the IRL of the system the account is on');
  if (o.name === undefined) missingProperty(c, 'name', 'the account name (a string)');
  c.path.pop();
}

/** Group members are Agents; a Group never contains another Group. */
function checkMembers(c: Checker, v: unknown): void {
  if (!Array.isArray(v)) {
    wrongType(c, 'member', v, 'an array of Agent objects');
    return;
  }
  c.path.push('member');
  for (let i = 0; i < v.length; i++) {
    const item: unknown = v[i];
    if (typeof item === 'object' && item !== null && (item as JsonObject).objectType === 'Group') {
      report(c, i, 'xapi.nested_group', 'a Group member must be an Agent; Groups cannot contain Groups');
    } else {
      checkAgent(c, i, item, false);
    }
  }
  c.path.pop();
}
