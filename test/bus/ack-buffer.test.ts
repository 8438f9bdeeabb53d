import { describe, expect, it } from 'vitest';
import { AckBuffer } from '../../src/bus/ack-buffer.js';
import type { BusBackend } from '../../src/bus/backend.js';
import { createBackend } from '../../src/bus/create-backend.js';
import { EdstreamError } from '../../src/errors.js';
import { silentLogger } from '../../src/logging.js';

/** A memory backend whose acknowledgements are recorded, and fail with `failWith` when set. */
async function recordingBackend(): Promise<{
  backend: BusBackend;
  calls: string[][];
  fail: (e: Error | undefined) => void;
}> {
  const inner = await createBackend('memory:');
  const calls: string[][] = [];
  let failWith: Error | undefined;
  const backend = new Proxy(inner, {
    get(target, property) {
      if (property === 'ack') {
        return async (stream: string, group: string, ids: readonly string[]) => {
          calls.push([...ids]);
          if (failWith) throw failWith;
          return target.ack(stream, group, ids);
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return {
    backend,
    calls,
    fail: (e) => {
      failWith = e;
    },
  };
}

describe('AckBuffer', () => {
  it('sends the ids added in one turn in one call, and never an empty call', async () => {
    const { backend, calls } = await recordingBackend();
    const acks = new AckBuffer(backend, 's', 'g', silentLogger);
    acks.add('1-0');
    acks.add('1-1');
    await acks.flushAll();
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    expect(calls).toEqual([['1-0', '1-1']]);
  });

  it('retries a failed acknowledgement until it goes through', async () => {
    const { backend, calls, fail } = await recordingBackend();
    fail(new EdstreamError('bus.connection_lost', 'down'));
    const acks = new AckBuffer(backend, 's', 'g', silentLogger);
    acks.add('1-0');
    await new Promise((r) => setImmediate(r));
    expect(calls).toEqual([['1-0']]);
    fail(undefined);
    await acks.flushAll();
    expect(calls.at(-1)).toEqual(['1-0']);
    expect(calls.length).toBeGreaterThanOrEqual(2);
  });

  it('gives up on a closed backend instead of retrying for ever', async () => {
    const { backend, calls } = await recordingBackend();
    await backend.close();
    const acks = new AckBuffer(backend, 's', 'g', silentLogger);
    acks.add('1-0');
    await acks.flushAll();
    await new Promise((r) => setTimeout(r, 500));
    expect(calls).toEqual([['1-0']]);
  });
});
