import type { EventsMetadata } from '../../../envelope/metadata.js';
import { EdstreamError } from '../../../errors.js';
import type { LearnerActor } from '../../identity.js';
import { statementId } from '../../ids.js';
import type { Activity, Extensions, Result, Statement, Verb } from '../../statement.js';
import { type ActorRef, pseudonymKey } from '../actors.js';
import type { ProfileConfig } from '../profile.js';
import { ADL_TYPES, EXT_TRANSFORMER_VERSION, iriSegment } from './vocabulary.js';

/** What an ADL rule decides for one event. */
export interface AdlFacts {
  readonly verb: Readonly<Verb>;
  /** Names the statement among those of one event (its id input); the verb's English word. */
  readonly role: string;
  readonly actor: ActorRef;
  readonly object: AdlObject;
  /** The course the statement happened in: `context.contextActivities.parent`. */
  readonly course?: { readonly key: string; readonly name?: string | undefined } | undefined;
  readonly result?: Result | undefined;
  readonly extensions?: Extensions | undefined;
}

/** An activity, with its IRI given as a path under the platform URL (`/course/<key>`) or in full. */
export interface AdlObject {
  readonly path: string;
  readonly type: string;
  readonly name?: string | undefined;
  readonly extensions?: Extensions | undefined;
}

/** The event-routing-backends statement shape: version 1.0.3, Agent actor, course parent. */
export function buildAdlStatement(
  facts: AdlFacts,
  metadata: EventsMetadata,
  config: ProfileConfig,
): Statement {
  const contextExtensions: Extensions = { [EXT_TRANSFORMER_VERSION]: config.transformerVersion };
  if (facts.extensions) Object.assign(contextExtensions, facts.extensions);
  const learner = agent(facts.actor, config);
  if (learner.contextExtensions) Object.assign(contextExtensions, learner.contextExtensions);
  const statement: Statement = {
    id: statementId({ sourceEventId: metadata.id, profile: 'adl', role: facts.role }),
    actor: learner.agent,
    verb: { id: facts.verb.id, display: { en: facts.verb.display?.en ?? facts.role } },
    object: activity(config.platformUrl, facts.object),
  };
  if (facts.result) statement.result = facts.result;
  statement.context = facts.course
    ? {
        contextActivities: {
          parent: [
            activity(config.platformUrl, {
              path: coursePath(facts.course.key),
              type: ADL_TYPES.course,
              name: facts.course.name,
            }),
          ],
        },
        extensions: contextExtensions,
      }
    : { extensions: contextExtensions };
  statement.timestamp = metadata.time;
  statement.version = '1.0.3';
  return statement;
}

export function coursePath(courseKey: string): string {
  return `/course/${iriSegment(courseKey)}`;
}

export function xblockPath(usageKey: string): string {
  return `/xblock/${iriSegment(usageKey)}`;
}

function activity(platformUrl: string, object: AdlObject): Activity {
  const definition: Activity['definition'] & object = { type: object.type };
  if (object.name) definition.name = { en: object.name };
  if (object.extensions) definition.extensions = object.extensions;
  return { objectType: 'Activity', id: platformUrl + object.path, definition };
}

/**
 * The learner as `createActorFactory` builds Agents (a `urn:uuid:` pseudonym account; a name, an
 * mbox or a username extension only when included). Without personal data to add, the same Agent
 * is built here from the cached pseudonym, sparing an HMAC per statement.
 */
function agent(actor: ActorRef, config: ProfileConfig): LearnerActor {
  const key = pseudonymKey(actor);
  const { include } = config;
  if (actor.kind === 'user' && actor.pii && (include.name || include.email || include.username)) {
    if (!config.learners)
      throw new EdstreamError('usage.missing_option', 'the adl profile needs a platform URL');
    return config.learners.learner({ id: key, ...actor.pii });
  }
  return {
    agent: {
      objectType: 'Agent',
      account: { homePage: config.platformUrl, name: `urn:uuid:${config.userUuid(key)}` },
    },
  };
}
