import { adlProfile } from './adl/profile.js';
import { brightspaceProfile } from './brightspace/profile.js';
import type { Profile, ProfileName } from './profile.js';

export { adlProfile } from './adl/profile.js';
export { brightspaceProfile } from './brightspace/profile.js';
export { utcMillis } from './brightspace/statement.js';
export { LruCache } from './lru-cache.js';
export { renderMappingDoc } from './mapping-doc.js';
export type {
  IncludeOptions,
  MappingSummary,
  NotMapped,
  Profile,
  ProfileConfig,
  ProfileName,
} from './profile.js';
export { isNotMapped, notMapped } from './profile.js';

/** The built-in profiles by name. */
export const PROFILES: Readonly<Record<ProfileName, Profile>> = Object.freeze({
  brightspace: brightspaceProfile,
  adl: adlProfile,
});
