// Data classes of the Open edX `authz` subdomain, fields in attrs (Avro) order.
import { type DataOf, dataClass, long, nullable, string } from '../fields.js';

/** Data related to a specific role assignment. */
export const RoleAssignmentData = dataClass(
  'RoleAssignmentData',
  { subdomain: 'authz', doc: 'Data related to a specific role assignment.' },
  {
    operation: string(),
    subject: string(),
    role: string(),
    scope: string(),
    actor_id: nullable(long()),
  },
);
export type RoleAssignmentData = DataOf<typeof RoleAssignmentData>;
