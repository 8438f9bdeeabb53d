import type { BusBackend } from '../bus/backend.js';
import { getDeadLetter, listDeadLetters, replayDeadLetters } from '../bus/dead-letter.js';
import { fullTopic } from '../bus/topics.js';
import { isEdstreamError } from '../errors.js';
import type { Logger } from '../logging.js';
import type {
  DeadLetterRow,
  HealthCheck,
  PipelineSnapshot,
  PipelineView,
  ReplayOutcome,
} from '../server/pipeline-view.js';
import type { StreamConfig, SubscriptionConfig } from '../streams/config.js';
import type { DataStream } from '../streams/pipeline.js';
import { replaySinkDeadLetters } from '../streams/replay.js';
import type { Sink } from '../streams/sinks/sink.js';
import type { CountingProducer } from './counting-producer.js';

export interface PipelineStateOptions {
  config: StreamConfig;
  stream: DataStream;
  producer: CountingProducer;
  backendFor: (url: string) => Promise<BusBackend>;
  /** The backend the health check asks when no subscription reads a bus. */
  mainBackend: BusBackend;
  logger: Logger;
  /** Sinks the assembly built itself (not in the configuration): their dead letters are replayed here. */
  ownSinks?: readonly Sink[];
  /** How often consumer lag is measured (default 1 s). */
  lagIntervalMs?: number;
}

/** The pipeline view of a running assembly, plus the last measured lag and a way to stop measuring. */
export interface PipelineState extends PipelineView {
  /** The total lag last measured (0 before the first measure). */
  lag(): number;
  close(): void;
}

interface BusSource {
  readonly subscription: string;
  readonly url: string;
  readonly stream: string;
}

