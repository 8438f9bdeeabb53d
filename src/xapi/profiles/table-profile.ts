import { ALL_EVENTS } from '../../catalog/registry.js';
import type { EventsMetadata } from '../../envelope/metadata.js';
import { EdstreamError } from '../../errors.js';
import type { Statement, XapiVersion } from '../statement.js';
import {
  type MappingSummary,
  type NotMapped,
  notMapped,
  type Profile,
  type ProfileConfig,
  type ProfileName,
  type Rule,
  type RuleTable,
} from './profile.js';

interface CompiledRule<F> {
  readonly dataKey: string;
  readonly rule: Rule<unknown, F>;
}

/**
 * A profile made of a declarative table (event type → rule or reason) and one statement builder.
 * The table is looked up once per event; everything per event type is resolved here, up front.
 */
export function createTableProfile<F>(
  name: ProfileName,
  version: XapiVersion,
  table: RuleTable<F>,
  build: (facts: F, metadata: EventsMetadata, config: ProfileConfig) => Statement,
): Profile {
  const compiled = new Map<string, CompiledRule<F> | NotMapped>();
  for (const definition of ALL_EVENTS) {
    const entry = table[definition.eventType];
    compiled.set(
      definition.eventType,
      entry.mapped === false
        ? entry
        : { dataKey: definition.dataKey, rule: entry as unknown as Rule<unknown, F> },
    );
  }
  return {
    name,
    version,
    transform(event, config) {
      const entry = compiled.get(event.metadata.event_type);
      if (entry === undefined) return unknownType(event.metadata.event_type);
      if ('mapped' in entry) return entry;
      const payload = event.data[entry.dataKey];
      if (typeof payload !== 'object' || payload === null) {
        throw new EdstreamError(
          'xapi.invalid_event',
          `${event.metadata.event_type} carries no ${JSON.stringify(entry.dataKey)} object in its data`,
        );
      }
      const facts = entry.rule.map(payload, event.metadata);
      if ((facts as Partial<NotMapped>).mapped === false) return facts as NotMapped;
      return [build(facts as F, event.metadata, config)];
    },
    describe(eventType) {
      const entry = compiled.get(eventType);
      if (entry === undefined) return unknownType(eventType);
      if ('mapped' in entry) return entry;
      const { verbs, types, note } = entry.rule;
      const summary: MappingSummary = note === undefined ? { verbs, types } : { verbs, types, note };
      return summary;
    },
  };
}

function unknownType(eventType: string): NotMapped {
  return notMapped(`${JSON.stringify(eventType)} is not an event type of the catalog`);
}
