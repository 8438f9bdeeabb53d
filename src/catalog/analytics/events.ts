// Event types of the Open edX `analytics` subdomain.
import { defineEvent } from '../event-definition.js';
import { TrackingLogData } from './data.js';

export const TRACKING_EVENT_EMITTED = defineEvent(
  'org.openedx.analytics.tracking.event.emitted.v1',
  'tracking_log',
  TrackingLogData,
  {
    signalName: 'TRACKING_EVENT_EMITTED',
    subdomain: 'analytics',
    description: 'Emitted when a tracking log event is emitted.',
    eventKeyField: 'tracking_log.name',
    triggerRepository: 'openedx/event-tracking',
  },
);

/** Every `analytics` event, in the library's order. */
export const ANALYTICS_EVENTS = [TRACKING_EVENT_EMITTED] as const;
