import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BusBackend } from '../../src/bus/backend.js';
import { createBackend } from '../../src/bus/create-backend.js';
import { EventProducer, type PublishReceipt } from '../../src/bus/producer.js';
import { connectBusRouting, eventKeyValue, parseProducerConfig } from '../../src/bus/routing.js';
import { entryToEvent } from '../../src/bus/stream-entry.js';
import { isEdstreamError } from '../../src/errors.js';
import { createSignalRegistry, type SignalRegistry } from '../../src/signals/index.js';
import { ENROLLMENT, fixtureData, LOGIN, makeEvent } from './helpers.js';

const route = (enabled: boolean) => ({ event_key_field: 'enrollment.course.course_key', enabled });

describe('connectBusRouting', () => {
  let backend: BusBackend;
  let producer: EventProducer;
  let signals: SignalRegistry;

  beforeEach(async () => {
    backend = await createBackend('memory:');
    producer = new EventProducer({ backend });
    signals = createSignalRegistry({ metadata: { source: 'openedx/lms/web' } });
  });

  afterEach(async () => {
    await producer.close();
    await backend.close();
  });

  it('publishes a sent event to <prefix>-<topic> for each enabled topic only', async () => {
    const disconnect = connectBusRouting({
      signals,
      producer,
      prefix: 'dev',
      config: {
        [ENROLLMENT]: {
          'enrollment-lifecycle': route(true),
          'enrollment-audit': route(true),
          off: route(false),
        },
      },
    });
    const outcomes = await signals.get(ENROLLMENT).send(fixtureData(ENROLLMENT) as never);
    expect(outcomes).toHaveLength(1);
    const [outcome] = outcomes;
    expect(outcome?.ok).toBe(true);
    const receipts = (outcome as { result: PublishReceipt[] }).result;
    expect(receipts.map((r) => r.stream)).toEqual(['dev-enrollment-lifecycle', 'dev-enrollment-audit']);

    expect(await backend.streams()).toEqual(['dev-enrollment-audit', 'dev-enrollment-lifecycle']);
    const [entry] = await backend.range('dev-enrollment-lifecycle', '-', '+');
    const event = entryToEvent(entry!);
    expect(event.metadata.event_type).toBe(ENROLLMENT);
    expect(event.metadata.source).toBe('openedx/lms/web');
    expect(event.data).toEqual(fixtureData(ENROLLMENT));
    const [audit] = await backend.range('dev-enrollment-audit', '-', '+');
    expect(entryToEvent(audit!).metadata.id).toBe(event.metadata.id);

    disconnect();
    await signals.get(ENROLLMENT).send(fixtureData(ENROLLMENT) as never);
    expect((await backend.info('dev-enrollment-lifecycle'))?.length).toBe(1);
  });

  it('uses the bare topic as the stream without a prefix', async () => {
    connectBusRouting({ signals, producer, config: { [LOGIN]: { logins: route(true) } } });
    await signals.get(LOGIN).send(fixtureData(LOGIN) as never);
    expect(await backend.streams()).toEqual(['logins']);
  });

  it('never publishes again an event that came from a bus', async () => {
    connectBusRouting({
      signals,
      producer,
      prefix: 'dev',
      config: { [ENROLLMENT]: { 'enrollment-lifecycle': route(true) } },
    });
    const fromBus = makeEvent(ENROLLMENT);
    const outcomes = await signals.get(ENROLLMENT).sendWithMetadata(fromBus.metadata, fromBus.data as never);
    expect(outcomes.map((o) => o.ok && o.result)).toEqual([[]]);
    expect(await backend.info('dev-enrollment-lifecycle')).toBeNull();
  });

  it('returns a publish failure as the receiver error rather than dropping it', async () => {
    connectBusRouting({ signals, producer, config: { [LOGIN]: { logins: route(true) } } });
    await backend.close();
    const [outcome] = await signals.get(LOGIN).send(fixtureData(LOGIN) as never);
    expect(outcome?.ok).toBe(false);
    const error = (outcome as { error: unknown }).error;
    expect(isEdstreamError(error) && error.code.startsWith('bus.')).toBe(true);
  });
});

describe('parseProducerConfig', () => {
  it('accepts the Open edX shape', () => {
    const config = { [ENROLLMENT]: { a: route(true), b: route(false) } };
    expect(parseProducerConfig(config)).toBe(config);
  });

  it.each([
    ['a list', [], [''], 'config.invalid_producer_config'],
    [
      'an unknown event type',
      { 'org.openedx.nope.v1': { t: route(true) } },
      ['org.openedx.nope.v1'],
      'catalog.unknown_event_type',
    ],
    [
      'topics that are not an object',
      { [ENROLLMENT]: 'topic' },
      [ENROLLMENT],
      'config.invalid_producer_config',
    ],
    [
      'a route that is not an object',
      { [ENROLLMENT]: { t: true } },
      [`${ENROLLMENT}.t`],
      'config.invalid_producer_config',
    ],
    [
      'a missing key field',
      { [ENROLLMENT]: { t: { enabled: true } } },
      [`${ENROLLMENT}.t.event_key_field`],
      'config.invalid_producer_config',
    ],
    [
      'enabled as a string',
      { [ENROLLMENT]: { t: { event_key_field: 'x', enabled: 'true' } } },
      [`${ENROLLMENT}.t.enabled`],
      'config.invalid_producer_config',
    ],
  ])('rejects %s with an issue at its path', (_label, config, paths, code) => {
    let caught: unknown;
    try {
      parseProducerConfig(config);
    } catch (error) {
      caught = error;
    }
    expect(isEdstreamError(caught)).toBe(true);
    if (!isEdstreamError(caught)) return;
    expect(caught.code).toBe('config.invalid_producer_config');
    expect(caught.issues.map((i) => i.path)).toEqual(paths);
    expect(caught.issues[0]?.code).toBe(code);
  });

  it('lists every issue of a configuration at once', () => {
    let caught: unknown;
    try {
      parseProducerConfig({ 'org.openedx.nope.v1': { t: route(true) }, [LOGIN]: { t: { enabled: 1 } } });
    } catch (error) {
      caught = error;
    }
    expect(isEdstreamError(caught) && caught.issues.map((i) => i.path)).toEqual([
      'org.openedx.nope.v1',
      `${LOGIN}.t.event_key_field`,
      `${LOGIN}.t.enabled`,
    ]);
  });

  it('refuses to connect routing with a bad configuration', async () => {
    const backend = await createBackend('memory:');
    expect(() =>
      connectBusRouting({
        signals: createSignalRegistry(),
        producer: new EventProducer({ backend }),
        config: { [ENROLLMENT]: { t: { event_key_field: 'x' } } } as never,
      }),
    ).toThrow(expect.objectContaining({ code: 'config.invalid_producer_config' }));
    await backend.close();
  });
});

describe('eventKeyValue', () => {
  it('reads a dotted path of event data as text', () => {
    const data = fixtureData(ENROLLMENT);
    expect(eventKeyValue(data, 'enrollment.course.course_key')).toBe('course-v1:edX+DemoX+Demo_Course');
    expect(eventKeyValue(data, 'enrollment.user.id')).toBe('12345');
    expect(eventKeyValue(data, 'enrollment.nothing.here')).toBeUndefined();
  });
});
