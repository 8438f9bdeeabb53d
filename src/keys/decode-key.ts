import type { CcxTagSpelling, KeyKind, OpaqueKey } from './key-types.js';

// Decoding runs only on strings the grammar has already matched, so it can split on the separators
// (`+`, `@`, `/`, `:`) that the grammar keeps out of the parts themselves.

type Tag = keyof CcxTagSpelling;

const TAGS: ReadonlySet<string> = new Set<Tag>(['branch', 'version', 'ccx', 'type', 'block']);

function isTag(value: string): value is Tag {
  return TAGS.has(value);
}

interface PlusParts {
  /** The leading parts without a tag: ORG+COURSE+RUN or ORG+LIBRARY. */
  readonly plain: readonly string[];
  readonly values: Partial<Record<Tag, string>>;
  /** Tags spelled in other than lowercase (only ccx keys allow that). */
  readonly spelling: Partial<Record<Tag, string>>;
}

function splitPlus(rest: string): PlusParts {
  const plain: string[] = [];
  const values: Partial<Record<Tag, string>> = {};
  const spelling: Partial<Record<Tag, string>> = {};
  for (const part of rest.split('+')) {
    const at = part.indexOf('@');
    if (at < 0) {
      plain.push(part);
      continue;
    }
    const spelled = part.slice(0, at);
    const tag = spelled.toLowerCase();
    if (!isTag(tag)) continue;
    values[tag] = part.slice(at + 1);
    if (spelled !== tag) spelling[tag] = spelled;
  }
  return { plain, values, spelling };
}

/** Splits a matched string into the number of parts its grammar guarantees. */
function parts<T extends readonly string[]>(text: string, separator: string): T {
  return text.split(separator) as unknown as T;
}

type Two = readonly [string, string];
type Three = readonly [string, string, string];
type Four = readonly [string, string, string, string];

function optional<K extends string>(name: K, value: string | undefined): Partial<Record<K, string>> {
  // A computed key widens to an index signature; the shape is exactly { [name]: value }.
  return value === undefined ? {} : ({ [name]: value } as Record<K, string>);
}

function qualifiers(values: PlusParts['values']): { branch?: string; version?: string } {
  return { ...optional('branch', values.branch), ...optional('version', values.version) };
}

function tags(spelling: PlusParts['spelling']): { tags?: CcxTagSpelling } {
  return Object.keys(spelling).length === 0 ? {} : { tags: spelling };
}

/** Turns a string already matched by the pattern of `kind` into its parts. */
export function decodeKey(kind: KeyKind, text: string): OpaqueKey {
  // Everything after `namespace:`; the deprecated course form has no namespace and does not use it.
  const rest = text.slice(kind.length + 1);
  switch (kind) {
    case 'course-v1':
    case 'block-v1': {
      const { plain, values } = splitPlus(rest);
      const [org, course, run] = plain as Three;
      const base = { org, course, run, ...qualifiers(values) };
      if (kind === 'course-v1') return { kind, ...base };
      return { kind, ...base, blockType: values.type ?? '', blockId: values.block ?? '' };
    }
    case 'ccx-v1':
    case 'ccx-block-v1': {
      const { plain, values, spelling } = splitPlus(rest);
      const [org, course, run] = plain as Three;
      const base = { org, course, run, ...qualifiers(values), ccx: values.ccx ?? '' };
      if (kind === 'ccx-v1') return { kind, ...base, ...tags(spelling) };
      const block = { blockType: values.type ?? '', blockId: values.block ?? '' };
      return { kind, ...base, ...block, ...tags(spelling) };
    }
    case 'library-v1':
    case 'lib-block-v1': {
      const { plain, values } = splitPlus(rest);
      const [org, library] = plain as Two;
      const base = { org, library, ...qualifiers(values) };
      if (kind === 'library-v1') return { kind, ...base };
      return { kind, ...base, blockType: values.type ?? '', blockId: values.block ?? '' };
    }
    case 'course-deprecated': {
      const [org, course, run] = parts<Three>(text, '/');
      return { kind, org, course, run };
    }
    case 'i4x': {
      // `i4x://` is one character longer than `i4x:`.
      const [org, course, blockType, nameAndRevision] = parts<Four>(rest.slice(2), '/');
      const at = nameAndRevision.indexOf('@');
      if (at < 0) return { kind, org, course, blockType, blockId: nameAndRevision };
      const blockId = nameAndRevision.slice(0, at);
      return { kind, org, course, blockType, blockId, branch: nameAndRevision.slice(at + 1) };
    }
    case 'lib': {
      const [org, slug] = parts<Two>(rest, ':');
      return { kind, org, slug };
    }
    case 'lb': {
      const [org, slug, blockType, blockId] = parts<Four>(rest, ':');
      return { kind, org, slug, blockType, blockId };
    }
    case 'lib-collection': {
      const [org, slug, collectionId] = parts<Three>(rest, ':');
      return { kind, org, slug, collectionId };
    }
    case 'lct': {
      const [org, slug, containerType, containerId] = parts<Four>(rest, ':');
      return { kind, org, slug, containerType, containerId };
    }
  }
}
