import { Counter, collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import type { PipelineView } from './pipeline-view.js';

/**
 * A Prometheus registry of its own (never prom-client's global one, so that two servers in one
 * process do not collide), every series named `edstream_…`. Pipeline series are read from the
 * pipeline's own counters at scrape time: nothing is counted twice.
 */
export function createMetricsRegistry(pipeline: () => PipelineView | undefined): Registry {
  const register = new Registry();
  collectDefaultMetrics({ register, prefix: 'edstream_' });
  const snapshot = () => pipeline()?.snapshot();

  new Counter({
    name: 'edstream_events_produced_total',
    help: 'Events this process published to the bus, by event type.',
    labelNames: ['type'],
    registers: [register],
    collect() {
      this.reset();
      for (const [type, n] of snapshot()?.producedByType ?? []) this.inc({ type }, n);
    },
  });
  new Counter({
    name: 'edstream_events_consumed_total',
    help: 'Events a subscription received from its source.',
    labelNames: ['subscription'],
    registers: [register],
    collect() {
      this.reset();
      for (const s of snapshot()?.subscriptions ?? []) this.inc({ subscription: s.name }, s.received);
    },
  });
  new Counter({
    name: 'edstream_events_not_mapped_total',
    help: 'Events the xAPI profile has no statement for.',
    labelNames: ['subscription'],
    registers: [register],
    collect() {
      this.reset();
      for (const s of snapshot()?.subscriptions ?? []) this.inc({ subscription: s.name }, s.notMapped);
    },
  });
  new Counter({
    name: 'edstream_events_failed_total',
    help: 'Events the xAPI profile could not map (retried, then dead-lettered).',
    labelNames: ['subscription'],
    registers: [register],
    collect() {
      this.reset();
      for (const s of snapshot()?.subscriptions ?? []) this.inc({ subscription: s.name }, s.failed);
    },
  });
  new Counter({
    name: 'edstream_statements_transformed_total',
    help: 'xAPI statements made from events.',
    labelNames: ['subscription'],
    registers: [register],
    collect() {
      this.reset();
      for (const s of snapshot()?.subscriptions ?? []) this.inc({ subscription: s.name }, s.statements);
    },
  });
  new Counter({
    name: 'edstream_statements_delivered_total',
    help: 'Statements a sink accepted.',
    labelNames: ['subscription', 'sink'],
    registers: [register],
    collect() {
      this.reset();
      for (const s of snapshot()?.sinks ?? [])
        this.inc({ subscription: s.subscription, sink: s.sink }, s.delivered);
    },
  });
  new Counter({
    name: 'edstream_deliveries_retried_total',
    help: 'Statement deliveries tried again after a failure, by sink.',
    labelNames: ['subscription', 'sink'],
    registers: [register],
    collect() {
      this.reset();
      for (const s of snapshot()?.sinks ?? [])
        this.inc({ subscription: s.subscription, sink: s.sink }, s.retried);
    },
  });
  new Counter({
    name: 'edstream_dead_letters_total',
    help: 'Dead letters written: bus entries (source="bus") and statements (source="sink").',
    labelNames: ['source', 'where'],
    registers: [register],
    collect() {
      this.reset();
      const current = snapshot();
      for (const s of current?.subscriptions ?? [])
        this.inc({ source: 'bus', where: s.name }, s.busDeadLettered);
      for (const s of current?.sinks ?? [])
        this.inc({ source: 'sink', where: `${s.subscription}/${s.sink}` }, s.deadLettered);
    },
  });
  new Counter({
    name: 'edstream_consumer_gaps_total',
    help: 'Times a subscription’s consumer found entries trimmed from the stream before its group read them.',
    labelNames: ['subscription'],
    registers: [register],
    collect() {
      this.reset();
      for (const s of snapshot()?.subscriptions ?? []) this.inc({ subscription: s.name }, s.busGaps);
    },
  });
  new Gauge({
    name: 'edstream_consumer_lag',
    help: 'Entries of the source stream not yet read by the subscription’s consumer group.',
    labelNames: ['subscription'],
    registers: [register],
    collect() {
      this.reset();
      for (const s of snapshot()?.subscriptions ?? [])
        if (s.lag !== null) this.set({ subscription: s.name }, s.lag);
    },
  });
  new Gauge({
    name: 'edstream_sink_queued',
    help: 'Statements waiting for a sink.',
    labelNames: ['subscription', 'sink'],
    registers: [register],
    collect() {
      this.reset();
      for (const s of snapshot()?.sinks ?? [])
        this.set({ subscription: s.subscription, sink: s.sink }, s.queued);
    },
  });
  new Gauge({
    name: 'edstream_sink_retrying',
    help: 'Statements in batches a sink is retrying now.',
    labelNames: ['subscription', 'sink'],
    registers: [register],
    collect() {
      this.reset();
      for (const s of snapshot()?.sinks ?? [])
        this.set({ subscription: s.subscription, sink: s.sink }, s.retrying);
    },
  });
  return register;
}
