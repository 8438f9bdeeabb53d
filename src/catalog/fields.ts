import type { KeyType } from '../keys/index.js';

/**
 * The declaration language for Open edX data classes. Each data class is declared once with these
 * builders; its TypeScript type, validator, JSON Schema and Avro schema are all derived from it.
 */

/** A 64-bit integer: a number while it is safe, a bigint beyond 2^53 so that nothing is rounded. */
export type Long = number | bigint;

export type FieldKind =
  | 'string'
  | 'long'
  | 'double'
  | 'boolean'
  | 'datetime'
  | 'uuid'
  | 'key'
  | 'array'
  | 'map'
  | 'record'
  | 'binary-file';

/** The type of one field. `V` is a phantom: the TypeScript type of a valid value. */
export interface FieldType<V = unknown> {
  readonly kind: FieldKind;
  /** The annotation the Python library declares, for documentation (`List[str]`, `CourseKey`, …). */
  readonly python: string;
  readonly keyType?: KeyType;
  /** Items of an array, values of a map. */
  readonly element?: FieldType;
  readonly dataClass?: DataClass;
  readonly __value?: V;
}

export type Optionality = 'required' | 'nullable' | 'defaulted';

/** A field with its optionality; a bare FieldType in a declaration means a required field. */
export interface FieldSpec<V = unknown, O extends Optionality = Optionality> {
  readonly type: FieldType<V>;
  readonly optionality: O;
  /** Builds the value used when a defaulted field is omitted (a fresh value each time). */
  readonly makeDefault?: () => V;
  /** The Python default as written in the library (`False`, `list`, `dict`), for documentation. */
  readonly pythonDefault?: string;
}

export type FieldDeclaration = FieldType | FieldSpec;
export type Shape = Readonly<Record<string, FieldDeclaration>>;

export type Subdomain = 'learning' | 'content_authoring' | 'analytics' | 'enterprise' | 'authz';

/** One Open edX attrs data class. `fields` is in Avro (attrs) order: the binary layout depends on it. */
export interface DataClass<S extends Shape = Shape> {
  readonly name: string;
  readonly subdomain: Subdomain;
  readonly doc: string;
  /** Python base classes, for documentation; inherited fields are already in `shape`. */
  readonly bases: readonly string[];
  readonly shape: S;
  readonly fields: readonly ResolvedField[];
}

/** A field with its name and normalised spec, as the derivations walk it. */
export interface ResolvedField {
  readonly name: string;
  readonly type: FieldType;
  readonly optionality: Optionality;
  readonly makeDefault?: () => unknown;
  readonly pythonDefault?: string;
}

function primitive<V>(kind: FieldKind, python: string): () => FieldType<V> {
  const type: FieldType<V> = Object.freeze({ kind, python });
  return () => type;
}

export const string = primitive<string>('string', 'str');
export const long = primitive<Long>('long', 'int');
export const double = primitive<number>('double', 'float');
export const boolean = primitive<boolean>('boolean', 'bool');
/** A datetime kept as its ISO 8601 text (Python `isoformat()`), so that microseconds survive. */
export const datetime = primitive<string>('datetime', 'datetime');
export const uuid = primitive<string>('uuid', 'UUID');
/** `BinaryIO` in Python: it has no Avro mapping; carried as base64 text in JSON. */
export const binaryFile = primitive<string>('binary-file', 'BinaryIO');

export function key(keyType: KeyType): FieldType<string> {
  return { kind: 'key', python: keyType, keyType };
}

export function array<V>(items: FieldType<V>, python = `List[${items.python}]`): FieldType<V[]> {
  return { kind: 'array', python, element: items };
}

export function map<V>(
  values: FieldType<V>,
  python = `dict[str, ${values.python}]`,
): FieldType<Record<string, V>> {
  return { kind: 'map', python, element: values };
}

export function record<C extends DataClass>(dataClass: C): FieldType<DataOf<C>> {
  return { kind: 'record', python: dataClass.name, dataClass };
}

/** A field whose Python default is `None`: nullable, and null when omitted. */
export function nullable<V>(type: FieldType<V>): FieldSpec<V, 'nullable'> {
  return { type, optionality: 'nullable', pythonDefault: 'None' };
}

/** A field with a factory or a non-None default: never null, and the default when omitted. */
export function defaulted<V>(
  type: FieldType<V>,
  makeDefault: () => V,
  pythonDefault: string,
): FieldSpec<V, 'defaulted'> {
  return { type, optionality: 'defaulted', makeDefault, pythonDefault };
}

export interface DataClassOptions {
  subdomain: Subdomain;
  doc: string;
  bases?: readonly string[];
}

/** Declares a data class; the shape's key order is the attrs order. */
export function dataClass<S extends Shape>(name: string, options: DataClassOptions, shape: S): DataClass<S> {
  const fields = Object.entries(shape).map(([fieldName, declaration]) =>
    resolveField(fieldName, declaration),
  );
  return Object.freeze({
    name,
    subdomain: options.subdomain,
    doc: options.doc,
    bases: options.bases ?? [],
    shape,
    fields,
  });
}

function resolveField(name: string, declaration: FieldDeclaration): ResolvedField {
  if ('optionality' in declaration) {
    const { type, optionality, makeDefault, pythonDefault } = declaration;
    return {
      name,
      type,
      optionality,
      ...(makeDefault ? { makeDefault } : {}),
      ...(pythonDefault ? { pythonDefault } : {}),
    };
  }
  return { name, type: declaration, optionality: 'required' };
}

// ---- Type derivation -------------------------------------------------------------------------

type ValueOf<D> = D extends FieldSpec<infer V, Optionality> ? V : D extends FieldType<infer V> ? V : never;

type KeysWhere<S extends Shape, O extends Optionality> = {
  [K in keyof S]: S[K] extends FieldSpec<unknown, infer F>
    ? F extends O
      ? K
      : never
    : O extends 'required'
      ? K
      : never;
}[keyof S];

type Expand<T> = T extends infer O ? { [K in keyof O]: O[K] } : never;

/** The TypeScript type of a data class's payload, as a producer writes it (defaults may be omitted). */
export type DataOf<C extends DataClass> =
  C extends DataClass<infer S>
    ? Expand<
        { -readonly [K in KeysWhere<S, 'required'>]: ValueOf<S[K]> } & {
          -readonly [K in KeysWhere<S, 'nullable'>]?: ValueOf<S[K]> | null;
        } & { -readonly [K in KeysWhere<S, 'defaulted'>]?: ValueOf<S[K]> }
      >
    : never;
