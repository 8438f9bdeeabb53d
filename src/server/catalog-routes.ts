import type { FastifyInstance } from 'fastify';
import { eventSummary, eventTreeText } from '../catalog/describe-event.js';
import { ALL_EVENTS, findEventDefinition } from '../catalog/registry.js';
import { avroSchemaText } from '../codecs/avro/schema.js';
import { sendError } from './http-errors.js';

/** `/api/catalog`: every event type; `/api/catalog/:type`: its field tree and Avro schema. */
export function registerCatalogRoutes(app: FastifyInstance): void {
  const list = ALL_EVENTS.map(eventSummary);
  app.get('/api/catalog', async () => list);
  app.get<{ Params: { type: string } }>('/api/catalog/:type', async (request, reply) => {
    const definition = findEventDefinition(request.params.type);
    if (!definition) {
      return sendError(reply, 404, 'catalog.unknown_event_type', `no event type ${request.params.type}`);
    }
    return {
      ...eventSummary(definition),
      tree: eventTreeText(definition),
      avro: definition.serializable ? avroSchemaText(definition) : null,
    };
  });
}
