// Event types of the Open edX `authz` subdomain.
import { defineEvent } from '../event-definition.js';
import { RoleAssignmentData } from './data.js';

export const ROLE_ASSIGNMENT_CREATED = defineEvent(
  'org.openedx.authz.role_assignment.created',
  'role_assignment',
  RoleAssignmentData,
  {
    signalName: 'ROLE_ASSIGNMENT_CREATED',
    subdomain: 'authz',
    description: 'Emitted when a role assignment is created in Open edX.',
    eventKeyField: 'user.pii.username',
    triggerRepository: 'openedx/openedx-authz',
  },
);

export const ROLE_ASSIGNMENT_DELETED = defineEvent(
  'org.openedx.authz.role_assignment.deleted',
  'role_assignment',
  RoleAssignmentData,
  {
    signalName: 'ROLE_ASSIGNMENT_DELETED',
    subdomain: 'authz',
    description: 'Emitted when a role assignment is deleted in Open edX.',
    eventKeyField: 'user.pii.username',
    triggerRepository: 'openedx/openedx-authz',
  },
);

/** Every `authz` event, in the library's order. */
export const AUTHZ_EVENTS = [ROLE_ASSIGNMENT_CREATED, ROLE_ASSIGNMENT_DELETED] as const;
