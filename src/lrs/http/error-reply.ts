import { EdstreamError, httpStatusFor, isEdstreamError } from '../../errors.js';

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/** The status and JSON body for any error a handler or fastify raised; unknown errors are 500s. */
export function errorResponse(error: unknown): { status: number; body: ErrorBody } {
  const known = asEdstreamError(error);
  const status = httpStatusFor(known.code);
  return { status, body: { error: known.toJSON() } };
}

function asEdstreamError(error: unknown): EdstreamError {
  if (isEdstreamError(error)) return error;
  const fastify = error as { code?: string; statusCode?: number; message?: string };
  if (fastify.statusCode === 413 || fastify.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return new EdstreamError('lrs.payload_too_large', 'the request body is larger than this LRS accepts', {
      cause: error,
    });
  }
  if (typeof fastify.statusCode === 'number' && fastify.statusCode >= 400 && fastify.statusCode < 500) {
    return new EdstreamError('lrs.bad_request', fastify.message ?? 'bad request', { cause: error });
  }
  return new EdstreamError('lrs.internal_error', 'the LRS failed to handle this request', { cause: error });
}
