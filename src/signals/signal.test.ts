import { afterEach, describe, expect, it } from 'vitest';
import { loadAvroFixtures } from '../../test/reference.js';
import { COURSE_ENROLLMENT_CREATED } from '../catalog/learning/events.js';
import { createMetadata } from '../envelope/index.js';
import { EdstreamError } from '../errors.js';
import { createSignalRegistry, getSignal, resetSignals } from './registry.js';
import { type Receiver, Signal, type SignalMessage } from './signal.js';

const ENROLLMENT = 'org.openedx.learning.course.enrollment.created.v1';
type Enrollment = typeof COURSE_ENROLLMENT_CREATED;

const fixture = loadAvroFixtures().find((f) => f.event_type === ENROLLMENT && f.case === 'typical');
if (!fixture) throw new Error('no typical enrollment fixture');

// The fixture data is a valid enrollment; the cast says so to the type checker.
function enrollmentData(): Parameters<Signal<Enrollment>['send']>[0] {
  return structuredClone(fixture!.data_json) as Parameters<Signal<Enrollment>['send']>[0];
}

function newSignal(options: ConstructorParameters<typeof Signal>[1] = {}): Signal<Enrollment> {
  return new Signal(COURSE_ENROLLMENT_CREATED, options);
}

/** Awaits `promise` and returns what it rejected with (failing when it resolves). */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

afterEach(() => {
  resetSignals();
});

describe('Signal receivers', () => {
  it('calls receivers in registration order with the data, the metadata and fromEventBus false', async () => {
    const signal = newSignal();
    const calls: [string, SignalMessage<Enrollment>][] = [];
    signal.connect((m) => void calls.push(['first', m]));
    signal.connect((m) => void calls.push(['second', m]));
    signal.connect((m) => void calls.push(['third', m]));
    const data = enrollmentData();
    await signal.send(data, { time: '2024-05-14T09:30:12.345678+00:00' });
    expect(calls.map(([name]) => name)).toEqual(['first', 'second', 'third']);
    const message = calls[0]![1];
    expect(message.data).toEqual(data);
    expect(message.fromEventBus).toBe(false);
    expect(message.signal).toBe(signal);
    expect(message.metadata.event_type).toBe(ENROLLMENT);
    expect(message.metadata.time).toBe('2024-05-14T09:30:12.345678+00:00');
    expect(message.metadata.minorversion).toBe(0);
    // Every receiver of one send sees the same message.
    expect(calls[1]![1]).toBe(message);
  });

  it('gives the receivers fresh metadata with a new id on every send', async () => {
    const signal = newSignal();
    const ids: string[] = [];
    signal.connect((m) => void ids.push(m.metadata.id));
    await signal.send(enrollmentData());
    await signal.send(enrollmentData());
    expect(ids).toHaveLength(2);
    expect(ids[0]).not.toBe(ids[1]);
  });

  it('connects a receiver once, and disconnects it by the returned function or by reference', async () => {
    const signal = newSignal();
    const calls: string[] = [];
    const a: Receiver<Enrollment> = () => void calls.push('a');
    const b: Receiver<Enrollment> = () => void calls.push('b');
    const disconnectA = signal.connect(a);
    signal.connect(a);
    signal.connect(b);
    expect(signal.receivers).toEqual([a, b]);
    await signal.send(enrollmentData());
    expect(calls).toEqual(['a', 'b']);
    disconnectA();
    await signal.send(enrollmentData());
    expect(calls).toEqual(['a', 'b', 'b']);
    expect(signal.disconnect(b)).toBe(true);
    expect(signal.disconnect(b)).toBe(false);
    expect(await signal.send(enrollmentData())).toEqual([]);
    expect(calls).toEqual(['a', 'b', 'b']);
  });

  it('runs a receiver connected during a send from the next send on', async () => {
    const signal = newSignal();
    const calls: string[] = [];
    const late: Receiver<Enrollment> = () => void calls.push('late');
    signal.connect(() => {
      calls.push('early');
      signal.connect(late);
    });
    await signal.send(enrollmentData());
    expect(calls).toEqual(['early']);
    await signal.send(enrollmentData());
    expect(calls).toEqual(['early', 'early', 'late']);
  });

  it('disconnects every receiver at once', async () => {
    const signal = newSignal();
    signal.connect(() => 1);
    signal.connect(() => 2);
    signal.disconnectAll();
    expect(await signal.send(enrollmentData())).toEqual([]);
  });

  it('awaits async receivers, in order, before the next one starts', async () => {
    const signal = newSignal();
    const steps: string[] = [];
    signal.connect(async () => {
      steps.push('a:start');
      await new Promise((resolve) => setImmediate(resolve));
      steps.push('a:end');
      return 'a';
    });
    signal.connect(() => {
      steps.push('b');
      return 'b';
    });
    const outcomes = await signal.send(enrollmentData());
    expect(steps).toEqual(['a:start', 'a:end', 'b']);
    expect(outcomes.map((o) => (o.ok ? o.result : o.error))).toEqual(['a', 'b']);
  });
});

