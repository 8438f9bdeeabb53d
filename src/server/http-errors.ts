import type { FastifyReply } from 'fastify';

/** The error body every `/api` route answers with: `{ error: { code, message } }`. */
export function sendError(reply: FastifyReply, status: number, code: string, message: string): FastifyReply {
  return reply.status(status).send({ error: { code, message } });
}