/** Reads counters, lag and dead letters off the running stream, bus and producer for the server. */
export function createPipelineState({
  config,
  stream,
  producer,
  backendFor,
  mainBackend,
  logger,
  ownSinks = [],
  lagIntervalMs = 1000,
}: PipelineStateOptions): PipelineState {
  const sources: BusSource[] = config.subscriptions.flatMap((s) => {
    const source = s.source;
    return 'bus' in source
      ? [{ subscription: s.name, url: source.bus, stream: fullTopic(source.topic, source.prefix) }]
      : [];
  });
  const lags = new Map<string, number | null>();
  let measuring = false;
  const measureLag = async () => {
    if (measuring) return;
    measuring = true;
    try {
      for (const s of stream.subscriptions) {
        if (s.consumer) lags.set(s.config.name, await s.consumer.lag().catch(() => null));
      }
    } finally {
      measuring = false;
    }
  };
  void measureLag();
  const timer = setInterval(() => void measureLag(), lagIntervalMs);
  timer.unref();

  const snapshot = (): PipelineSnapshot => ({
    producedByType: producer.producedByType,
    subscriptions: stream.subscriptions.map((s) => ({
      name: s.config.name,
      received: s.counters.received,
      filtered: s.counters.filtered,
      notMapped: s.counters.notMapped,
      failed: s.counters.failed,
      transformed: s.counters.transformed,
      statements: s.counters.statements,
      busRetried: s.consumer?.stats.retried ?? 0,
      busDeadLettered: s.consumer?.stats.deadLettered ?? 0,
      busGaps: s.consumer?.stats.gaps ?? 0,
      lag: lags.get(s.config.name) ?? null,
    })),
    sinks: stream.subscriptions.flatMap((s) =>
      s.sinks.map((runner) => ({
        subscription: s.config.name,
        sink: runner.sink.name,
        kind: runner.sink.kind,
        ...runner.stats,
      })),
    ),
  });

  const busDeadLetters = async (limit: number): Promise<DeadLetterRow[]> => {
    const rows: DeadLetterRow[] = [];
    for (const source of sources) {
      const backend = await backendFor(source.url);
      for (const letter of await listDeadLetters(backend, source.stream, limit)) {
        rows.push({
          source: 'bus',
          where: source.stream,
          id: letter.id,
          code: letter.reason.code,
          attempts: letter.reason.attempts,
          message: letter.reason.message,
          failedAt: letter.reason.failedAt,
        });
      }
    }
    return rows;
  };

  const sinkDeadLetters = (limit: number): DeadLetterRow[] =>
    stream.state.deadLetters({ limit }).map((letter) => ({
      source: 'sink',
      where: `${letter.subscription}/${letter.sink}`,
      id: String(letter.id),
      code: letter.code,
      attempts: letter.attempts,
      message: letter.message,
      failedAt: letter.failedAt,
      statementId: letter.statementId,
    }));

  const replayBus = async (id: string): Promise<ReplayOutcome> => {
    for (const source of sources) {
      const backend = await backendFor(source.url);
      try {
        await getDeadLetter(backend, source.stream, id);
      } catch (error) {
        if (isEdstreamError(error) && error.code === 'bus.dead_letter_not_found') continue;
        if (isEdstreamError(error) && error.code === 'bus.invalid_entry_id') break;
        throw error;
      }
      const [entryId] = await replayDeadLetters(backend, source.stream, [id]);
      logger.info({ stream: source.stream, id, entryId }, 'dead letter put back on its stream');
      return { status: 'replayed', message: `put back on ${source.stream} as entry ${entryId}` };
    }
    return { status: 'not_found', message: `no bus dead letter ${id}` };
  };

  const replaySink = async (id: string): Promise<ReplayOutcome> => {
    if (!/^\d+$/.test(id)) return { status: 'not_found', message: `no sink dead letter ${id}` };
    const letter = stream.state
      .deadLetters({ limit: Number.MAX_SAFE_INTEGER })
      .find((l) => l.id === Number(id));
    if (!letter) return { status: 'not_found', message: `no sink dead letter ${id}` };
    const own = ownSinks.find((s) => s.name === letter.sink);
    if (own) {
      try {
        await own.deliver([letter.statement]);
      } catch (error) {
        return { status: 'failed', message: `${letter.sink} refused it again: ${(error as Error).message}` };
      }
      stream.state.removeDeadLetters([letter.id]);
      return { status: 'replayed', message: 'delivered again and removed from the dead letters' };
    }
    const { delivered, failed } = await replaySinkDeadLetters(config, [Number(id)]);
    if (delivered > 0)
      return { status: 'replayed', message: 'delivered again and removed from the dead letters' };
    if (failed > 0)
      return { status: 'failed', message: 'the sink refused it again; it stays in the dead letters' };
    return { status: 'not_found', message: `no sink dead letter ${id}` };
  };

  const checks = async (): Promise<{ bus: HealthCheck; stream: HealthCheck }> => {
    let bus: HealthCheck = { ok: true, message: `${mainBackend.kind} bus answers` };
    try {
      if (sources.length === 0) await mainBackend.info('edstream-health');
      for (const source of sources) await (await backendFor(source.url)).info(source.stream);
    } catch (error) {
      bus = { ok: false, message: `bus failed: ${error instanceof Error ? error.message : String(error)}` };
    }
    const problems: string[] = [];
    for (const s of stream.subscriptions) {
      if (s.consumer && !s.consumer.running) problems.push(`the consumer of ${s.config.name} is not running`);
      for (const runner of s.sinks) {
        if (runner.stats.retrying > 0)
          problems.push(
            `${s.config.name}/${runner.sink.name} is retrying ${runner.stats.retrying} statement(s)`,
          );
      }
    }
    return {
      bus,
      stream:
        problems.length === 0
          ? { ok: true, message: `${stream.subscriptions.length} subscription(s) running` }
          : { ok: false, message: problems.join('; ') },
    };
  };

  return {
    snapshot,
    rates: () => producer.rates.points(),
    async deadLetters(limit) {
      const rows = [...(await busDeadLetters(limit)), ...sinkDeadLetters(limit)];
      return rows.sort((a, b) => b.failedAt.localeCompare(a.failedAt)).slice(0, limit);
    },
    replayDeadLetter: (source, id) => (source === 'bus' ? replayBus(id) : replaySink(id)),
    checks,
    accountHomePages: () => accountHomePages(config),
    lag: () => [...lags.values()].reduce<number>((total, n) => total + (n ?? 0), 0),
    close: () => clearInterval(timer),
  };
}

/** The `account.homePage` of the actors each subscription's profile writes. */
export function accountHomePages(config: StreamConfig): string[] {
  const pages = new Set<string>();
  const profiles = new Set(config.subscriptions.map((s: SubscriptionConfig) => s.profile));
  if (profiles.has('brightspace'))
    pages.add(config.xapi.homePage ?? `https://${config.xapi.tenantId}.lms.d2l.com/`);
  if (profiles.has('adl') && config.xapi.platformUrl) pages.add(config.xapi.platformUrl.replace(/\/+$/, ''));
  return [...pages];
}
