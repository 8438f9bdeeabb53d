import type { FastifyInstance } from 'fastify';
import { EdstreamError } from '../errors.js';
import { ifiKey, normalizeMbox } from '../lrs/statements/agent-ifi.js';
import type { StatementQuery, StatementStore, StoredStatement } from '../lrs/store/statement-store.js';
import type { Agent } from '../xapi/statement.js';
import { sendError } from './http-errors.js';

export interface ExplorerOptions {
  store: StatementStore;
  /** `account.homePage` values an account name may belong to (the stream's profiles). */
  accountHomePages: () => readonly string[];
}

interface StatementsQuerystring {
  verb?: string;
  actor?: string;
  activity?: string;
  since?: string;
  limit?: string;
}

const MAX_LIMIT = 200;
const VERB_SAMPLE = 500;

/**
 * The statement explorer, read straight from the LRS store: `/api/statements` (filters verb,
 * actor, activity, since, limit), `/api/statements/:id` and `/api/verbs`.
 */
export function registerExplorerRoutes(
  app: FastifyInstance,
  { store, accountHomePages }: ExplorerOptions,
): void {
  app.get<{ Querystring: StatementsQuerystring }>('/api/statements', async (request, reply) => {
    const { verb, actor, activity, since, limit } = request.query;
    const size = limit === undefined || limit === '' ? 50 : Number(limit);
    if (!Number.isInteger(size) || size < 1 || size > MAX_LIMIT) {
      return sendError(
        reply,
        400,
        'validation.bad_query',
        `limit must be a whole number from 1 to ${MAX_LIMIT}`,
      );
    }
    const base: StatementQuery = { limit: size };
    if (verb) base.verb = verb;
    if (activity) {
      base.activity = activity;
      // A course or block named anywhere in the statement: object, parent or grouping.
      base.relatedActivities = true;
    }
    if (since) {
      const ms = Date.parse(since);
      if (Number.isNaN(ms)) {
        return sendError(reply, 400, 'validation.bad_query', 'since must be an ISO 8601 date and time');
      }
      base.since = ms;
    }
    let agents: (string | undefined)[] = [undefined];
    if (actor) {
      try {
        agents = agentKeys(actor.trim(), accountHomePages());
      } catch (error) {
        if (error instanceof EdstreamError) return sendError(reply, 400, error.code, error.message);
        throw error;
      }
    }
    const pages = await Promise.all(
      agents.map((agent) => store.queryStatements(agent === undefined ? base : { ...base, agent })),
    );
    // Several candidate agents (an account name under each home page): newest first, merged.
    const merged = pages
      .flatMap((p) => p.statements)
      .sort((a, b) => b.storedMs - a.storedMs)
      .slice(0, size);
    return { statements: merged.map(parseStored) };
  });

  app.get<{ Params: { id: string } }>('/api/statements/:id', async (request, reply) => {
    const found = await store.getStatement(request.params.id);
    if (!found) return sendError(reply, 404, 'lrs.not_found', `no statement ${request.params.id}`);
    return parseStored(found);
  });

  // The store has no list of verbs: remember those seen in recent statements, which covers the
  // verbs in use after a few refreshes, and stays small (a profile has a few dozen).
  const verbs = new Set<string>();
  app.get('/api/verbs', async () => {
    const recent = await store.queryStatements({ limit: VERB_SAMPLE });
    for (const s of recent.statements) {
      const id = (parseStored(s) as { verb?: { id?: unknown } }).verb?.id;
      if (typeof id === 'string' && verbs.size < 1000) verbs.add(id);
    }
    return [...verbs].sort();
  });
}

function parseStored(stored: StoredStatement): unknown {
  return JSON.parse(stored.json);
}

/**
 * The IFI keys an actor filter stands for: an Agent in JSON, an e-mail address (with or without
 * `mailto:`), or an account name, looked up under each home page the stream's actors use.
 */
export function agentKeys(actor: string, homePages: readonly string[]): string[] {
  if (actor.startsWith('{')) {
    let agent: Agent;
    try {
      agent = JSON.parse(actor) as Agent;
    } catch {
      throw new EdstreamError('validation.bad_query', 'actor starts with { but is not JSON');
    }
    const key = typeof agent === 'object' && agent !== null ? ifiKey(agent) : undefined;
    if (!key)
      throw new EdstreamError('validation.bad_query', 'actor needs mbox, mbox_sha1sum, openid or account');
    return [key];
  }
  if (/^(mailto:)?[^@\s]+@[^@\s]+$/i.test(actor)) {
    return [`mbox:${normalizeMbox(actor.toLowerCase().startsWith('mailto:') ? actor : `mailto:${actor}`)}`];
  }
  if (homePages.length === 0) {
    throw new EdstreamError(
      'validation.bad_query',
      'an account name needs a home page: give the actor as JSON, {"account":{"homePage":…,"name":…}}',
    );
  }
  return homePages.map((homePage) => ifiKey({ account: { homePage, name: actor } })!);
}
