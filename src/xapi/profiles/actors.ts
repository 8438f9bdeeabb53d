import type { Long } from '../../catalog/fields.js';
import type { UserData, UserPersonalData } from '../../catalog/learning/data.js';

/** Who a statement is about, before a profile turns it into an xAPI actor. */
export type ActorRef =
  /** An Open edX user, by numeric id; `pii` only travels when the deployment includes it. */
  | { readonly kind: 'user'; readonly id: string; readonly pii?: UserPersonalData | undefined }
  /** A learner known only by a course-specific anonymous id (ORA submissions). */
  | { readonly kind: 'anonymous'; readonly id: string }
  /** The Open edX service that produced an event naming no user (authoring, catalog). */
  | { readonly kind: 'service'; readonly source: string };

export function userActor(user: UserData): ActorRef {
  return { kind: 'user', id: String(user.id), pii: user.pii };
}

export function userIdActor(id: Long): ActorRef {
  return { kind: 'user', id: String(id) };
}

export function anonymousActor(id: string): ActorRef {
  return { kind: 'anonymous', id };
}

export function serviceActor(source: string): ActorRef {
  return { kind: 'service', source };
}

/** The key the pseudonymous UUID is computed from; anonymous ids are kept apart from numeric ids. */
export function pseudonymKey(actor: ActorRef): string {
  switch (actor.kind) {
    case 'user':
      return actor.id;
    case 'anonymous':
      return `anonymous:${actor.id}`;
    case 'service':
      return `service:${actor.source}`;
  }
}
