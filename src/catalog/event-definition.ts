import type { DataClass, DataOf, Subdomain } from './fields.js';

/** One Open edX event type: its name, its single data key and the data class behind it. */
export interface EventDefinition<
  T extends string = string,
  K extends string = string,
  C extends DataClass = DataClass,
> {
  readonly eventType: T;
  /** The Python signal constant, e.g. `COURSE_ENROLLMENT_CREATED`. */
  readonly signalName: string;
  readonly subdomain: Subdomain;
  readonly dataKey: K;
  readonly dataClass: C;
  /** The key field the library annotates (informational: producers configure their own). */
  readonly eventKeyField: string | null;
  readonly description: string;
  /** The library's warning for this event, if any. */
  readonly warning: string | null;
  readonly deprecated: boolean;
  /** False for the 3 events the Python library cannot put on the bus. */
  readonly serializable: boolean;
  readonly minorVersion: number;
  readonly triggerRepository: string | null;
}

/** The `data` of an event: exactly one key, the event's data key. */
export type EventDataOf<E extends EventDefinition> = { [P in E['dataKey']]: DataOf<E['dataClass']> };

export interface EventOptions {
  signalName: string;
  subdomain: Subdomain;
  description: string;
  eventKeyField?: string;
  warning?: string;
  deprecated?: boolean;
  serializable?: boolean;
  triggerRepository?: string;
}

export function defineEvent<T extends string, K extends string, C extends DataClass>(
  eventType: T,
  dataKey: K,
  dataClass: C,
  options: EventOptions,
): EventDefinition<T, K, C> {
  return Object.freeze({
    eventType,
    signalName: options.signalName,
    subdomain: options.subdomain,
    dataKey,
    dataClass,
    eventKeyField: options.eventKeyField ?? null,
    description: options.description,
    warning: options.warning ?? null,
    deprecated: options.deprecated ?? false,
    serializable: options.serializable ?? true,
    minorVersion: 0,
    triggerRepository: options.triggerRepository ?? null,
  });
}
