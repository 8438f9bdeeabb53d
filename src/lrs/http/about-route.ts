import type { FastifyInstance } from 'fastify';
import type { LrsContext } from './lrs-context.js';
import { readParams } from './params.js';

/** `GET about`: the versions this LRS speaks; public and exempt from version checks. */
export function registerAboutRoute(app: FastifyInstance, ctx: LrsContext): void {
  app.get(`${ctx.basePath}/about`, async (request, reply) => {
    readParams(request.query as Record<string, string>, []);
    return reply.type('application/json; charset=utf-8').send({ version: [...ctx.versions] });
  });
}
