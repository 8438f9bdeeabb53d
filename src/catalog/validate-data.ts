import type { Issue } from '../errors.js';
import { describeKey, isValidKey, tryParseKey } from '../keys/index.js';
import { isPythonIsoDatetime } from './datetime-text.js';
import type { DataClass, FieldType, ResolvedField } from './fields.js';

/**
 * Validators compiled from the declarations. Each type gets two functions: a fast `isValid` that
 * allocates nothing (the common case), and `collect`, run only on invalid values, that finds every
 * problem with its path.
 */
interface CompiledType {
  isValid(value: unknown): boolean;
  collect(value: unknown, path: string, issues: Issue[]): void;
  /**
   * Only the checks that a well-typed value can still fail (keys, UUIDs, datetimes), for data that
   * an Avro decoder produced; null when the type has none.
   */
  semantic: ((value: unknown) => boolean) | null;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const compiledRecords = new WeakMap<DataClass, CompiledType>();

/** Every problem of `value` as a payload of `dataClass`; empty when valid. Never throws. */
export function validateDataClass(dataClass: DataClass, value: unknown, path = ''): Issue[] {
  const compiled = compileRecord(dataClass);
  if (compiled.isValid(value)) return [];
  const issues: Issue[] = [];
  compiled.collect(value, path, issues);
  return issues;
}

export function isValidDataClass(dataClass: DataClass, value: unknown): boolean {
  return compileRecord(dataClass).isValid(value);
}

/**
 * For values whose shape and primitive types are already guaranteed (decoded from Avro): checks
 * only keys, UUIDs and datetimes. False means "run validateDataClass for the issues".
 */
export function isSemanticallyValidDataClass(dataClass: DataClass, value: unknown): boolean {
  const semantic = compileRecord(dataClass).semantic;
  return semantic === null || semantic(value);
}

function join(path: string, segment: string | number): string {
  return path === '' ? String(segment) : `${path}.${segment}`;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Map) return 'a Map';
  if (value instanceof Date) return 'a Date';
  if (typeof value === 'bigint') return `the integer ${value}`;
  if (typeof value === 'string')
    return `the string ${JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value)}`;
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${String(value)}`;
  return typeof value === 'object' ? 'an object' : typeof value;
}

function wrongType(path: string, expected: string, value: unknown): Issue {
  return { code: 'validation.wrong_type', path, message: `expected ${expected}, got ${describe(value)}` };
}

/** An object that can hold a record's fields (avsc decodes records as instances of its own classes). */
function isRecordObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Map || value instanceof Set || value instanceof Date)
  );
}

// A map must be a plain object: a Map, Date or class instance has no own enumerable entries, so it
// would otherwise pass as an empty map and be written as one.
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function leaf(
  isValid: (value: unknown) => boolean,
  collectInvalid: (value: unknown, path: string) => Issue,
  semantic = false,
): CompiledType {
  return {
    isValid,
    semantic: semantic ? isValid : null,
    collect(value, path, issues) {
      if (!isValid(value)) issues.push(collectInvalid(value, path));
    },
  };
}

// `String.prototype.isWellFormed` (Node 20) is not in the ES2023 lib this project compiles against.
type MaybeWellFormed = string & { isWellFormed(): boolean };

/** False for a string holding an unpaired UTF-16 surrogate: it has no UTF-8 form, so no Avro form. */
function isWellFormed(value: string): boolean {
  return (value as MaybeWellFormed).isWellFormed();
}

function isText(value: unknown): boolean {
  return typeof value === 'string' && isWellFormed(value);
}

function textIssue(value: unknown, path: string, expected = 'a string'): Issue {
  if (typeof value !== 'string') return wrongType(path, expected, value);
  return {
    code: 'validation.invalid_unicode',
    path,
    message: `expected ${expected}, got a string with an unpaired UTF-16 surrogate, which cannot be written as UTF-8`,
  };
}

function isLong(value: unknown): boolean {
  if (typeof value === 'number') return Number.isSafeInteger(value);
  return typeof value === 'bigint' && value >= INT64_MIN && value <= INT64_MAX;
}

function longIssue(value: unknown, path: string): Issue {
  if (typeof value === 'number' && Number.isInteger(value)) {
    return {
      code: 'validation.unsafe_integer',
      path,
      message: `the integer ${value} is beyond 2^53 and may already be rounded; pass it as a bigint (or an exact JSON number read losslessly)`,
    };
  }
  if (typeof value === 'bigint') {
    return { code: 'validation.out_of_range', path, message: `expected a 64-bit integer, got ${value}` };
  }
  return wrongType(path, 'a 64-bit integer', value);
}

function compileType(type: FieldType): CompiledType {
  switch (type.kind) {
    case 'string':
    case 'binary-file':
      return leaf(isText, (v, p) => textIssue(v, p));
    case 'boolean':
      return leaf(
        (v) => typeof v === 'boolean',
        (v, p) => wrongType(p, 'a boolean', v),
      );
    case 'double':
      return leaf(
        (v) => typeof v === 'number',
        (v, p) => wrongType(p, 'a number', v),
      );
    case 'long':
      return leaf(isLong, longIssue);
    case 'datetime':
      return leaf(
        isPythonIsoDatetime,
        (v, p) =>
          typeof v === 'string'
            ? {
                code: 'validation.invalid_datetime',
                path: p,
                message: `expected an ISO 8601 datetime such as 2024-05-14T09:30:12.345678+00:00, got ${describe(v)}`,
              }
            : wrongType(p, 'an ISO 8601 datetime string', v),
        true,
      );
    case 'uuid':
      return leaf(
        (v) => typeof v === 'string' && UUID_RE.test(v),
        (v, p) =>
          typeof v === 'string'
            ? {
                code: 'validation.invalid_uuid',
                path: p,
                message: `expected a UUID (8-4-4-4-12 hex), got ${describe(v)}`,
              }
            : wrongType(p, 'a UUID string', v),
        true,
      );
    case 'key': {
      const keyType = type.keyType!;
      return leaf(
        (v) => isValidKey(keyType, v),
        (v, p) => {
          if (typeof v !== 'string') return wrongType(p, `a ${keyType} string (${describeKey(keyType)})`, v);
          const parsed = tryParseKey(keyType, v);
          const code = parsed.ok ? 'validation.invalid_key' : parsed.error.code;
          const message = parsed.ok ? `invalid ${keyType}` : parsed.error.message;
          return { code, path: p, message };
        },
        true,
      );
    }
    case 'array':
      return compileArray(compileType(type.element!), type.python);
    case 'map':
      return compileMap(compileType(type.element!), type.python);
    case 'record':
      return compileRecord(type.dataClass!);
  }
}

function compileArray(item: CompiledType, python: string): CompiledType {
  const itemSemantic = item.semantic;
  return {
    semantic:
      itemSemantic &&
      ((value) => {
        const list = value as unknown[];
        for (let i = 0; i < list.length; i++) if (!itemSemantic(list[i])) return false;
        return true;
      }),
    isValid(value) {
      if (!Array.isArray(value)) return false;
      for (let i = 0; i < value.length; i++) if (!item.isValid(value[i])) return false;
      return true;
    },
    collect(value, path, issues) {
      if (!Array.isArray(value)) {
        issues.push(wrongType(path, `an array (${python})`, value));
        return;
      }
      for (let i = 0; i < value.length; i++) item.collect(value[i], join(path, i), issues);
    },
  };
}

function compileMap(item: CompiledType, python: string): CompiledType {
  const itemSemantic = item.semantic;
  return {
    semantic:
      itemSemantic &&
      ((value) => {
        const record = value as Record<string, unknown>;
        for (const k in record) if (!itemSemantic(record[k])) return false;
        return true;
      }),
    isValid(value) {
      if (!isPlainObject(value)) return false;
      for (const k in value) if (!isWellFormed(k) || !item.isValid(value[k])) return false;
      return true;
    },
    collect(value, path, issues) {
      if (!isPlainObject(value)) {
        issues.push(wrongType(path, `an object with string keys (${python})`, value));
        return;
      }
      for (const k of Object.keys(value)) {
        if (!isWellFormed(k)) issues.push(textIssue(k, join(path, k), 'a map key'));
        item.collect(value[k], join(path, k), issues);
      }
    },
  };
}

interface CompiledField {
  readonly field: ResolvedField;
  readonly type: CompiledType;
}

function compileRecord(dataClass: DataClass): CompiledType {
  const cached = compiledRecords.get(dataClass);
  if (cached) return cached;
  // Registered before the fields compile so that a recursive class would terminate.
  let fields: CompiledField[] = [];
  const names = new Set(dataClass.fields.map((f) => f.name));
  let semanticFields: { name: string; check: (value: unknown) => boolean }[] = [];
  const compiled: CompiledType = {
    semantic: (value) => {
      const record = value as Record<string, unknown>;
      for (let i = 0; i < semanticFields.length; i++) {
        const { name, check } = semanticFields[i]!;
        const v = record[name];
        if (v !== null && v !== undefined && !check(v)) return false;
      }
      return true;
    },
    isValid(value) {
      if (!isRecordObject(value)) return false;
      let present = 0;
      for (let i = 0; i < fields.length; i++) {
        const { field, type } = fields[i]!;
        const v = value[field.name];
        if (v === undefined) {
          if (field.optionality === 'required') return false;
          continue;
        }
        present++;
        if (v === null) {
          if (field.optionality !== 'nullable') return false;
          continue;
        }
        if (!type.isValid(v)) return false;
      }
      let own = 0;
      for (const k in value) if (value[k] !== undefined) own++;
      return own === present;
    },
    collect(value, path, issues) {
      if (!isRecordObject(value)) {
        issues.push(wrongType(path, `an object (${dataClass.name})`, value));
        return;
      }
      for (const { field, type } of fields) {
        const v = value[field.name];
        const at = join(path, field.name);
        if (v === undefined) {
          if (field.optionality === 'required') {
            issues.push({
              code: 'validation.missing_field',
              path: at,
              message: `${dataClass.name}.${field.name} is required (${field.type.python})`,
            });
          }
        } else if (v === null) {
          if (field.optionality !== 'nullable') {
            issues.push({
              code: 'validation.null_not_allowed',
              path: at,
              message: `${dataClass.name}.${field.name} cannot be null (${field.type.python}${field.optionality === 'defaulted' ? `, omit it to get the default ${field.pythonDefault}` : ''})`,
            });
          }
        } else {
          type.collect(v, at, issues);
        }
      }
      for (const k of Object.keys(value)) {
        if (!names.has(k) && value[k] !== undefined) {
          issues.push({
            code: 'validation.unknown_field',
            path: join(path, k),
            message: `${dataClass.name} has no field ${JSON.stringify(k)}; its fields are ${[...names].join(', ')}`,
          });
        }
      }
    },
  };
  compiledRecords.set(dataClass, compiled);
  fields = dataClass.fields.map((field) => ({ field, type: compileType(field.type) }));
  semanticFields = fields.flatMap(({ field, type }) => {
    const check = type.semantic;
    return check ? [{ name: field.name, check }] : [];
  });
  if (semanticFields.length === 0) compiled.semantic = null;
  return compiled;
}
