import type { Issue } from '../../errors.js';
import type { XapiVersion } from '../statement.js';

export type PathKey = string | number;
export type JsonObject = Record<string, unknown>;

/**
 * The state of one validation run. The path is a stack that checks push and pop as they descend, so
 * that nothing is allocated for a valid statement; it is joined only when an issue is reported.
 */
export interface Checker {
  readonly version: XapiVersion;
  readonly path: PathKey[];
  issues: Issue[] | undefined;
}

export function createChecker(version: XapiVersion): Checker {
  return { version, path: [], issues: undefined };
}

/** Records an issue at the current path, or at `key` under it. */
export function report(c: Checker, key: PathKey | undefined, code: string, message: string): void {
  let path = c.path.join('.');
  if (key !== undefined) path = path === '' ? String(key) : `${path}.${key}`;
  if (c.issues === undefined) c.issues = [];
  c.issues.push({ code, path, message });
}

/** How a value reads in a message: its JSON kind, never its content (which may be anything). */
export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  switch (typeof v) {
    case 'string':
      return 'a string';
    case 'number':
      return Number.isFinite(v) ? 'a number' : 'a non-finite number';
    case 'boolean':
      return 'a boolean';
    case 'object':
      return 'an object';
    case 'undefined':
      return 'undefined';
    default:
      return `a ${typeof v}`;
  }
}

/** A short, safe quotation of a string for a message. */
export function quote(s: string): string {
  return JSON.stringify(s.length > 60 ? `${s.slice(0, 60)}…` : s);
}

/** Reports `v` as the wrong type; null has its own code because the specification singles it out. */
export function wrongType(c: Checker, key: PathKey | undefined, v: unknown, expected: string): false {
  if (v === null) {
    report(c, key, 'xapi.null_not_allowed', `expected ${expected}; null is only allowed inside extensions`);
  } else {
    report(c, key, 'xapi.wrong_type', `expected ${expected}, got ${describe(v)}`);
  }
  return false;
}

export function isJsonObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The value as an object, or undefined after reporting why it is not one. */
export function objectAt(c: Checker, key: PathKey, v: unknown, expected: string): JsonObject | undefined {
  if (isJsonObject(v)) return v;
  wrongType(c, key, v, expected);
  return undefined;
}

/** The value as an array, or undefined after reporting why it is not one. */
export function arrayAt(
  c: Checker,
  key: PathKey,
  v: unknown,
  expected: string,
): readonly unknown[] | undefined {
  if (Array.isArray(v)) return v;
  wrongType(c, key, v, expected);
  return undefined;
}

export function unknownProperty(c: Checker, key: string, where: string): void {
  report(
    c,
    key,
    'xapi.unknown_property',
    `${quote(key)} is not a property of ${where} (names are case-sensitive)`,
  );
}

export function missingProperty(c: Checker, key: string, expected: string): void {
  report(c, key, 'xapi.missing_property', `required: ${expected}`);
}

/** Reports an `objectType` that is not one of the allowed values. */
export function invalidObjectType(c: Checker, v: unknown, expected: string): void {
  if (typeof v !== 'string') {
    wrongType(c, 'objectType', v, `the string ${expected}`);
    return;
  }
  report(
    c,
    'objectType',
    'xapi.invalid_object_type',
    `expected ${expected} (case-sensitive), got ${quote(v)}`,
  );
}
