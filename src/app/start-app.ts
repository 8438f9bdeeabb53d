import type { FastifyInstance } from 'fastify';
import type { BusBackend } from '../bus/backend.js';
import { createBackend } from '../bus/create-backend.js';
import { connectBusRouting, type ProducerConfig } from '../bus/routing.js';
import { EdstreamError } from '../errors.js';
import { createLogger, type Logger } from '../logging.js';
import { openStatementStore, sqliteStorePath } from '../lrs/store/open-store.js';
import type { StatementStore } from '../lrs/store/statement-store.js';
import { createServer } from '../server/create-server.js';
import { type PipelineCounts, pipelineCounts } from '../server/pipeline-view.js';
import { createSignalRegistry, type SignalRegistry } from '../signals/index.js';
import type { SinkConfig, StreamConfig } from '../streams/config.js';
import { createStream, type DataStream } from '../streams/pipeline.js';
import { CountingProducer } from './counting-producer.js';
import { createPipelineState, type PipelineState } from './pipeline-state.js';
import { type Simulation, type SimulationOptions, startSimulation } from './simulation.js';
import { createStoreSink } from './store-sink.js';

export interface AppOptions {
  bus: {
    /** `memory:`, `sqlite:PATH` or `redis://…`: what the producer writes to (and the default source). */
    url: string;
    /** EVENT_BUS_TOPIC_PREFIX for the producer. */
    prefix?: string;
    /** `MAXLEN ~ n` on every append. */
    maxLen?: number;
  };
  /** Which signals this process publishes to which topics (Open edX EVENT_BUS_PRODUCER_CONFIG). */
  producer?: ProducerConfig;
  lrs: {
    /** `sqlite:PATH` or `postgres://…`. */
    store: string;
    /** Deliver every bus subscription straight into this LRS too, as sink `builtin-lrs` (default true). */
    builtinSink?: boolean;
    /** A SQLite store's page cache in MiB (default the store's 64): the demo keeps it small. */
    sqliteCacheMiB?: number;
    /**
     * Checkpoint a SQLite store's WAL from a thread of its own (default true): faster ingest, at
     * the cost of a worker thread's memory. The demo's rate does not need it.
     */
    sqliteBackgroundCheckpoints?: boolean;
  };
  stream: StreamConfig;
  server?: { host?: string; port?: number };
  /** Run the campus simulator in this process. */
  simulate?: SimulationOptions & {
    /** Pause while the consumers are this many entries behind (default: never pause). */
    maxLag?: number;
  };
  /** Sinks added to every bus subscription once the server's address is known (after the built-in LRS). */
  extraSinks?: (baseUrl: string) => SinkConfig[];
  /** Routes added to the server before it listens. */
  routes?: (app: FastifyInstance) => void;
  logger?: Logger;
}

export interface RunningApp {
  /** The dashboard, e.g. `http://127.0.0.1:8080/`. */
  readonly url: string;
  readonly port: number;
  readonly signals: SignalRegistry;
  /** The bus the producer writes to. */
  readonly bus: BusBackend;
  readonly server: FastifyInstance;
  readonly store: StatementStore;
  readonly stream: DataStream;
  /** The stream configuration as running, with the sinks the assembly added. */
  readonly config: StreamConfig;
  readonly pipeline: PipelineState;
  readonly simulation: Simulation | undefined;
  counts(): PipelineCounts & { lag: number };
  /**
   * Stops the simulator and waits until the consumers have read everything and the sinks are
   * idle, or `timeoutMs` passed; resolves with whether it caught up.
   */
  settle(timeoutMs?: number): Promise<boolean>;
  /** Stops everything, in order: simulator, stream (delivering what is in flight), bus, server, store. */
  stop(): Promise<void>;
}

/**
 * Starts the pieces `edstream demo` and `edstream serve` run in one process: the LRS store, the
 * bus and the producer routing, the HTTP server, the data stream (whose sinks may point back at
 * the server), and optionally the simulator.
 */
