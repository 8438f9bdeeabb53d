export * as analytics from './analytics/data.js';
export * from './analytics/events.js';
export * as authz from './authz/data.js';
export * from './authz/events.js';
export * as contentAuthoring from './content-authoring/data.js';
export * from './content-authoring/events.js';
export { withDefaults } from './defaults.js';
export { type EventSummary, eventFieldsJson, eventSummary, eventTreeText } from './describe-event.js';
export * as enterprise from './enterprise/data.js';
export * from './enterprise/events.js';
export {
  defineEvent,
  type EventDataOf,
  type EventDefinition,
  type EventOptions,
} from './event-definition.js';
export type {
  DataClass,
  DataOf,
  FieldKind,
  FieldSpec,
  FieldType,
  Long,
  Optionality,
  ResolvedField,
  Shape,
  Subdomain,
} from './fields.js';
/** The declaration language (`fields.dataClass`, `fields.nullable`, …), for declaring custom events. */
export * as fields from './fields.js';
export { generateJsonSchema, type JsonSchema } from './json-schema.js';
export * as learning from './learning/data.js';
export * from './learning/events.js';
export {
  ALL_DATA_CLASSES,
  ALL_EVENTS,
  type AnyEventDefinition,
  type EventDefinitionFor,
  type EventType,
  findEventDefinition,
  getEventDefinition,
  schemaFileName,
  unknownEventType,
} from './registry.js';
export { invalidPayload, type ParseResult, parseEventData, validate, validateEventData } from './validate.js';
export { isValidDataClass, validateDataClass } from './validate-data.js';
