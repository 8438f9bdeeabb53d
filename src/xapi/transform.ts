import type { OpenEdxEvent } from '../codecs/codec.js';
import { EDSTREAM_VERSION } from '../envelope/version.js';
import { EdstreamError, formatIssues, type Issue } from '../errors.js';
import { createActorFactory, pseudonymousUserUuid } from './identity.js';
import { entityUuid } from './ids.js';
import { PROFILES } from './profiles/index.js';
import { LruCache } from './profiles/lru-cache.js';
import type { IncludeOptions, NotMapped, Profile, ProfileConfig, ProfileName } from './profiles/profile.js';
import type { Statement } from './statement.js';
import { validateStatement } from './validate/index.js';

export type { IncludeOptions, NotMapped, Profile, ProfileConfig, ProfileName } from './profiles/profile.js';

export interface TransformerOptions {
  /** A built-in profile by name, or a profile object. */
  profile: ProfileName | Profile;
  /** The tenant every entity UUID is derived under (Brightspace: the TenantUUID). */
  tenantId: string;
  /** Keys the pseudonymous learner UUIDs; keep it secret and stable, or learners change identity. */
  secret: string;
  /** Brightspace actor home page; default `https://<tenantId>.lms.d2l.com/`. */
  homePage?: string | undefined;
  /** The LMS root URL ADL activity IRIs start with (required by the adl profile). */
  platformUrl?: string | undefined;
  /** Personal data to include; none by default. */
  include?: IncludeOptions | undefined;
  /**
   * Check every statement against the xAPI rules of the profile's version (default false: the
   * profiles build valid statements by construction, the golden tests validate every mapping, and
   * checking each statement halves the throughput).
   */
  validate?: boolean | undefined;
  /** Entries per id cache (default 50,000: learners, and org units and classes); each is a bounded LRU map. */
  cacheSize?: number | undefined;
}

export type TransformErrorCode = 'xapi.not_mapped' | 'xapi.invalid_statement' | 'xapi.invalid_event';

export type TransformResult =
  | { readonly ok: true; readonly statements: Statement[] }
  | {
      readonly ok: false;
      readonly code: TransformErrorCode;
      readonly reason: string;
      readonly issues?: readonly Issue[];
    };

/** Turns one Open edX event into the statements of a profile; never throws. */
export type Transformer = (event: OpenEdxEvent) => TransformResult;

const MIN_SECRET_LENGTH = 16;

/**
 * Entity kinds whose UUIDs are cached: org units (courses and the organization) and classes, a few
 * hundred ids that nearly every statement names. Per-learner and per-item ids (contexts, grades,
 * posts, attempts) seldom repeat soon, and looking one up in a large map costs about as much as
 * the SHA-1 it would save, plus the garbage of keeping it: caching them too made the brightspace
 * transform a fifth to a third slower.
 */
const CACHED_ENTITY_KINDS = ['org_unit', 'class'] as const;

/** A transformer for one profile and tenant; configuration is checked (and thrown) here, once. */
export function createTransformer(options: TransformerOptions): Transformer {
  const profile = typeof options.profile === 'string' ? PROFILES[options.profile] : options.profile;
  if (!profile) {
    throw new EdstreamError(
      'usage.bad_option',
      `unknown xAPI profile ${JSON.stringify(options.profile)}; expected one of ${Object.keys(PROFILES).join(', ')}`,
    );
  }
  const config = createProfileConfig(options, profile.name);
  const version = profile.version;
  const validate = options.validate ?? false;
  return (event) => {
    let produced: Statement[] | NotMapped;
    try {
      produced = profile.transform(event, config);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { ok: false, code: 'xapi.invalid_event', reason: `cannot map ${describe(event)}: ${message}` };
    }
    if (!Array.isArray(produced)) return { ok: false, code: 'xapi.not_mapped', reason: produced.reason };
    if (validate) {
      for (const statement of produced) {
        const issues = validateStatement(statement, { version });
        if (issues.length > 0) {
          return {
            ok: false,
            code: 'xapi.invalid_statement',
            reason: `${describe(event)} gave an invalid statement: ${formatIssues(issues)}`,
            issues,
          };
        }
      }
    }
    return { ok: true, statements: produced };
  };
}

/** Resolves options into what profiles read per event: defaults applied, hashes cached. */
export function createProfileConfig(options: TransformerOptions, profile: ProfileName): ProfileConfig {
  const { tenantId, secret } = options;
  if (typeof tenantId !== 'string' || tenantId.trim() === '') {
    throw new EdstreamError('usage.missing_option', 'an xAPI transformer needs a tenant id (--tenant)');
  }
  if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) {
    throw new EdstreamError(
      'usage.missing_option',
      `an xAPI transformer needs a secret of at least ${MIN_SECRET_LENGTH} characters (--secret): it keeps learner ids pseudonymous`,
    );
  }
  const homePage = options.homePage ?? `https://${tenantId}.lms.d2l.com/`;
  checkUrl(homePage, 'home page');
  let platformUrl = '';
  if (options.platformUrl !== undefined) {
    checkUrl(options.platformUrl, 'platform URL');
    platformUrl = options.platformUrl.replace(/\/+$/, '');
  } else if (profile === 'adl') {
    throw new EdstreamError(
      'usage.missing_option',
      'the adl profile needs the LMS root URL its activity IRIs start with (--platform-url)',
    );
  }
  const size = options.cacheSize ?? 50_000;
  const users = new LruCache<string, string>(size);
  // One cache per cached entity kind, so that a lookup needs no composite key string.
  const entities = new Map<string, LruCache<string, string>>(
    CACHED_ENTITY_KINDS.map((kind) => [kind, new LruCache<string, string>(size)]),
  );
  const include = options.include ?? {};
  const learners =
    platformUrl === '' ? undefined : createActorFactory({ secret, homePage: platformUrl, include });
  return Object.freeze({
    tenantId,
    homePage,
    platformUrl,
    include: Object.freeze({
      name: include.name === true,
      email: include.email === true,
      username: include.username === true,
    }),
    transformerVersion: `edstream@${EDSTREAM_VERSION}`,
    learners,
    userUuid: (userId: string) => {
      let found = users.get(userId);
      if (found === undefined) {
        found = pseudonymousUserUuid(secret, userId);
        users.set(userId, found);
      }
      return found;
    },
    entityUuid: (kind: string, id: string) => {
      const cache = entities.get(kind);
      if (cache === undefined) return entityUuid(tenantId, kind, id);
      let found = cache.get(id);
      if (found === undefined) {
        found = entityUuid(tenantId, kind, id);
        cache.set(id, found);
      }
      return found;
    },
  });
}

function checkUrl(value: string, what: string): void {
  if (!URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol)) {
    throw new EdstreamError('usage.bad_option', `the ${what} ${JSON.stringify(value)} is not an http(s) URL`);
  }
}

function describe(event: OpenEdxEvent): string {
  return `${event.metadata.event_type} ${event.metadata.id}`;
}
