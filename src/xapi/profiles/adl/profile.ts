import { ALL_EVENTS } from '../../../catalog/registry.js';
import type { AuthoringEventType, Profile } from '../profile.js';
import { allNotMapped, OTHER_RULES } from '../shared-rules.js';
import { createTableProfile } from '../table-profile.js';
import { ADL_LEARNING_RULES } from './learning-rules.js';
import { buildAdlStatement } from './statement.js';

const isAuthoring = (type: string): type is AuthoringEventType =>
  type.startsWith('org.openedx.content_authoring.');

/** The event-routing-backends (ADL / Open edX) vocabulary, xAPI 1.0.3. */
export const adlProfile: Profile = createTableProfile(
  'adl',
  '1.0.3',
  {
    ...ADL_LEARNING_RULES,
    ...allNotMapped(
      ALL_EVENTS.map((e) => e.eventType).filter(isAuthoring),
      'course authoring names no learner; the ADL vocabulary records learning experiences',
    ),
    ...OTHER_RULES,
  },
  buildAdlStatement,
);