export async function startApp(options: AppOptions): Promise<RunningApp> {
  const logger = options.logger ?? createLogger('app');
  const cleanups: (() => Promise<unknown>)[] = [];
  const cleanup = async () => {
    for (const step of cleanups.splice(0).reverse()) {
      await step().catch((error: unknown) => logger.warn({ err: error }, 'a shutdown step failed'));
    }
  };
  try {
    const store = await openStore(options.lrs);
    cleanups.push(() => store.close());
    // The server closes after the stream and the bus: sinks may deliver to it (the demo's partner)
    // until the stream has stopped.
    let server: FastifyInstance | undefined;
    cleanups.push(async () => server?.close());

    // One backend per URL, shared by the producer, the stream and the dead-letter tools.
    const backends = new Map<string, Promise<BusBackend>>();
    const backendFor = (url: string) => {
      let found = backends.get(url);
      if (!found) {
        found = createBackend(url);
        backends.set(url, found);
      }
      return found;
    };
    cleanups.push(async () => {
      for (const backend of backends.values()) await (await backend.catch(() => undefined))?.close();
    });
    const mainBackend = await backendFor(options.bus.url);
    const producer = new CountingProducer({
      backend: mainBackend,
      ...(options.bus.maxLen === undefined ? {} : { maxLen: options.bus.maxLen }),
    });
    cleanups.push(() => producer.close());
    // Strict: a publish that fails is the sender's error (the simulator counts and logs it).
    const signals = createSignalRegistry({ strict: true });
    if (options.producer) {
      const disconnect = connectBusRouting({
        signals,
        producer,
        config: options.producer,
        ...(options.bus.prefix === undefined ? {} : { prefix: options.bus.prefix }),
      });
      cleanups.push(async () => disconnect());
    }

    let pipeline: PipelineState | undefined;
    server = createServer({ store, pipeline: () => pipeline, logger: false });
    options.routes?.(server);
    const host = options.server?.host ?? '127.0.0.1';
    const wantedPort = options.server?.port ?? 8080;
    try {
      await server.listen({ host, port: wantedPort });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
      throw new EdstreamError(
        'server.address_in_use',
        `port ${wantedPort} on ${host} is taken: choose another port (0 picks a free one)`,
        { cause: error },
      );
    }
    const port = boundPort(server);
    const selfUrl = `http://${selfHost(host)}:${port}`;

    const added = options.extraSinks?.(selfUrl) ?? [];
    const config: StreamConfig = {
      ...options.stream,
      subscriptions: options.stream.subscriptions.map((s) =>
        'bus' in s.source ? { ...s, sinks: [...added, ...s.sinks] } : s,
      ),
    };
    const storeSink = (options.lrs.builtinSink ?? true) ? createStoreSink(store) : undefined;
    const stream = await createStream(config, {
      logger,
      backendFor,
      ...(storeSink ? { extraSinks: (s) => ('bus' in s.source ? [storeSink] : []) } : {}),
    });
    cleanups.push(() => stream.stop());
    pipeline = createPipelineState({
      config,
      stream,
      producer,
      backendFor,
      mainBackend,
      logger,
      ownSinks: storeSink ? [storeSink] : [],
    });
    const state = pipeline;
    cleanups.push(async () => state.close());

    let simulation: Simulation | undefined;
    if (options.simulate) {
      const { maxLag, ...simulate } = options.simulate;
      simulation = startSimulation(signals, simulate, {
        logger,
        ...(maxLag === undefined ? {} : { holdWhile: () => state.lag() > maxLag }),
      });
      const sim = simulation;
      cleanups.push(() => sim.stop());
    }

    const counts = () => {
      const snapshot = state.snapshot();
      return { ...pipelineCounts(snapshot), lag: state.lag() };
    };
    let stopping: Promise<void> | undefined;
    return {
      url: `http://${selfHost(host)}:${port}/`,
      port,
      signals,
      bus: mainBackend,
      server,
      store,
      stream,
      config,
      pipeline: state,
      simulation,
      counts,
      async settle(timeoutMs = 10_000) {
        await simulation?.stop();
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          const lag = await totalLiveLag(stream);
          const busy = stream.subscriptions.some(
            (s) => (s.consumer?.stats.inFlight ?? 0) > 0 || s.sinks.some((r) => r.stats.queued > 0),
          );
          if (lag === 0 && !busy) return true;
          if (Date.now() > deadline) return false;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      },
      stop() {
        stopping ??= cleanup();
        return stopping;
      },
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

async function openStore({
  store,
  sqliteCacheMiB,
  sqliteBackgroundCheckpoints,
}: AppOptions['lrs']): Promise<StatementStore> {
  const tuned = sqliteCacheMiB !== undefined || sqliteBackgroundCheckpoints !== undefined;
  if (!tuned || !store.startsWith('sqlite:') || store === 'sqlite::memory:') return openStatementStore(store);
  const { createSqliteStatementStore } = await import('../lrs/store/sqlite/sqlite-statement-store.js');
  return createSqliteStatementStore({
    path: sqliteStorePath(store),
    ...(sqliteCacheMiB === undefined ? {} : { cacheMiB: sqliteCacheMiB }),
    ...(sqliteBackgroundCheckpoints === undefined
      ? {}
      : { backgroundCheckpoints: sqliteBackgroundCheckpoints }),
  });
}

async function totalLiveLag(stream: DataStream): Promise<number> {
  let total = 0;
  for (const s of stream.subscriptions) if (s.consumer) total += (await s.consumer.lag().catch(() => 0)) ?? 0;
  return total;
}

function boundPort(server: FastifyInstance): number {
  const address = server.server.address();
  if (address === null || typeof address === 'string') throw new Error('the server is not listening on TCP');
  return address.port;
}

/** Where this process reaches its own server: loopback when it listens on every interface. */
function selfHost(host: string): string {
  if (host === '0.0.0.0' || host === '' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}
