import { findEventDefinition } from '../../catalog/registry.js';
import { invalidPayload, parseEventData, validateEventData } from '../../catalog/validate.js';
import {
  type CloudEvent,
  cloudEventToMetadata,
  type EventsMetadata,
  toCloudEvent,
} from '../../envelope/index.js';
import { EdstreamError, formatIssues, type Issue } from '../../errors.js';
import type { Codec, OpenEdxEvent } from '../codec.js';
import { parseJsonExact, stringifyJsonExact } from './exact-json.js';

export type DecodeResult = { ok: true; event: OpenEdxEvent } | { ok: false; issues: Issue[] };

/**
 * Reads a CloudEvents structured-mode object: every attribute and the data are validated, all
 * issues reported at once. The data comes back with Open edX defaults filled. Never throws.
 */
export function readCloudEvent(value: unknown): DecodeResult {
  const attributes = cloudEventToMetadata(value);
  const issues: Issue[] = attributes.ok ? [] : [...attributes.issues];
  const type =
    typeof value === 'object' && value !== null ? (value as Record<string, unknown>).type : undefined;
  const definition = typeof type === 'string' ? findEventDefinition(type) : undefined;
  if (typeof type === 'string' && !definition) {
    issues.push({
      code: 'catalog.unknown_event_type',
      path: 'type',
      message: `${JSON.stringify(type)} is not an Open edX event type`,
    });
  }
  if (!definition) return { ok: false, issues };
  const data = (value as Record<string, unknown>).data;
  if (data !== undefined) issues.push(...validateEventData(definition, data));
  if (issues.length > 0 || !attributes.ok) return { ok: false, issues };
  const parsed = parseEventData(definition, data);
  if (!parsed.ok) return { ok: false, issues: parsed.issues };
  return { ok: true, event: { metadata: attributes.metadata, data: parsed.data } };
}

/** Parses CloudEvents JSON text (integers beyond 2^53 stay exact). Never throws. */
export function parseCloudEventJson(text: string): DecodeResult {
  let value: unknown;
  try {
    value = parseJsonExact(text);
  } catch (error) {
    return {
      ok: false,
      issues: [{ code: 'codec.invalid_json', path: '', message: `not JSON: ${(error as Error).message}` }],
    };
  }
  return readCloudEvent(value);
}

/** Builds the CloudEvents object of an event, validating its data first. */
export function writeCloudEvent(
  metadata: EventsMetadata,
  data: unknown,
): CloudEvent<Record<string, unknown>> {
  const definition = findEventDefinition(metadata.event_type);
  if (!definition) {
    throw new EdstreamError(
      'catalog.unknown_event_type',
      `${JSON.stringify(metadata.event_type)} is not an Open edX event type`,
    );
  }
  const parsed = parseEventData(definition, data);
  if (!parsed.ok) throw invalidPayload(definition, parsed.issues);
  return toCloudEvent(metadata, parsed.data);
}

/** CloudEvents structured-mode JSON, the form edstream uses in files, webhooks and the CLI. */
export const cloudEventJsonCodec: Codec<string> = {
  name: 'cloudevents-json',
  contentType: 'application/cloudevents+json',
  encode(event) {
    return stringifyJsonExact(writeCloudEvent(event.metadata, event.data));
  },
  decode(text) {
    const result = parseCloudEventJson(text);
    if (!result.ok) {
      throw new EdstreamError(
        'validation.invalid_event',
        `invalid CloudEvent: ${formatIssues(result.issues)}`,
        {
          details: result.issues,
        },
      );
    }
    return result.event;
  },
};
