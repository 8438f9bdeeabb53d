import type { FastifyInstance } from 'fastify';
import type { Agent } from '../../xapi/statement.js';
import { requireAccess } from '../auth/scopes.js';
import { type LrsContext, principalOf } from './lrs-context.js';
import { parseAgent, parseIri, type RawQuery, readParams } from './params.js';

/** `GET activities` (the canonical Activity object) and `GET agents` (a Person object). */
export function registerDefinitionRoutes(app: FastifyInstance, ctx: LrsContext): void {
  app.get(`${ctx.basePath}/activities`, async (request, reply) => {
    requireAccess(principalOf(request).scopes, 'definitions/read');
    const params = readParams(request.query as RawQuery, ['activityId'], ['activityId']);
    const activityId = parseIri(params.activityId!, 'activityId');
    const definition = await ctx.store.getActivityDefinition(activityId);
    return reply
      .type('application/json; charset=utf-8')
      .send({ objectType: 'Activity', id: activityId, ...(definition ? { definition } : {}) });
  });

  app.get(`${ctx.basePath}/agents`, async (request, reply) => {
    requireAccess(principalOf(request).scopes, 'definitions/read');
    const params = readParams(request.query as RawQuery, ['agent'], ['agent']);
    const agent = parseAgent(params.agent!, 'agent') as Agent;
    return reply.type('application/json; charset=utf-8').send(personOf(agent));
  });
}

/** The Person object for an agent: every property an array (Communication 2.4). */
export function personOf(agent: Agent): Record<string, unknown> {
  const person: Record<string, unknown> = { objectType: 'Person' };
  if (agent.name !== undefined) person.name = [agent.name];
  if (agent.mbox !== undefined) person.mbox = [agent.mbox];
  if (agent.mbox_sha1sum !== undefined) person.mbox_sha1sum = [agent.mbox_sha1sum];
  if (agent.openid !== undefined) person.openid = [agent.openid];
  if (agent.account !== undefined) person.account = [agent.account];
  return person;
}
