import { EdstreamError } from '../../errors.js';

/** What a failed call was doing, for the error message. */
export interface CallContext {
  readonly what: string;
  readonly stream?: string;
  readonly group?: string;
}

export function closedError(): EdstreamError {
  return new EdstreamError('bus.closed', 'the Redis bus backend is closed');
}

export function noGroupError(stream: string, group: string, cause?: unknown): EdstreamError {
  return new EdstreamError(
    'bus.no_group',
    `stream ${JSON.stringify(stream)} has no consumer group ${JSON.stringify(group)}; create it first`,
    { cause },
  );
}

/**
 * Turns what ioredis rejects with into one coded error. Socket-level failures are
 * `bus.connection_lost` (the command may or may not have run); Redis error replies keep their text.
 */
export function translateRedisError(error: unknown, context: CallContext, target: string): EdstreamError {
  if (error instanceof EdstreamError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const name = error instanceof Error ? error.name : '';
  if (name === 'ReplyError') {
    if (
      (message.startsWith('NOGROUP') || message.includes('requires the key to exist')) &&
      context.stream !== undefined &&
      context.group !== undefined
    ) {
      return noGroupError(context.stream, context.group, error);
    }
    if (message.startsWith('WRONGTYPE')) {
      return new EdstreamError(
        'bus.wrong_type',
        `${JSON.stringify(context.stream)} holds a Redis value that is not a stream (${context.what})`,
        { cause: error },
      );
    }
    if (/^(NOAUTH|WRONGPASS|NOPERM)/.test(message)) {
      return new EdstreamError('bus.unauthorized', `Redis at ${target} refused ${context.what}: ${message}`, {
        cause: error,
      });
    }
    return new EdstreamError('bus.command_failed', `Redis at ${target} failed ${context.what}: ${message}`, {
      cause: error,
    });
  }
  return new EdstreamError(
    'bus.connection_lost',
    `the connection to Redis at ${target} was lost during ${context.what}: ${message}`,
    { cause: error },
  );
}

/** A call that could not start because no connection became ready in time. */
export function notReadyError(
  target: string,
  context: CallContext,
  waitedMs: number,
  everConnected: boolean,
  lastError: Error | undefined,
): EdstreamError {
  const why = lastError ? `: ${lastError.message}` : '';
  return everConnected
    ? new EdstreamError(
        'bus.connection_lost',
        `the connection to Redis at ${target} is down and did not come back within ${waitedMs} ms (${context.what})${why}`,
        { cause: lastError },
      )
    : new EdstreamError(
        'bus.unreachable',
        `cannot reach Redis at ${target} within ${waitedMs} ms (${context.what})${why}`,
        { cause: lastError },
      );
}

export function timeoutError(target: string, context: CallContext, waitedMs: number): EdstreamError {
  return new EdstreamError(
    'bus.timeout',
    `Redis at ${target} did not answer ${context.what} within ${waitedMs} ms`,
  );
}
