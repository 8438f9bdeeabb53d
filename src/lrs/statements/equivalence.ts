import { normalizeMbox } from './agent-ifi.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/**
 * Whether two statements are the same statement under the xAPI comparison requirements (Data
 * 2.3.1): differences that LRS processing could have caused are ignored — id, authority, stored,
 * timestamp, version, attachments, activity definitions, verb display, the serialisation of
 * timestamps, the order of group members and case-insensitive values.
 */
export function statementsEquivalent(a: unknown, b: unknown): boolean {
  return comparisonForm(a) === comparisonForm(b);
}

/** The canonical text two statements are compared by. */
export function comparisonForm(statement: unknown): string {
  return stableStringify(normalizeStatement(asObject(statement), true));
}

const IGNORED_TOP_LEVEL = new Set(['id', 'authority', 'stored', 'timestamp', 'version', 'attachments']);

function normalizeStatement(statement: JsonObject, topLevel: boolean): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(statement)) {
    if (topLevel && IGNORED_TOP_LEVEL.has(key)) continue;
    if (value === undefined) continue;
    switch (key) {
      case 'actor':
        out.actor = normalizeActor(asObject(value));
        break;
      case 'verb':
        out.verb = { id: asObject(value).id ?? null };
        break;
      case 'object':
        out.object = normalizeObject(asObject(value));
        break;
      case 'context':
        out.context = normalizeContext(asObject(value));
        break;
      case 'timestamp':
        out.timestamp = normalizeTime(value);
        break;
      default:
        out[key] = value;
    }
  }
  return out;
}

function normalizeObject(object: JsonObject): JsonObject {
  const type = object.objectType ?? 'Activity';
  if (type === 'Activity') return { objectType: 'Activity', id: object.id ?? null };
  if (type === 'StatementRef') return { objectType: type, id: lower(object.id) };
  if (type === 'SubStatement') return { ...normalizeStatement(object, false), objectType: type };
  return normalizeActor(object);
}

function normalizeActor(actor: JsonObject): JsonObject {
  const out: JsonObject = { ...actor, objectType: actor.objectType ?? 'Agent' };
  if (typeof actor.mbox === 'string') out.mbox = normalizeMbox(actor.mbox);
  if (typeof actor.mbox_sha1sum === 'string') out.mbox_sha1sum = actor.mbox_sha1sum.toLowerCase();
  if (Array.isArray(actor.member)) {
    out.member = actor.member
      .map((m) => normalizeActor(asObject(m)))
      .map((m) => [stableStringify(m), m] as const)
      .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
      .map(([, m]) => m);
  }
  return out;
}

function normalizeContext(context: JsonObject): JsonObject {
  const out: JsonObject = { ...context };
  if (typeof context.registration === 'string') out.registration = context.registration.toLowerCase();
  if (context.instructor && typeof context.instructor === 'object') {
    out.instructor = normalizeActor(asObject(context.instructor));
  }
  if (context.team && typeof context.team === 'object') out.team = normalizeActor(asObject(context.team));
  if (context.statement && typeof context.statement === 'object') {
    out.statement = normalizeObject(asObject(context.statement));
  }
  if (context.contextActivities && typeof context.contextActivities === 'object') {
    const activities: JsonObject = {};
    for (const [kind, value] of Object.entries(asObject(context.contextActivities))) {
      const list = Array.isArray(value) ? value : [value];
      activities[kind] = list.map((a) => normalizeObject(asObject(a)));
    }
    out.contextActivities = activities;
  }
  for (const [key, inner] of [
    ['contextAgents', 'agent'],
    ['contextGroups', 'group'],
  ] as const) {
    const list = context[key];
    if (Array.isArray(list)) {
      out[key] = list.map((entry) => {
        const item = asObject(entry);
        const actor = item[inner];
        return actor && typeof actor === 'object'
          ? { ...item, [inner]: normalizeActor(asObject(actor)) }
          : item;
      });
    }
  }
  return out;
}

function normalizeTime(value: Json): Json {
  if (typeof value !== 'string') return value;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? value : ms;
}

function lower(value: Json | undefined): Json {
  return typeof value === 'string' ? value.toLowerCase() : (value ?? null);
}

function asObject(value: unknown): JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : {};
}

/** JSON with object keys sorted, so that member order never matters. */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
}
