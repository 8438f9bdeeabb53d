import { EdstreamError } from '../../errors.js';
import type { Agent, Group } from '../../xapi/statement.js';

export type RawQuery = Record<string, string | string[] | undefined>;

const badRequest = (message: string, details?: unknown) =>
  new EdstreamError('lrs.bad_request', message, details === undefined ? {} : { details });

/**
 * The query parameters of a request, checked against what the resource accepts: unknown
 * parameters, parameters differing only by case and repeated parameters are 400s (Communication 3.2).
 */
export function readParams(
  query: RawQuery,
  allowed: readonly string[],
  required: readonly string[] = [],
): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(query)) {
    if (!allowed.includes(name)) {
      const sameButCase = allowed.find((a) => a.toLowerCase() === name.toLowerCase());
      throw badRequest(
        sameButCase
          ? `parameter ${JSON.stringify(name)} must be spelled ${JSON.stringify(sameButCase)}`
          : `unknown parameter ${JSON.stringify(name)}; this resource accepts ${allowed.join(', ')}`,
        { parameter: name },
      );
    }
    if (Array.isArray(value))
      throw badRequest(`parameter ${name} is given more than once`, { parameter: name });
    if (value !== undefined) params[name] = value;
  }
  for (const name of required) {
    if (params[name] === undefined)
      throw badRequest(`missing required parameter ${name}`, { parameter: name });
  }
  return params;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const IRI = /^[a-z][a-z0-9+.-]*:\S+$/i;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)?)?$/i;

export function parseUuid(value: string, name: string): string {
  if (!UUID.test(value)) throw badRequest(`parameter ${name} must be a UUID, got ${JSON.stringify(value)}`);
  return value;
}

export function parseIri(value: string, name: string): string {
  if (!IRI.test(value))
    throw badRequest(`parameter ${name} must be an IRI with a scheme, got ${JSON.stringify(value)}`);
  return value;
}

/** An ISO 8601 timestamp as epoch milliseconds. */
export function parseTimestamp(value: string, name: string): number {
  const ms = TIMESTAMP.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms))
    throw badRequest(`parameter ${name} must be an ISO 8601 timestamp, got ${JSON.stringify(value)}`);
  return ms;
}

export function parseBoolean(value: string | undefined, name: string): boolean {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  throw badRequest(`parameter ${name} must be true or false, got ${JSON.stringify(value)}`);
}

export function parseLimit(value: string | undefined, max: number): number {
  if (value === undefined) return max;
  if (!/^\d+$/.test(value))
    throw badRequest(`parameter limit must be a non-negative integer, got ${JSON.stringify(value)}`);
  const limit = Number(value);
  return limit === 0 || limit > max ? max : limit;
}

/** An Agent (or, where allowed, an identified Group) given as JSON in a parameter. */
export function parseAgent(value: string, name: string, { allowGroup = false } = {}): Agent | Group {
  let agent: unknown;
  try {
    agent = JSON.parse(value);
  } catch {
    throw badRequest(`parameter ${name} must be an Agent object in JSON`);
  }
  const problem = agentProblem(agent, allowGroup);
  if (problem)
    throw badRequest(
      `parameter ${name} is not a valid ${allowGroup ? 'Agent or Group' : 'Agent'}: ${problem}`,
    );
  return agent as Agent | Group;
}

const AGENT_KEYS = new Set(['objectType', 'name', 'mbox', 'mbox_sha1sum', 'openid', 'account', 'member']);

function agentProblem(agent: unknown, allowGroup: boolean): string | undefined {
  if (agent === null || typeof agent !== 'object' || Array.isArray(agent)) return 'not a JSON object';
  const a = agent as Record<string, unknown>;
  const type = a.objectType ?? 'Agent';
  if (type !== 'Agent' && !(allowGroup && type === 'Group'))
    return `objectType ${JSON.stringify(type)} is not allowed`;
  const extra = Object.keys(a).find((k) => !AGENT_KEYS.has(k) || (k === 'member' && type !== 'Group'));
  if (extra) return `unexpected property ${extra}`;
  const ifis = ['mbox', 'mbox_sha1sum', 'openid', 'account'].filter((k) => a[k] !== undefined);
  if (ifis.length !== 1) return 'it needs exactly one of mbox, mbox_sha1sum, openid, account';
  if (a.mbox !== undefined && (typeof a.mbox !== 'string' || !/^mailto:[^@\s]+@[^@\s]+$/i.test(a.mbox))) {
    return 'mbox must be a mailto: IRI';
  }
  if (
    a.mbox_sha1sum !== undefined &&
    (typeof a.mbox_sha1sum !== 'string' || !/^[0-9a-f]{40}$/i.test(a.mbox_sha1sum))
  ) {
    return 'mbox_sha1sum must be 40 hex digits';
  }
  if (a.openid !== undefined && (typeof a.openid !== 'string' || !IRI.test(a.openid)))
    return 'openid must be a URI';
  if (a.account !== undefined) {
    const account = a.account as Record<string, unknown> | null;
    if (
      !account ||
      typeof account.homePage !== 'string' ||
      typeof account.name !== 'string' ||
      !IRI.test(account.homePage)
    ) {
      return 'account needs a homePage IRL and a name';
    }
  }
  if (a.name !== undefined && typeof a.name !== 'string') return 'name must be a string';
  return undefined;
}
