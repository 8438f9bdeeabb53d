import type { DataOf } from '../../catalog/fields.js';
import type { EventDefinitionFor, EventType } from '../../catalog/registry.js';
import type { OpenEdxEvent } from '../../codecs/codec.js';
import type { EventsMetadata } from '../../envelope/metadata.js';
import type { ActorFactory } from '../identity.js';
import type { Statement, XapiVersion } from '../statement.js';

export type ProfileName = 'brightspace' | 'adl';

/** Why an event, or one instance of it, produces no statement. */
export interface NotMapped {
  readonly mapped: false;
  readonly reason: string;
}

export function notMapped(reason: string): NotMapped {
  return { mapped: false, reason };
}

export function isNotMapped(value: unknown): value is NotMapped {
  return typeof value === 'object' && value !== null && (value as { mapped?: unknown }).mapped === false;
}

/** Personal data a deployment has chosen to send; everything is left out by default. */
export interface IncludeOptions {
  name?: boolean | undefined;
  email?: boolean | undefined;
  username?: boolean | undefined;
}

/** Everything a profile needs besides the event, resolved once per transformer (hashes cached). */
export interface ProfileConfig {
  readonly tenantId: string;
  /** The Brightspace actor `account.homePage`. */
  readonly homePage: string;
  /** The Open edX LMS root URL, without a trailing slash; ADL activity IRIs start with it. */
  readonly platformUrl: string;
  readonly include: Readonly<Required<{ [K in keyof IncludeOptions]: boolean }>>;
  /** `edstream@<version>`, the ADL transformer-version extension. */
  readonly transformerVersion: string;
  /** The learner's pseudonymous UUID (keyed by the secret), cached. */
  userUuid(userId: string): string;
  /** Agents under `platformUrl` with the `include` rules; present when a platform URL is configured. */
  readonly learners: ActorFactory | undefined;
  /** The tenant's deterministic UUID for one platform entity. */
  entityUuid(kind: string, id: string): string;
}

/** The payload of an event type (the value under its data key). */
export type PayloadOf<T extends EventType> = DataOf<EventDefinitionFor<T>['dataClass']>;

/** How one event type is documented in `docs/xapi-mapping.md`: verbs and activity types, or why not. */
export interface MappingSummary {
  readonly verbs: readonly string[];
  readonly types: readonly string[];
  /** A condition or caveat worth one short line in the doc. */
  readonly note?: string;
}

/** A declarative rule: what the doc says, and how one payload becomes the profile's facts. */
export interface Rule<P, F> extends MappingSummary {
  readonly mapped?: true;
  map(payload: P, metadata: EventsMetadata): F | NotMapped;
}

/** One rule per event type of `T`, or the reason there is none; tsc checks that none is missing. */
export type RuleTableFor<T extends EventType, F> = { readonly [K in T]: Rule<PayloadOf<K>, F> | NotMapped };

/** A whole profile's table: every catalog event type. */
export type RuleTable<F> = RuleTableFor<EventType, F>;

export type LearningEventType = Extract<EventType, `org.openedx.learning.${string}`>;
export type AuthoringEventType = Extract<EventType, `org.openedx.content_authoring.${string}`>;
/** Analytics, enterprise and authz: events no profile maps today. */
export type OtherEventType = Exclude<EventType, LearningEventType | AuthoringEventType>;

/** An xAPI output profile: a table of event type → mapping, and how mapped facts become statements. */
export interface Profile {
  readonly name: ProfileName;
  readonly version: XapiVersion;
  transform(event: OpenEdxEvent, config: ProfileConfig): Statement[] | NotMapped;
  /** The mapping of one event type, for documentation. */
  describe(eventType: string): MappingSummary | NotMapped;
}
