import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { EdstreamError } from '../../../errors.js';
import type { Agent } from '../../../xapi/statement.js';
import { type Access, requireAccess } from '../../auth/scopes.js';
import { ifiKey } from '../../statements/agent-ifi.js';
import type {
  DocumentKey,
  DocumentScope,
  DocumentWrite,
  StoredDocument,
} from '../../store/statement-store.js';
import { type LrsContext, principalOf } from '../lrs-context.js';
import { parseAgent, parseIri, parseTimestamp, parseUuid, type RawQuery, readParams } from '../params.js';
import { checkPreconditions, readPreconditions } from './preconditions.js';

/** One of the three document resources and how its parameters name a document. */
interface DocumentResource {
  path: string;
  kind: DocumentScope['kind'];
  idParam: 'stateId' | 'profileId';
  scopeParams: readonly string[];
  access: { read: Access; write: Access };
  /** Profiles need If-Match or If-None-Match to replace an existing document (409 otherwise). */
  profile: boolean;
}

const RESOURCES: readonly DocumentResource[] = [
  {
    path: 'activities/state',
    kind: 'state',
    idParam: 'stateId',
    scopeParams: ['activityId', 'agent', 'registration'],
    access: { read: 'state/read', write: 'state/write' },
    profile: false,
  },
  {
    path: 'activities/profile',
    kind: 'activity_profile',
    idParam: 'profileId',
    scopeParams: ['activityId'],
    access: { read: 'profile/read', write: 'profile/write' },
    profile: true,
  },
  {
    path: 'agents/profile',
    kind: 'agent_profile',
    idParam: 'profileId',
    scopeParams: ['agent'],
    access: { read: 'profile/read', write: 'profile/write' },
    profile: true,
  },
];

/** The State, Activity Profile and Agent Profile resources (Communication 2.2, 2.3, 2.6, 2.7). */
export function registerDocumentRoutes(app: FastifyInstance, ctx: LrsContext): void {
  for (const resource of RESOURCES) {
    const url = `${ctx.basePath}/${resource.path}`;
    app.get(url, (request, reply) => getDocuments(ctx, resource, request, reply));
    app.put(url, (request, reply) => writeDocument(ctx, resource, request, reply, 'PUT'));
    app.post(url, (request, reply) => writeDocument(ctx, resource, request, reply, 'POST'));
    app.delete(url, (request, reply) => deleteDocuments(ctx, resource, request, reply));
  }
}

function readScope(resource: DocumentResource, request: FastifyRequest, extra: readonly string[]) {
  const required = resource.scopeParams.filter((p) => p !== 'registration');
  const params = readParams(
    request.query as RawQuery,
    [...resource.scopeParams, resource.idParam, ...extra],
    required,
  );
  const scope: DocumentScope = { kind: resource.kind };
  if (params.activityId !== undefined) scope.activityId = parseIri(params.activityId, 'activityId');
  if (params.agent !== undefined) scope.agent = ifiKey(parseAgent(params.agent, 'agent') as Agent)!;
  if (params.registration !== undefined) scope.registration = parseUuid(params.registration, 'registration');
  return { params, scope, documentId: params[resource.idParam] };
}

function requireId(resource: DocumentResource, documentId: string | undefined): string {
  if (documentId === undefined) {
    throw new EdstreamError('lrs.bad_request', `missing required parameter ${resource.idParam}`);
  }
  return documentId;
}

async function getDocuments(
  ctx: LrsContext,
  resource: DocumentResource,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  requireAccess(principalOf(request).scopes, resource.access.read);
  const { params, scope, documentId } = readScope(resource, request, ['since']);
  if (documentId !== undefined) {
    const document = await ctx.store.getDocument({ ...scope, documentId });
    if (!document)
      throw new EdstreamError('lrs.not_found', `no ${resource.path} document ${JSON.stringify(documentId)}`);
    return reply
      .header('ETag', document.etag)
      .header('Last-Modified', new Date(document.updated).toUTCString())
      .type(document.contentType)
      .send(document.content);
  }
  const since = params.since === undefined ? undefined : parseTimestamp(params.since, 'since');
  const documents = await ctx.store.listDocuments(scope, since);
  const newest = Math.max(0, ...documents.map((d) => d.updated));
  if (documents.length > 0) reply.header('Last-Modified', new Date(newest).toUTCString());
  return reply.type('application/json; charset=utf-8').send(documents.map((d) => d.documentId));
}

async function writeDocument(
  ctx: LrsContext,
  resource: DocumentResource,
  request: FastifyRequest,
  reply: FastifyReply,
  method: 'PUT' | 'POST',
) {
  requireAccess(principalOf(request).scopes, resource.access.write);
  const { scope, documentId } = readScope(resource, request, []);
  const key: DocumentKey = { ...scope, documentId: requireId(resource, documentId) };
  const incoming: DocumentWrite = {
    contentType: request.headers['content-type']?.trim() || 'application/octet-stream',
    content: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
  };
  const preconditions = readPreconditions(request.headers);
  if (method === 'POST' && isJsonType(incoming.contentType)) jsonObjectOf(incoming, 'the posted document');
  await ctx.store.changeDocument(key, (current) => {
    checkPreconditions(current, preconditions, { requireForExisting: resource.profile && method === 'PUT' });
    return method === 'POST' && current ? mergeDocuments(current, incoming) : incoming;
  });
  return reply.status(204).send();
}

async function deleteDocuments(
  ctx: LrsContext,
  resource: DocumentResource,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  requireAccess(principalOf(request).scopes, resource.access.write);
  const { scope, documentId } = readScope(resource, request, []);
  if (documentId === undefined && resource.profile) requireId(resource, documentId);
  if (documentId === undefined) {
    await ctx.store.deleteDocuments(scope);
  } else {
    const preconditions = readPreconditions(request.headers);
    await ctx.store.changeDocument({ ...scope, documentId }, (current) => {
      checkPreconditions(current, preconditions);
      return null;
    });
  }
  return reply.status(204).send();
}

/** POST to an existing document merges top-level properties; both must be JSON objects (2.2.s8). */
function mergeDocuments(current: StoredDocument, incoming: DocumentWrite): DocumentWrite {
  if (!isJsonType(current.contentType) || !isJsonType(incoming.contentType)) {
    throw new EdstreamError(
      'lrs.invalid_document',
      'POST merges JSON documents only: both the stored and the posted document must be application/json',
    );
  }
  const merged = {
    ...jsonObjectOf(current, 'the stored document'),
    ...jsonObjectOf(incoming, 'the posted document'),
  };
  return { contentType: 'application/json', content: Buffer.from(JSON.stringify(merged)) };
}

function isJsonType(contentType: string): boolean {
  return contentType.split(';')[0]!.trim().toLowerCase() === 'application/json';
}

function jsonObjectOf(document: DocumentWrite, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(document.content.toString('utf8'));
  } catch {
    value = undefined;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new EdstreamError('lrs.invalid_document', `${what} is not a JSON object, so it cannot be merged`);
  }
  return value as Record<string, unknown>;
}
