import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { EdstreamError } from '../../../errors.js';
import { mayDefine, requireAccess } from '../../auth/scopes.js';
import { type LrsContext, principalOf, versionOf } from '../lrs-context.js';
import { parseUuid, type RawQuery, readParams } from '../params.js';
import { getStatements } from './get-statements.js';
import { admitStatements, readStatementBody } from './statement-intake.js';

/** The Statement resource: PUT one statement, POST one or a batch, GET (and HEAD) them. */
export function registerStatementRoutes(app: FastifyInstance, ctx: LrsContext): void {
  const url = `${ctx.basePath}/statements`;
  app.put(url, (request, reply) => putStatement(ctx, request, reply));
  app.post(url, (request, reply) => postStatements(ctx, request, reply));
  app.get(url, (request, reply) => getStatements(ctx, request, reply));
}

async function putStatement(ctx: LrsContext, request: FastifyRequest, reply: FastifyReply) {
  const principal = principalOf(request);
  requireAccess(principal.scopes, 'statements/write');
  const params = readParams(request.query as RawQuery, ['statementId'], ['statementId']);
  const statementId = parseUuid(params.statementId!, 'statementId');
  const body = readStatementBody(request);
  if (body.json === null || typeof body.json !== 'object' || Array.isArray(body.json)) {
    throw new EdstreamError('lrs.invalid_statement', 'PUT statements takes one statement object');
  }
  const sent = body.json as { id?: unknown };
  if (
    sent.id !== undefined &&
    (typeof sent.id !== 'string' || sent.id.toLowerCase() !== statementId.toLowerCase())
  ) {
    throw new EdstreamError(
      'lrs.invalid_statement',
      `the statement id ${JSON.stringify(sent.id)} differs from statementId ${statementId}`,
    );
  }
  const admitted = admitStatements(
    [{ ...sent, id: sent.id ?? statementId }],
    body,
    versionOf(request),
    principal,
  );
  await ctx.store.insertStatements(admitted.statements, {
    attachments: admitted.attachments,
    define: mayDefine(principal.scopes),
  });
  return reply.status(204).send();
}

async function postStatements(ctx: LrsContext, request: FastifyRequest, reply: FastifyReply) {
  const principal = principalOf(request);
  requireAccess(principal.scopes, 'statements/write');
  readParams(request.query as RawQuery, []);
  const body = readStatementBody(request);
  const items = Array.isArray(body.json) ? body.json : [body.json];
  if (items.length === 0) throw new EdstreamError('lrs.invalid_statement', 'the batch holds no statements');
  const admitted = admitStatements(items, body, versionOf(request), principal);
  await ctx.store.insertStatements(admitted.statements, {
    attachments: admitted.attachments,
    define: mayDefine(principal.scopes),
  });
  return reply
    .type('application/json; charset=utf-8')
    .send(JSON.stringify(admitted.statements.map((s) => s.id)));
}
