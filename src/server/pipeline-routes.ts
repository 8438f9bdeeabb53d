import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import type { StatementStore } from '../lrs/store/statement-store.js';
import { sendError } from './http-errors.js';
import { type HealthCheck, type PipelineView, pipelineCounts, totalLag } from './pipeline-view.js';

const NO_PIPELINE: HealthCheck = { ok: true, message: 'no pipeline in this process' };
const CHECK_TIMEOUT_MS = 2000;

/**
 * The operator's view of the running pipeline: `/api/overview`, `/api/dead-letters` (+ replay),
 * `/metrics` (Prometheus) and `/health`.
 */
export function registerPipelineRoutes(
  app: FastifyInstance,
  {
    store,
    pipeline,
    metrics,
  }: { store: StatementStore; pipeline: () => PipelineView | undefined; metrics: Registry },
): void {
  app.get('/api/overview', async () => {
    const view = pipeline();
    if (!view) {
      return {
        counts: { produced: 0, consumed: 0, transformed: 0, delivered: 0, retried: 0, deadLettered: 0 },
        lag: 0,
        rates: [],
        sinks: [],
      };
    }
    const snapshot = view.snapshot();
    return {
      counts: pipelineCounts(snapshot),
      lag: totalLag(snapshot),
      rates: view.rates(),
      sinks: snapshot.sinks.map((s) => ({
        name: s.sink,
        subscription: s.subscription,
        kind: s.kind,
        delivered: s.delivered,
        deadLettered: s.deadLettered,
        queued: s.queued,
      })),
    };
  });

  app.get<{ Querystring: { limit?: string } }>('/api/dead-letters', async (request, reply) => {
    const limit = request.query.limit === undefined ? 200 : Number(request.query.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
      return sendError(reply, 400, 'validation.bad_query', 'limit must be a whole number from 1 to 1000');
    }
    return (await pipeline()?.deadLetters(limit)) ?? [];
  });

  app.post<{ Body: { source?: unknown; id?: unknown } }>(
    '/api/dead-letters/replay',
    async (request, reply) => {
      const { source, id } = request.body ?? {};
      if ((source !== 'bus' && source !== 'sink') || (typeof id !== 'string' && typeof id !== 'number')) {
        return sendError(
          reply,
          400,
          'validation.bad_body',
          'expected { "source": "bus" | "sink", "id": "…" }',
        );
      }
      const view = pipeline();
      if (!view) return sendError(reply, 404, 'http.not_found', 'no pipeline runs in this process');
      const outcome = await view.replayDeadLetter(source, String(id));
      if (outcome.status === 'not_found') return sendError(reply, 404, 'http.not_found', outcome.message);
      if (outcome.status === 'failed') return sendError(reply, 502, 'sink.rejected', outcome.message);
      return { message: outcome.message };
    },
  );

  app.get('/metrics', async (_request, reply) => {
    reply.type(metrics.contentType);
    return metrics.metrics();
  });

  app.get('/health', async (_request, reply) => {
    const view = pipeline();
    const [pipelineChecks, lrs] = await Promise.all([
      view
        ? withTimeout(view.checks(), { bus: timedOut('bus'), stream: timedOut('stream') })
        : Promise.resolve({ bus: NO_PIPELINE, stream: NO_PIPELINE }),
      withTimeout(checkStore(store), timedOut('LRS store')),
    ]);
    const checks = { ...pipelineChecks, lrs };
    const ok = Object.values(checks).every((c) => c.ok);
    reply.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'degraded', checks };
  });
}

async function checkStore(store: StatementStore): Promise<HealthCheck> {
  try {
    await store.getStatement('00000000-0000-4000-8000-000000000000');
    return { ok: true, message: `${store.kind} store answers` };
  } catch (error) {
    return {
      ok: false,
      message: `${store.kind} store failed: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

function timedOut(what: string): HealthCheck {
  return { ok: false, message: `${what} did not answer within ${CHECK_TIMEOUT_MS} ms` };
}

async function withTimeout<T>(work: Promise<T>, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), CHECK_TIMEOUT_MS);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}
