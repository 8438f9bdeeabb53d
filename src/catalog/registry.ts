import { EdstreamError } from '../errors.js';
import * as analyticsData from './analytics/data.js';
import { ANALYTICS_EVENTS } from './analytics/events.js';
import * as authzData from './authz/data.js';
import { AUTHZ_EVENTS } from './authz/events.js';
import * as contentAuthoringData from './content-authoring/data.js';
import { CONTENT_AUTHORING_EVENTS } from './content-authoring/events.js';
import * as enterpriseData from './enterprise/data.js';
import { ENTERPRISE_EVENTS } from './enterprise/events.js';
import type { EventDefinition } from './event-definition.js';
import type { DataClass } from './fields.js';
import * as learningData from './learning/data.js';
import { LEARNING_EVENTS } from './learning/events.js';

/** All 75 Open edX event types, in the library's order. */
export const ALL_EVENTS = [
  ...LEARNING_EVENTS,
  ...CONTENT_AUTHORING_EVENTS,
  ...ANALYTICS_EVENTS,
  ...ENTERPRISE_EVENTS,
  ...AUTHZ_EVENTS,
] as const;

export type AnyEventDefinition = (typeof ALL_EVENTS)[number];
/** The union of every Open edX event type string. */
export type EventType = AnyEventDefinition['eventType'];
export type EventDefinitionFor<T extends EventType> = Extract<AnyEventDefinition, { eventType: T }>;

const BY_TYPE: ReadonlyMap<string, EventDefinition> = new Map(ALL_EVENTS.map((e) => [e.eventType, e]));

/** All 54 payload data classes (the 55th Open edX class, EventsMetadata, lives in the envelope). */
export const ALL_DATA_CLASSES: readonly DataClass[] = [
  learningData,
  contentAuthoringData,
  analyticsData,
  enterpriseData,
  authzData,
].flatMap((module) => Object.values(module) as DataClass[]);

export function findEventDefinition(eventType: string): EventDefinition | undefined {
  return BY_TYPE.get(eventType);
}

/** Looks an event type up; an unknown type is a coded error that lists where to look. */
export function getEventDefinition(eventType: string): EventDefinition {
  const found = BY_TYPE.get(eventType);
  if (!found) throw unknownEventType(eventType);
  return found;
}

export function unknownEventType(eventType: unknown): EdstreamError {
  return new EdstreamError(
    'catalog.unknown_event_type',
    `${JSON.stringify(eventType)} is not an Open edX event type; \`edstream events\` lists the ${ALL_EVENTS.length} known types`,
    { details: { eventType } },
  );
}

/** The event type string with `.` replaced by `+`, as Open edX names schema files. */
export function schemaFileName(eventType: string): string {
  return `${eventType.replaceAll('.', '+')}_schema.avsc`;
}
