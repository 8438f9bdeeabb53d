/** Statements and SubStatements (xAPI Data 2.3–2.4): the entry points of the validator. */
import type { Issue } from '../../errors.js';
import type { XapiVersion } from '../statement.js';
import { checkActor, checkAuthority } from './actor.js';
import { checkAttachments } from './attachments.js';
import {
  type Checker,
  createChecker,
  isJsonObject,
  type JsonObject,
  missingProperty,
  objectAt,
  type PathKey,
  report,
  unknownProperty,
  wrongType,
} from './checker.js';
import { checkContext } from './context.js';
import { checkObject, objectKindOf } from './object.js';
import { checkResult } from './result.js';
import { checkIri, checkLanguageMap, checkTimestamp, checkUuid, checkVersion } from './values.js';

export interface ValidateOptions {
  /** The xAPI version whose data rules apply. */
  version: XapiVersion;
}

const VOIDED = 'http://adlnet.gov/expapi/verbs/voided';

/**
 * Every way `statement` breaks the xAPI data rules, as issues with a code, a JSON path and what was
 * expected; an empty array when it is valid. Never throws, whatever the input.
 */
export function validateStatement(statement: unknown, options: ValidateOptions): Issue[] {
  const c = createChecker(options.version);
  run(c, statement);
  return c.issues ?? [];
}

/** Validates each statement of a batch; paths start with the statement's index (`3.actor.mbox`). */
export function validateStatements(statements: unknown, options: ValidateOptions): Issue[] {
  const c = createChecker(options.version);
  if (!Array.isArray(statements)) {
    wrongType(c, undefined, statements, 'an array of statements');
    return c.issues ?? [];
  }
  for (let i = 0; i < statements.length; i++) {
    c.path.length = 0;
    c.path.push(i);
    run(c, statements[i]);
  }
  return c.issues ?? [];
}

function run(c: Checker, statement: unknown): void {
  try {
    if (isJsonObject(statement)) checkStatementBody(c, statement, false);
    else wrongType(c, undefined, statement, 'a Statement object');
  } catch {
    // Only exotic inputs get here (a Proxy or getter that throws); report rather than throw.
    report(c, undefined, 'xapi.unreadable_value', 'the statement could not be read as plain JSON data');
  }
}

/** The properties shared by Statements and SubStatements; `sub` applies the SubStatement restrictions. */
function checkStatementBody(c: Checker, o: JsonObject, sub: boolean): void {
  const kind = objectKindOf(o.object);
  for (const key in o) {
    const v = o[key];
    if (v === undefined) continue;
    switch (key) {
      case 'actor':
        checkActor(c, key, v);
        break;
      case 'verb':
        checkVerb(c, key, v);
        break;
      case 'object':
        if (kind !== 'SubStatement') checkObject(c, key, v);
        else if (sub) {
          report(c, key, 'xapi.nested_substatement', 'a SubStatement cannot contain another SubStatement');
        } else checkSubStatement(c, key, v);
        break;
      case 'result':
        checkResult(c, key, v);
        break;
      case 'context':
        // An unreadable object is reported once, under object, not again through revision/platform.
        checkContext(c, key, v, kind === 'Activity' || kind === 'invalid');
        break;
      case 'timestamp':
        checkTimestamp(c, key, v);
        break;
      case 'attachments':
        checkAttachments(c, key, v);
        break;
      case 'id':
      case 'stored':
      case 'version':
      case 'authority':
        if (sub) {
          report(c, key, 'xapi.substatement_forbidden_property', `a SubStatement must not have ${key}`);
        } else checkStatementOnly(c, key, v);
        break;
      case 'objectType':
        if (!sub) unknownProperty(c, key, 'a Statement (only SubStatements have objectType)');
        break;
      default:
        unknownProperty(c, key, sub ? 'a SubStatement' : 'a Statement');
    }
  }
  if (o.actor === undefined) missingProperty(c, 'actor', 'the actor (an Agent or Group)');
  if (o.verb === undefined) missingProperty(c, 'verb', 'the verb ({ id, display? })');
  if (o.object === undefined)
    missingProperty(c, 'object', 'the object (an Activity, Agent, Group or statement)');
  checkVoiding(c, o, kind);
}

function checkStatementOnly(c: Checker, key: 'id' | 'stored' | 'version' | 'authority', v: unknown): void {
  if (key === 'id') checkUuid(c, key, v);
  else if (key === 'stored') checkTimestamp(c, key, v);
  else if (key === 'version') checkVersion(c, key, v);
  else checkAuthority(c, key, v);
}

function checkSubStatement(c: Checker, key: PathKey, v: unknown): void {
  const o = objectAt(c, key, v, 'a SubStatement object');
  if (o === undefined) return;
  c.path.push(key);
  checkStatementBody(c, o, true);
  c.path.pop();
}

function checkVerb(c: Checker, key: PathKey, v: unknown): void {
  const o = objectAt(c, key, v, 'a Verb object { id, display? }');
  if (o === undefined) return;
  c.path.push(key);
  for (const prop in o) {
    const value = o[prop];
    if (value === undefined) continue;
    if (prop === 'id') checkIri(c, prop, value, 'a verb id');
    else if (prop === 'display') checkLanguageMap(c, prop, value);
    else unknownProperty(c, prop, 'a Verb');
  }
  if (o.id === undefined) missingProperty(c, 'id', 'the verb id (an IRI)');
  c.path.pop();
}

/** A voiding statement's object must be a StatementRef (Data 2.3.2). */
function checkVoiding(c: Checker, o: JsonObject, kind: string): void {
  const verb = o.verb;
  if (!isJsonObject(verb) || verb.id !== VOIDED || kind === 'StatementRef' || o.object === undefined) return;
  report(
    c,
    'object',
    'xapi.voiding_requires_statement_ref',
    'a statement with the verb voided must have a StatementRef object naming the voided statement',
  );
}