describe('Signal dispatch modes', () => {
  it('in robust mode returns each receiver result or error and keeps going', async () => {
    const signal = newSignal();
    const boom = new Error('boom');
    const first: Receiver<Enrollment> = () => 'one';
    const failing: Receiver<Enrollment> = () => {
      throw boom;
    };
    const rejecting: Receiver<Enrollment> = async () => Promise.reject(new Error('async boom'));
    const last: Receiver<Enrollment> = () => 'four';
    for (const r of [first, failing, rejecting, last]) signal.connect(r);
    const outcomes = await signal.send(enrollmentData());
    expect(outcomes).toHaveLength(4);
    expect(outcomes[0]).toEqual({ receiver: first, ok: true, result: 'one' });
    expect(outcomes[1]).toEqual({ receiver: failing, ok: false, error: boom });
    expect(outcomes[2]).toMatchObject({ receiver: rejecting, ok: false, error: { message: 'async boom' } });
    expect(outcomes[3]).toEqual({ receiver: last, ok: true, result: 'four' });
  });

  it('in strict mode propagates the first error and skips later receivers', async () => {
    const signal = newSignal({ strict: true });
    expect(signal.strict).toBe(true);
    const calls: string[] = [];
    signal.connect(() => void calls.push('before'));
    signal.connect(() => {
      throw new Error('first');
    });
    signal.connect(() => {
      calls.push('after');
      throw new Error('second');
    });
    const error = await rejection(signal.send(enrollmentData()));
    expect((error as Error).message).toBe('first');
    expect(calls).toEqual(['before']);
  });

  it('lets one send choose strict or robust mode over the signal setting', async () => {
    const signal = newSignal();
    signal.connect(() => {
      throw new Error('boom');
    });
    await expect(signal.send(enrollmentData(), { strict: true })).rejects.toThrow('boom');
    signal.setStrict(true);
    const outcomes = await signal.send(enrollmentData(), { strict: false });
    expect(outcomes).toHaveLength(1);
    expect(outcomes[0]?.ok).toBe(false);
    await expect(signal.send(enrollmentData())).rejects.toThrow('boom');
  });
});

describe('Signal validation', () => {
  it('rejects invalid data with validation.invalid_payload and every issue in details', async () => {
    const signal = newSignal();
    let called = false;
    signal.connect(() => {
      called = true;
    });
    const data = enrollmentData() as unknown as { enrollment: Record<string, unknown> };
    data.enrollment.mode = 3;
    delete data.enrollment.is_active;
    const error = await rejection(signal.send(data as unknown as Parameters<typeof signal.send>[0]));
    expect(error).toBeInstanceOf(EdstreamError);
    const coded = error as EdstreamError;
    expect(coded.code).toBe('validation.invalid_payload');
    expect(coded.issues.map((i) => `${i.code} ${i.path}`).sort()).toEqual([
      'validation.missing_field data.enrollment.is_active',
      'validation.wrong_type data.enrollment.mode',
    ]);
    expect(coded.details).toBe(coded.issues);
    expect(called).toBe(false);
  });

  it('hands receivers the data with Open edX defaults filled', async () => {
    const signal = newSignal();
    let seen: unknown;
    signal.connect((m) => {
      seen = m.data.enrollment.created_by;
    });
    const data = enrollmentData();
    delete data.enrollment.created_by;
    await signal.send(data);
    expect(seen).toBeNull();
  });

  it('returns [] from a disabled signal without validating or calling receivers', async () => {
    const signal = newSignal();
    let called = false;
    signal.connect(() => {
      called = true;
    });
    signal.disable();
    expect(signal.enabled).toBe(false);
    const invalid = { enrollment: 'not even an object' } as unknown as Parameters<typeof signal.send>[0];
    expect(await signal.send(invalid)).toEqual([]);
    expect(called).toBe(false);
    signal.enable();
    await expect(signal.send(invalid)).rejects.toMatchObject({ code: 'validation.invalid_payload' });
  });

  it('rejects an invalid time before checking whether the signal is disabled, as Open edX does', async () => {
    const signal = newSignal();
    signal.disable();
    for (const time of ['2024-05-14T09:30:12+02:00', '2024-05-14T09:30:12', 'soon']) {
      const error = await rejection(signal.send(enrollmentData(), { time }));
      expect(error, time).toBeInstanceOf(EdstreamError);
      expect((error as EdstreamError).code, time).toBe('validation.invalid_metadata');
      expect(
        (error as EdstreamError).issues.map((i) => i.path),
        time,
      ).toEqual(['time']);
    }
  });

  it('accepts the time as a Date', async () => {
    const signal = newSignal();
    let time: string | undefined;
    signal.connect((m) => {
      time = m.metadata.time;
    });
    await signal.send(enrollmentData(), { time: new Date('2024-05-14T09:30:12.345Z') });
    expect(time).toBe('2024-05-14T09:30:12.345000+00:00');
  });
});

