import type { OpenEdxEvent } from '../codecs/codec.js';
import { EdstreamError } from '../errors.js';
import type { SignalRegistry } from '../signals/index.js';
import type { EventHandler } from './consumer.js';

/**
 * A consumer handler that re-emits each event on its signal with its original metadata
 * (`fromEventBus: true`). If any receiver fails, the handler fails, so the entry is retried and,
 * in the end, dead-lettered rather than acknowledged (the Python consumer acknowledges it anyway).
 */
export function signalHandler(signals: SignalRegistry): EventHandler {
  return async (event: OpenEdxEvent) => {
    const signal = signals.get(event.metadata.event_type);
    const outcomes = await signal.sendWithMetadata(event.metadata, event.data as never);
    const failed = outcomes.filter((o) => !o.ok);
    if (failed.length > 0) {
      const first = failed[0] as { error: unknown };
      throw new EdstreamError(
        'handler.receiver_failed',
        `${failed.length} receiver(s) of ${event.metadata.event_type} failed: ${first.error instanceof Error ? first.error.message : String(first.error)}`,
        { cause: first.error },
      );
    }
  };
}
