import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify';
import { httpStatusFor, isEdstreamError } from '../errors.js';
import { createLrsApp, type LrsAppOptions } from '../lrs/http/create-lrs-app.js';
import type { StatementStore } from '../lrs/store/statement-store.js';
import { registerCatalogRoutes } from './catalog-routes.js';
import { registerDashboardRoutes } from './dashboard-routes.js';
import { registerExplorerRoutes } from './explorer-routes.js';
import { createMetricsRegistry } from './metrics.js';
import { registerPipelineRoutes } from './pipeline-routes.js';
import type { PipelineView } from './pipeline-view.js';

export interface ServerOptions {
  /** The LRS store: served at `/xapi` and read by the statement explorer. */
  store: StatementStore;
  /** The running pipeline, or a getter for one started after the server (it may need the port). */
  pipeline?: PipelineView | (() => PipelineView | undefined);
  /** Options of the LRS at `/xapi` (body limit, page size, …). */
  lrs?: Omit<LrsAppOptions, 'store' | 'basePath' | 'logger'>;
  /** fastify's logger option; off by default. */
  logger?: FastifyServerOptions['logger'];
}

export const LRS_BASE_PATH = '/xapi';

const ALL_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH'] as const;

/**
 * The edstream HTTP app: the xAPI LRS at `/xapi`, the dashboard at `/`, its JSON API under
 * `/api`, Prometheus metrics at `/metrics` and `/health`. Not listening yet: call `listen`, or
 * `inject` in tests. Closing it closes the LRS app too (not the store, which the caller owns).
 */
export function createServer({ store, pipeline, lrs = {}, logger = false }: ServerOptions): FastifyInstance {
  const app = Fastify({ logger });
  const pipelineOf = typeof pipeline === 'function' ? pipeline : () => pipeline;

  // The LRS keeps its own fastify instance (its own parsers, hooks and errors, all xAPI-specific);
  // requests under /xapi are handed to it raw, before this app reads their bodies.
  const lrsApp = createLrsApp({ ...lrs, store, basePath: LRS_BASE_PATH, logger });
  app.addHook('onReady', async () => {
    await lrsApp.ready();
  });
  app.addHook('onClose', async () => {
    await lrsApp.close();
  });
  const handToLrs = (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    reply.hijack();
    lrsApp.routing(request.raw, reply.raw);
    done();
  };
  for (const url of [LRS_BASE_PATH, `${LRS_BASE_PATH}/*`]) {
    app.route({
      method: [...ALL_METHODS],
      url,
      exposeHeadRoute: false,
      onRequest: handToLrs,
      handler: async () => undefined,
    });
  }

  app.setErrorHandler((error, request, reply) => {
    if (isEdstreamError(error)) {
      const status = httpStatusFor(error.code);
      if (status >= 500) request.log.error({ err: error }, 'request failed');
      return reply.status(status).send({ error: { code: error.code, message: error.message } });
    }
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    return reply.status(status).send({
      error: {
        code: status >= 500 ? 'http.internal' : 'http.bad_request',
        message: (error as Error).message,
      },
    });
  });

  const metrics = createMetricsRegistry(pipelineOf);
  registerDashboardRoutes(app);
  registerCatalogRoutes(app);
  registerExplorerRoutes(app, { store, accountHomePages: () => pipelineOf()?.accountHomePages() ?? [] });
  registerPipelineRoutes(app, { store, pipeline: pipelineOf, metrics });
  return app;
}