describe('Signal.sendWithMetadata', () => {
  const metadata = createMetadata(ENROLLMENT, {
    id: '2a1b3c4d-5e6f-11ef-8a9b-0242ac120002',
    time: '2024-05-14T09:30:12.345678+00:00',
    source: 'openedx/lms/web',
    sourcehost: 'lms-1',
    sourcelib: [11, 2, 0],
  });

  it('keeps the metadata it is given and sets fromEventBus', async () => {
    const signal = newSignal();
    const messages: SignalMessage<Enrollment>[] = [];
    signal.connect((m) => void messages.push(m));
    await signal.sendWithMetadata(metadata, enrollmentData());
    expect(messages).toHaveLength(1);
    expect(messages[0]?.metadata).toEqual(metadata);
    expect(messages[0]?.fromEventBus).toBe(true);
  });

  it('validates the data as send does', async () => {
    const signal = newSignal();
    const invalid = { enrollment: {} } as unknown as Parameters<typeof signal.send>[0];
    await expect(signal.sendWithMetadata(metadata, invalid)).rejects.toMatchObject({
      code: 'validation.invalid_payload',
    });
  });

  it('rejects metadata of another event type', async () => {
    const signal = newSignal();
    const other = createMetadata('org.openedx.learning.course.enrollment.changed.v1');
    await expect(signal.sendWithMetadata(other, enrollmentData())).rejects.toMatchObject({
      code: 'validation.event_type_mismatch',
    });
  });

  it('rejects invalid metadata with every issue', async () => {
    const signal = newSignal();
    const bad = { ...metadata, id: 'nope', time: 'later' };
    const error = await rejection(signal.sendWithMetadata(bad, enrollmentData()));
    expect((error as EdstreamError).code).toBe('validation.invalid_metadata');
    expect((error as EdstreamError).issues.map((i) => i.path).sort()).toEqual(['id', 'time']);
  });

  it('returns [] from a disabled signal', async () => {
    const signal = newSignal();
    signal.connect(() => 'called');
    signal.disable();
    expect(await signal.sendWithMetadata(metadata, enrollmentData())).toEqual([]);
  });
});

describe('signal registries', () => {
  it('gives the same signal for the same event type, by type or by definition', () => {
    expect(getSignal(ENROLLMENT)).toBe(getSignal(ENROLLMENT));
    const registry = createSignalRegistry();
    expect(registry.get(COURSE_ENROLLMENT_CREATED)).toBe(registry.get(ENROLLMENT));
    expect(registry.created()).toHaveLength(1);
  });

  it('throws catalog.unknown_event_type for an unknown event type', () => {
    expect(() => getSignal('nope')).toThrowError(
      expect.objectContaining({ code: 'catalog.unknown_event_type' }),
    );
    expect(() => createSignalRegistry().get('org.openedx.learning.nope.v1')).toThrowError(
      expect.objectContaining({ code: 'catalog.unknown_event_type' }),
    );
  });

  it('gives fresh signals, without receivers, after resetSignals()', async () => {
    const before = getSignal(ENROLLMENT);
    let calls = 0;
    before.connect(() => {
      calls++;
    });
    before.disable();
    resetSignals();
    const after = getSignal(ENROLLMENT);
    expect(after).not.toBe(before);
    expect(after.receivers).toEqual([]);
    expect(after.enabled).toBe(true);
    await after.send(enrollmentData());
    expect(calls).toBe(0);
  });

  it('keeps a registry from createSignalRegistry independent of the default one', async () => {
    const registry = createSignalRegistry();
    const own = registry.get(ENROLLMENT);
    const shared = getSignal(ENROLLMENT);
    expect(own).not.toBe(shared);
    const calls: string[] = [];
    own.connect(() => void calls.push('own'));
    shared.connect(() => void calls.push('shared'));
    await own.send(enrollmentData());
    expect(calls).toEqual(['own']);
    resetSignals();
    expect(registry.get(ENROLLMENT)).toBe(own);
    registry.reset();
    expect(registry.get(ENROLLMENT)).not.toBe(own);
  });

  it('builds metadata with the defaults given to the registry', async () => {
    const registry = createSignalRegistry({ metadata: { source: 'openedx/cms/web', sourcehost: 'cms-1' } });
    let source: string | undefined;
    let sourcehost: string | undefined;
    registry.get(ENROLLMENT).connect((m) => {
      source = m.metadata.source;
      sourcehost = m.metadata.sourcehost;
    });
    await registry.get(ENROLLMENT).send(enrollmentData());
    expect([source, sourcehost]).toEqual(['openedx/cms/web', 'cms-1']);
  });

  it('makes every signal of a strict registry strict', async () => {
    const signal = createSignalRegistry({ strict: true }).get(ENROLLMENT);
    signal.connect(() => {
      throw new Error('strict');
    });
    await expect(signal.send(enrollmentData())).rejects.toThrow('strict');
  });
});
