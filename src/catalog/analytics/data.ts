// Data classes of the Open edX `analytics` subdomain, fields in attrs (Avro) order.
import { type DataOf, dataClass, datetime, string } from '../fields.js';

/** Data related to tracking events. */
export const TrackingLogData = dataClass(
  'TrackingLogData',
  { subdomain: 'analytics', doc: 'Data related to tracking events.' },
  {
    name: string(),
    timestamp: datetime(),
    data: string(),
    context: string(),
  },
);
export type TrackingLogData = DataOf<typeof TrackingLogData>;
