import type { EventDefinition } from '../catalog/event-definition.js';
import {
  type EventDefinitionFor,
  type EventType,
  findEventDefinition,
  unknownEventType,
} from '../catalog/registry.js';
import { Signal, type SignalOptions } from './signal.js';

/**
 * The signals of one application: created on first use, never at import time, so that a test
 * can build its own registry or reset the default one.
 */
export class SignalRegistry {
  readonly #signals = new Map<string, Signal>();
  readonly #options: SignalOptions;

  constructor(options: SignalOptions = {}) {
    this.#options = options;
  }

  /** The signal of an event type; an unknown type is the coded error `catalog.unknown_event_type`. */
  get<T extends EventType>(eventType: T): Signal<EventDefinitionFor<T>>;
  get<E extends EventDefinition>(definition: E): Signal<E>;
  get(eventType: string): Signal;
  // biome-ignore lint/suspicious/noExplicitAny: one implementation serves overloads whose Signal types are invariant
  get(typeOrDefinition: string | EventDefinition): Signal<any> {
    const eventType = typeof typeOrDefinition === 'string' ? typeOrDefinition : typeOrDefinition.eventType;
    let signal = this.#signals.get(eventType);
    if (!signal) {
      const definition = findEventDefinition(eventType);
      if (!definition) throw unknownEventType(eventType);
      signal = new Signal(definition, this.#options);
      this.#signals.set(eventType, signal);
    }
    return signal;
  }

  /** The signals created so far. */
  created(): Signal[] {
    return [...this.#signals.values()];
  }

  /** Forgets every signal, with its receivers and its enabled/strict state. */
  reset(): void {
    this.#signals.clear();
  }
}

export function createSignalRegistry(options: SignalOptions = {}): SignalRegistry {
  return new SignalRegistry(options);
}

let defaultRegistry: SignalRegistry | undefined;

/** The process-wide registry, created on first use. */
export function defaultSignals(): SignalRegistry {
  defaultRegistry ??= new SignalRegistry();
  return defaultRegistry;
}

/** Looks up a signal in the process-wide registry. */
export function getSignal<T extends EventType>(eventType: T): Signal<EventDefinitionFor<T>>;
export function getSignal(eventType: string): Signal;
// biome-ignore lint/suspicious/noExplicitAny: one implementation serves overloads whose Signal types are invariant
export function getSignal(eventType: string): Signal<any> {
  return defaultSignals().get(eventType);
}

/** Drops the process-wide registry and everything connected to it (for tests). */
export function resetSignals(): void {
  defaultRegistry = undefined;
}
