import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { XapiVersion } from '../../xapi/statement.js';
import { CredentialVerifier } from '../auth/credential-verifier.js';
import type { StatementStore } from '../store/statement-store.js';
import { registerAboutRoute } from './about-route.js';
import { answerAlternateRequest, isAlternateRequest } from './alternate-request.js';
import { registerDefinitionRoutes } from './definition-routes.js';
import { registerDocumentRoutes } from './documents/document-routes.js';
import { errorResponse } from './error-reply.js';
import { type LrsContext, requestState } from './lrs-context.js';
import { registerStatementRoutes } from './statements/statement-routes.js';
import { negotiateVersion, SUPPORTED_VERSIONS } from './version.js';

export interface LrsAppOptions {
  store: StatementStore;
  /** Where the xAPI resources live. Default `/xapi`. */
  basePath?: string;
  /** The xAPI versions served. Default 1.0.3 and 2.0.0. */
  versions?: readonly XapiVersion[];
  /** Largest request body in bytes, answered with 413 above. Default 64 MiB. */
  bodyLimit?: number;
  /** Most statements per page of GET statements. Default 500. */
  pageLimit?: number;
  /** How long verified credentials are cached. Default 30 s. */
  credentialCacheMs?: number;
  /** fastify's logger option; off by default. */
  logger?: FastifyServerOptions['logger'];
}

/**
 * The xAPI LRS as a fastify instance: Statement, State, Activity Profile, Agent Profile,
 * Activities, Agents and About resources under `basePath`, HTTP Basic auth with scopes, and xAPI
 * version negotiation on every request.
 */
export function createLrsApp({
  store,
  basePath = '/xapi',
  versions = SUPPORTED_VERSIONS,
  bodyLimit = 64 * 1024 * 1024,
  pageLimit = 500,
  credentialCacheMs = 30_000,
  logger = false,
}: LrsAppOptions): FastifyInstance {
  const base = basePath.replace(/\/+$/, '');
  const latest = versions.includes('2.0.0') ? '2.0.0' : (versions[0] ?? '1.0.3');
  const ctx: LrsContext = {
    store,
    verifier: new CredentialVerifier(store, { cacheMs: credentialCacheMs }),
    basePath: base,
    versions,
    pageLimit,
  };
  const app = Fastify({ bodyLimit, logger, exposeHeadRoutes: true });

  // Bodies stay bytes: statements are parsed by the statement resource (JSON or multipart),
  // documents are stored as received whatever their type.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  app.addHook('onRequest', async (request, reply) => {
    const state = requestState(request);
    const header = request.headers['x-experience-api-version'];
    const value = Array.isArray(header) ? header[0] : header;
    if (isAbout(request.url, base)) {
      state.version = safeVersion(value, versions) ?? latest;
      return;
    }
    if (isAlternateRequest(request)) {
      state.version = safeVersion(value, versions) ?? '1.0.3';
      await answerAlternateRequest(app, request, reply, { bodyLimit, versions });
      return reply;
    }
    state.version = negotiateVersion(value, versions);
    state.principal = await ctx.verifier.verify(request.headers.authorization);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('X-Experience-API-Version', requestState(request).version ?? latest);
    if (isStatements(request.url, base)) {
      reply.header('X-Experience-API-Consistent-Through', new Date().toISOString());
    }
    if (!reply.hasHeader('date')) reply.header('Date', new Date().toUTCString());
    return payload;
  });

  app.setErrorHandler((error, request, reply) => {
    const { status, body } = errorResponse(error);
    if (status >= 500) request.log.error({ err: error }, 'LRS request failed');
    if (status === 401) reply.header('WWW-Authenticate', 'Basic realm="xAPI LRS", charset="UTF-8"');
    reply.status(status).type('application/json; charset=utf-8').send(body);
  });

  app.setNotFoundHandler((request, reply) => {
    reply
      .status(404)
      .type('application/json; charset=utf-8')
      .send({
        error: {
          code: 'lrs.not_found',
          message: `no xAPI resource ${request.method} ${request.url.split('?')[0]}`,
        },
      });
  });

  registerAboutRoute(app, ctx);
  registerStatementRoutes(app, ctx);
  registerDocumentRoutes(app, ctx);
  registerDefinitionRoutes(app, ctx);
  return app;
}

function pathOf(url: string, base: string): string {
  const path = url.split('?')[0] ?? '';
  return path.startsWith(base) ? path.slice(base.length) : path;
}

function isAbout(url: string, base: string): boolean {
  return pathOf(url, base) === '/about';
}

function isStatements(url: string, base: string): boolean {
  return pathOf(url, base) === '/statements';
}

function safeVersion(header: string | undefined, versions: readonly XapiVersion[]): XapiVersion | undefined {
  try {
    return negotiateVersion(header, versions);
  } catch {
    return undefined;
  }
}
