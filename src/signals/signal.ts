import type { EventDataOf, EventDefinition } from '../catalog/event-definition.js';
import { invalidPayload, parseEventData } from '../catalog/validate.js';
import {
  createMetadata,
  type EventsMetadata,
  type MetadataOptions,
  validateMetadata,
} from '../envelope/index.js';
import { EdstreamError, formatIssues } from '../errors.js';

/** What a receiver gets: the validated data (defaults filled), its metadata and its origin. */
export interface SignalMessage<E extends EventDefinition = EventDefinition> {
  readonly data: EventDataOf<E>;
  readonly metadata: EventsMetadata;
  /** True for events re-emitted from a bus: they must never be published again. */
  readonly fromEventBus: boolean;
  readonly signal: Signal<E>;
}

export type Receiver<E extends EventDefinition = EventDefinition> = (message: SignalMessage<E>) => unknown;

/** One receiver's outcome in robust mode: its result, or the error it threw. */
export type ReceiverOutcome<E extends EventDefinition = EventDefinition> =
  | { readonly receiver: Receiver<E>; readonly ok: true; readonly result: unknown }
  | { readonly receiver: Receiver<E>; readonly ok: false; readonly error: unknown };

export interface SendOptions {
  /** The event time (UTC); now when omitted. */
  time?: string | Date;
  /** Overrides the signal's mode for this send: strict lets the first receiver error propagate. */
  strict?: boolean;
}

/** Defaults that every signal of a registry uses to build metadata. */
export type MetadataDefaults = Omit<MetadataOptions, 'id' | 'time'>;

export interface SignalOptions {
  metadata?: MetadataDefaults;
  strict?: boolean;
}

/** The in-process dispatcher of one event type, the counterpart of OpenEdxPublicSignal. */
export class Signal<E extends EventDefinition = EventDefinition> {
  readonly definition: E;
  #receivers: Receiver<E>[] = [];
  #enabled = true;
  #strict: boolean;
  readonly #metadataDefaults: MetadataDefaults;

  constructor(definition: E, options: SignalOptions = {}) {
    this.definition = definition;
    this.#strict = options.strict ?? false;
    this.#metadataDefaults = options.metadata ?? {};
  }

  get eventType(): E['eventType'] {
    return this.definition.eventType;
  }

  get enabled(): boolean {
    return this.#enabled;
  }

  get strict(): boolean {
    return this.#strict;
  }

  get receivers(): readonly Receiver<E>[] {
    return this.#receivers;
  }

  /** Adds a receiver (once: connecting it again changes nothing); returns a function that removes it. */
  connect(receiver: Receiver<E>): () => void {
    if (!this.#receivers.includes(receiver)) this.#receivers = [...this.#receivers, receiver];
    return () => {
      this.disconnect(receiver);
    };
  }

  disconnect(receiver: Receiver<E>): boolean {
    const before = this.#receivers.length;
    this.#receivers = this.#receivers.filter((r) => r !== receiver);
    return this.#receivers.length !== before;
  }

  disconnectAll(): void {
    this.#receivers = [];
  }

  enable(): void {
    this.#enabled = true;
  }

  disable(): void {
    this.#enabled = false;
  }

  /** Strict mode: the first receiver error propagates and later receivers do not run. */
  setStrict(strict: boolean): void {
    this.#strict = strict;
  }

  /**
   * Validates `data`, builds fresh metadata and calls every receiver in registration order.
   * As in Open edX, a bad `time` fails before anything else and a disabled signal returns `[]`
   * without validating.
   */
  async send(data: EventDataOf<E>, options: SendOptions = {}): Promise<ReceiverOutcome<E>[]> {
    const metadata = createMetadata(this.definition.eventType, {
      ...this.#metadataDefaults,
      ...(options.time === undefined ? {} : { time: options.time }),
    });
    if (!this.#enabled) return [];
    return this.#dispatch(metadata, data, false, options.strict ?? this.#strict);
  }

  /** Re-emits an event that arrived from a bus, keeping its metadata; `fromEventBus` is true. */
  async sendWithMetadata(
    metadata: EventsMetadata,
    data: EventDataOf<E>,
    options: Pick<SendOptions, 'strict'> = {},
  ): Promise<ReceiverOutcome<E>[]> {
    const issues = validateMetadata(metadata);
    if (issues.length > 0) {
      throw new EdstreamError('validation.invalid_metadata', `invalid metadata: ${formatIssues(issues)}`, {
        details: issues,
      });
    }
    if (metadata.event_type !== this.definition.eventType) {
      throw new EdstreamError(
        'validation.event_type_mismatch',
        `metadata is for ${metadata.event_type}, but this signal is ${this.definition.eventType}`,
        {
          details: [
            { code: 'validation.event_type_mismatch', path: 'event_type', message: 'wrong event type' },
          ],
        },
      );
    }
    if (!this.#enabled) return [];
    return this.#dispatch(metadata, data, true, options.strict ?? this.#strict);
  }

  async #dispatch(
    metadata: EventsMetadata,
    data: unknown,
    fromEventBus: boolean,
    strict: boolean,
  ): Promise<ReceiverOutcome<E>[]> {
    const parsed = parseEventData<EventDataOf<E>>(this.definition, data);
    if (!parsed.ok) throw invalidPayload(this.definition, parsed.issues);
    const message: SignalMessage<E> = { data: parsed.data, metadata, fromEventBus, signal: this };
    const outcomes: ReceiverOutcome<E>[] = [];
    // A snapshot: receivers connected during dispatch run from the next send on.
    for (const receiver of this.#receivers) {
      if (strict) {
        outcomes.push({ receiver, ok: true, result: await receiver(message) });
        continue;
      }
      try {
        outcomes.push({ receiver, ok: true, result: await receiver(message) });
      } catch (error) {
        outcomes.push({ receiver, ok: false, error });
      }
    }
    return outcomes;
  }
}
