import type { Profile } from '../profile.js';
import { OTHER_RULES } from '../shared-rules.js';
import { createTableProfile } from '../table-profile.js';
import { BRIGHTSPACE_AUTHORING_RULES } from './authoring-rules.js';
import { BRIGHTSPACE_LEARNING_RULES } from './learning-rules.js';
import { buildBrightspaceStatement } from './statement.js';

/** Brightspace Data Streams statements (shared/reference/xapi.md §a), validated as xAPI 1.0.3. */
export const brightspaceProfile: Profile = createTableProfile(
  'brightspace',
  '1.0.3',
  { ...BRIGHTSPACE_LEARNING_RULES, ...BRIGHTSPACE_AUTHORING_RULES, ...OTHER_RULES },
  buildBrightspaceStatement,
);
