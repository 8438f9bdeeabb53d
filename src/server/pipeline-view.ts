import type { RatePoint } from './rate-window.js';

/** One sink of one subscription, as its runner counts it. */
export interface SinkSnapshot {
  readonly subscription: string;
  readonly sink: string;
  readonly kind: string;
  readonly delivered: number;
  readonly retried: number;
  /** Statements in batches being retried right now: a sink in trouble. */
  readonly retrying: number;
  readonly deadLettered: number;
  readonly queued: number;
}

/** One subscription: what its source handed it, what the profile made of it, and its consumer. */
export interface SubscriptionSnapshot {
  readonly name: string;
  readonly received: number;
  readonly filtered: number;
  readonly notMapped: number;
  readonly failed: number;
  /** Events turned into statements. */
  readonly transformed: number;
  readonly statements: number;
  /** Redeliveries and dead letters of the bus consumer (events, not statements). */
  readonly busRetried: number;
  readonly busDeadLettered: number;
  /** Times the bus consumer found entries trimmed before its group read them. */
  readonly busGaps: number;
  /** Entries of the source not yet read by the group; null when unknown or not a bus source. */
  readonly lag: number | null;
}

export interface PipelineSnapshot {
  /** Events this process published to the bus, by event type. */
  readonly producedByType: ReadonlyMap<string, number>;
  readonly subscriptions: readonly SubscriptionSnapshot[];
  readonly sinks: readonly SinkSnapshot[];
}

/** A dead letter as the dashboard lists it: a bus entry or a statement a sink gave up on. */
export interface DeadLetterRow {
  readonly source: 'bus' | 'sink';
  /** The bus stream, or `<subscription>/<sink>`. */
  readonly where: string;
  readonly id: string;
  readonly code: string;
  readonly attempts: number;
  readonly message: string;
  readonly failedAt: string;
  readonly statementId?: string;
}

export interface ReplayOutcome {
  /** `replayed`: back on its way; `failed`: tried and still refused; `not_found`: no such dead letter. */
  readonly status: 'replayed' | 'failed' | 'not_found';
  readonly message: string;
}

export interface HealthCheck {
  readonly ok: boolean;
  readonly message: string;
}

/**
 * What the server reads from a running pipeline (bus, stream, producer). The server owns none of
 * it: the assembly in `src/app` implements this over the pieces it started.
 */
export interface PipelineView {
  snapshot(): PipelineSnapshot;
  /** Produced events per second by type, the last minute. */
  rates(): RatePoint[];
  deadLetters(limit: number): Promise<DeadLetterRow[]>;
  replayDeadLetter(source: DeadLetterRow['source'], id: string): Promise<ReplayOutcome>;
  checks(): Promise<{ bus: HealthCheck; stream: HealthCheck }>;
  /** `account.homePage` values the stream's actors use, to find statements by account name. */
  accountHomePages(): readonly string[];
}

/** The stage counts the dashboard shows, summed over subscriptions and sinks. */
export interface PipelineCounts {
  produced: number;
  consumed: number;
  transformed: number;
  /** Statement deliveries, one per sink that accepted the statement. */
  delivered: number;
  retried: number;
  deadLettered: number;
}

export function pipelineCounts(snapshot: PipelineSnapshot): PipelineCounts {
  const sum = <T>(list: readonly T[], value: (item: T) => number) =>
    list.reduce((total, item) => total + value(item), 0);
  return {
    produced: sum([...snapshot.producedByType.values()], (n) => n),
    consumed: sum(snapshot.subscriptions, (s) => s.received),
    transformed: sum(snapshot.subscriptions, (s) => s.statements),
    delivered: sum(snapshot.sinks, (s) => s.delivered),
    retried: sum(snapshot.sinks, (s) => s.retried) + sum(snapshot.subscriptions, (s) => s.busRetried),
    deadLettered:
      sum(snapshot.sinks, (s) => s.deadLettered) + sum(snapshot.subscriptions, (s) => s.busDeadLettered),
  };
}

/** Total lag over the bus subscriptions; 0 when none can tell. */
export function totalLag(snapshot: PipelineSnapshot): number {
  return snapshot.subscriptions.reduce((total, s) => total + (s.lag ?? 0), 0);
}
