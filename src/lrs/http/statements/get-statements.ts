import type { FastifyReply, FastifyRequest } from 'fastify';
import { EdstreamError } from '../../../errors.js';
import type { Statement } from '../../../xapi/statement.js';
import type { Principal } from '../../auth/credential-verifier.js';
import { readsOnlyOwnStatements, requireAccess } from '../../auth/scopes.js';
import { ifiKey } from '../../statements/agent-ifi.js';
import type { StatementQuery, StoredStatement } from '../../store/statement-store.js';
import { type LrsContext, principalOf } from '../lrs-context.js';
import {
  parseAgent,
  parseBoolean,
  parseIri,
  parseLimit,
  parseTimestamp,
  parseUuid,
  type RawQuery,
  readParams,
} from '../params.js';
import { parseAcceptLanguage } from './accept-language.js';
import { decodeMoreToken, encodeMoreToken, type PageRequest } from './more-token.js';
import { buildMultipart } from './multipart.js';
import { activityIdsOf, type StatementFormat, toCanonicalFormat, toIdsFormat } from './statement-format.js';

const PARAMETERS = [
  'statementId',
  'voidedStatementId',
  'agent',
  'verb',
  'activity',
  'registration',
  'related_activities',
  'related_agents',
  'since',
  'until',
  'limit',
  'format',
  'attachments',
  'ascending',
  'more',
];

/** GET statements: one by id (voided or not), or a filtered page with a `more` link. */
export async function getStatements(ctx: LrsContext, request: FastifyRequest, reply: FastifyReply) {
  const principal = principalOf(request);
  requireAccess(principal.scopes, 'statements/read');
  const params = readParams(request.query as RawQuery, PARAMETERS);
  const format = parseFormat(params.format);
  const attachments = parseBoolean(params.attachments, 'attachments');
  const id = params.statementId ?? params.voidedStatementId;
  if (id !== undefined) {
    const others = Object.keys(params).filter(
      (p) => !['statementId', 'voidedStatementId', 'format', 'attachments'].includes(p),
    );
    if (params.statementId !== undefined && params.voidedStatementId !== undefined) {
      throw new EdstreamError('lrs.bad_request', 'give statementId or voidedStatementId, not both');
    }
    if (others.length > 0) {
      throw new EdstreamError(
        'lrs.bad_request',
        `statementId and voidedStatementId take no other parameters than format and attachments; got ${others.join(', ')}`,
      );
    }
    const voided = params.voidedStatementId !== undefined;
    const found = await ctx.store.getStatement(parseUuid(id, voided ? 'voidedStatementId' : 'statementId'));
    if (!found || found.voided !== voided || !visibleTo(found, principal)) {
      throw new EdstreamError('lrs.not_found', `no ${voided ? 'voided ' : ''}statement ${id}`);
    }
    reply.header('Last-Modified', new Date(found.storedMs).toUTCString());
    return send(ctx, request, reply, [found], { format, attachments, single: true });
  }
  const page =
    params.more !== undefined ? moreRequest(params) : pageRequest(params, ctx.pageLimit, format, attachments);
  const query: StatementQuery = { ...page.query };
  if (readsOnlyOwnStatements(principal.scopes)) query.authority = principal.authorityIfi;
  const result = await ctx.store.queryStatements(query);
  const more = result.next
    ? `${ctx.basePath}/statements?more=${encodeMoreToken({ ...page, query: { ...page.query, after: result.next } })}`
    : '';
  return send(ctx, request, reply, result.statements, { ...page, single: false, more });
}

function moreRequest(params: Record<string, string>): PageRequest {
  if (Object.keys(params).length > 1)
    throw new EdstreamError('lrs.bad_request', 'a more link takes no other parameters');
  return decodeMoreToken(params.more!);
}

function pageRequest(
  params: Record<string, string>,
  pageLimit: number,
  format: StatementFormat,
  attachments: boolean,
): PageRequest {
  const query: PageRequest['query'] = { limit: parseLimit(params.limit, pageLimit) };
  if (params.agent !== undefined) {
    const key = ifiKey(parseAgent(params.agent, 'agent', { allowGroup: true }));
    if (!key)
      throw new EdstreamError('lrs.bad_request', 'parameter agent must be an Agent or an identified Group');
    query.agent = key;
  }
  if (params.verb !== undefined) query.verb = parseIri(params.verb, 'verb');
  if (params.activity !== undefined) query.activity = parseIri(params.activity, 'activity');
  if (params.registration !== undefined) query.registration = parseUuid(params.registration, 'registration');
  if (parseBoolean(params.related_agents, 'related_agents')) query.relatedAgents = true;
  if (parseBoolean(params.related_activities, 'related_activities')) query.relatedActivities = true;
  if (params.since !== undefined) query.since = Math.floor(parseTimestamp(params.since, 'since'));
  if (params.until !== undefined) query.until = Math.floor(parseTimestamp(params.until, 'until'));
  if (parseBoolean(params.ascending, 'ascending')) query.ascending = true;
  return { query, format, attachments };
}

function parseFormat(value: string | undefined): StatementFormat {
  if (value === undefined) return 'exact';
  if (value === 'exact' || value === 'ids' || value === 'canonical') return value;
  throw new EdstreamError(
    'lrs.bad_request',
    `parameter format must be ids, exact or canonical, got ${JSON.stringify(value)}`,
  );
}

function visibleTo(statement: StoredStatement, principal: Principal): boolean {
  if (!readsOnlyOwnStatements(principal.scopes)) return true;
  const authority = (JSON.parse(statement.json) as Statement).authority;
  return authority !== undefined && ifiKey(authority) === principal.authorityIfi;
}

interface SendOptions {
  format: StatementFormat;
  attachments: boolean;
  single: boolean;
  more?: string;
}

async function send(
  ctx: LrsContext,
  request: FastifyRequest,
  reply: FastifyReply,
  rows: readonly StoredStatement[],
  { format, attachments, single, more = '' }: SendOptions,
) {
  let items: string[];
  let parsed: Statement[] | undefined;
  if (format === 'exact' && !attachments) {
    items = rows.map((r) => r.json);
  } else {
    parsed = rows.map((r) => JSON.parse(r.json) as Statement);
    let shaped = parsed;
    if (format === 'ids') shaped = parsed.map(toIdsFormat);
    if (format === 'canonical') {
      const definitions = await ctx.store.getActivityDefinitions(parsed.flatMap(activityIdsOf));
      const languages = parseAcceptLanguage(request.headers['accept-language']);
      shaped = parsed.map((s) => toCanonicalFormat(s, definitions, languages));
    }
    items = shaped.map((s) => JSON.stringify(s));
  }
  const json = single ? items[0]! : `{"statements":[${items.join(',')}],"more":${JSON.stringify(more)}}`;
  if (!attachments) return reply.type('application/json; charset=utf-8').send(json);
  const sha2s = (parsed ?? []).flatMap((s) => (s.attachments ?? []).map((a) => a.sha2.toLowerCase()));
  const stored = await ctx.store.getAttachments(sha2s);
  const multipart = buildMultipart([
    { headers: { 'Content-Type': 'application/json' }, body: Buffer.from(json) },
    ...stored.map((a) => ({
      headers: {
        'Content-Type': a.contentType,
        'Content-Transfer-Encoding': 'binary',
        'X-Experience-API-Hash': a.sha2,
      },
      body: a.content,
    })),
  ]);
  return reply.type(multipart.contentType).send(multipart.body);
}
