/**
 * Who a statement names. Learners are pseudonymous by default: an opaque UUID keyed by a per-deployment
 * secret; real names, email addresses and usernames only travel when the deployment opts in.
 */
import { createHmac } from 'node:crypto';
import { EdstreamError } from '../errors.js';
import type { Agent, Extensions } from './statement.js';
import { isIrl, isMailtoIri } from './validate/primitives.js';

/** The context extension that carries the username when `include.username` is set. */
export const USERNAME_EXTENSION = 'https://edstream.dev/xapi/extensions/username';

/**
 * The learner's pseudonymous UUID: the first 16 bytes of HMAC-SHA256(key = `secret`, message = the UTF-8
 * user id in decimal), with the UUID version nibble set to 5 and the RFC 4122 variant bits. It is not a
 * name-based v5 UUID, only formatted like one. Without the secret it cannot be reversed or recomputed,
 * even by enumerating user ids. `42`, `42n` and `'42'` give the same UUID.
 */
export function pseudonymousUserUuid(secret: string, userId: string | number | bigint): string {
  if (secret.length === 0) {
    throw new EdstreamError('xapi.invalid_secret', 'the pseudonymisation secret must not be empty');
  }
  if (typeof userId === 'number' && !Number.isSafeInteger(userId)) {
    throw new EdstreamError(
      'xapi.invalid_user_id',
      `a numeric user id must be a safe integer, got ${userId}`,
    );
  }
  const digest = createHmac('sha256', secret).update(String(userId), 'utf8').digest();
  digest[6] = (digest[6]! & 0x0f) | 0x50;
  digest[8] = (digest[8]! & 0x3f) | 0x80;
  const hex = digest.toString('hex', 0, 16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** Personal data a deployment chooses to send; everything is left out by default. */
export interface IdentityIncludeOptions {
  name?: boolean | undefined;
  email?: boolean | undefined;
  username?: boolean | undefined;
}

export interface ActorFactoryOptions {
  /** The per-deployment pseudonymisation secret; keep it out of logs and out of the statements' reach. */
  secret: string;
  /** `account.homePage` of the pseudonymous accounts (an IRL, e.g. the LMS root URL). */
  homePage: string;
  include?: IdentityIncludeOptions | undefined;
}

/** What the platform knows about a learner; only the id is always used. */
export interface LearnerFacts {
  id: string | number | bigint;
  name?: string | null | undefined;
  email?: string | null | undefined;
  username?: string | null | undefined;
}

export interface LearnerActor {
  agent: Agent;
  /** Context extensions to merge into the statement (the username, when included); absent otherwise. */
  contextExtensions?: Extensions;
}

export interface ActorFactory {
  /** The learner's pseudonymous UUID under this factory's secret. */
  userUuid(userId: string | number | bigint): string;
  /** The xAPI Agent for a learner, and any context extensions that go with it. */
  learner(user: LearnerFacts): LearnerActor;
}

/**
 * Builds learners' Agents. An Agent has exactly one inverse functional identifier, so the rule is:
 * `account { homePage, name: 'urn:uuid:<pseudonymous uuid>' }` by default; `mbox: 'mailto:<email>'`
 * INSTEAD of the account when `include.email` is set and the learner has a usable email address.
 * `name` (the real name) only with `include.name`. The username never goes in the Agent: with
 * `include.username` it is returned as the `USERNAME_EXTENSION` context extension.
 */
export function createActorFactory({ secret, homePage, include = {} }: ActorFactoryOptions): ActorFactory {
  if (secret.length === 0) {
    throw new EdstreamError('xapi.invalid_secret', 'the pseudonymisation secret must not be empty');
  }
  if (!isIrl(homePage)) {
    throw new EdstreamError(
      'xapi.invalid_home_page',
      `the account home page must be an IRL such as https://lms.example.com/, got ${JSON.stringify(homePage)}`,
    );
  }
  const withName = include.name === true;
  const withEmail = include.email === true;
  const withUsername = include.username === true;
  const userUuid = (userId: string | number | bigint): string => pseudonymousUserUuid(secret, userId);

  return {
    userUuid,
    learner(user: LearnerFacts): LearnerActor {
      const agent: Agent = { objectType: 'Agent' };
      if (withName && typeof user.name === 'string' && user.name.trim() !== '') agent.name = user.name;
      const mbox = withEmail && typeof user.email === 'string' ? `mailto:${user.email.trim()}` : undefined;
      if (mbox !== undefined && isMailtoIri(mbox)) agent.mbox = mbox;
      else agent.account = { homePage, name: `urn:uuid:${userUuid(user.id)}` };
      if (withUsername && typeof user.username === 'string' && user.username !== '') {
        return { agent, contextExtensions: { [USERNAME_EXTENSION]: user.username } };
      }
      return { agent };
    },
  };
}
