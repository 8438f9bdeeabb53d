import { z } from 'zod';
import { type ProducerConfig, validateProducerConfig } from '../bus/routing.js';
import { EdstreamError, formatIssues, type Issue, isEdstreamError } from '../errors.js';
import { interpolateEnv, parseStreamConfig, readConfigFile } from '../streams/config.js';
import { demoRouting } from './demo-setup.js';
import type { AppOptions } from './start-app.js';

const BUS_URL = /^(memory:|sqlite:|rediss?:\/\/)/;
const STORE_URL = /^(sqlite:|postgres(ql)?:\/\/)/;

/** `edstream serve --config`: everything but `stream` is checked here; `stream` by the stream schema. */
export const serveConfigSchema = z.strictObject({
  /** Stream state, and the default place for relative paths a deployment chooses. Default `./.edstream`. */
  dataDir: z.string().min(1).optional(),
  server: z
    .strictObject({
      host: z.string().min(1).optional(),
      port: z.number().int().min(0).max(65535).optional(),
    })
    .optional(),
  bus: z.strictObject({
    url: z.string().regex(BUS_URL, 'use memory:, sqlite:PATH, redis://HOST:PORT or rediss://…'),
    /** EVENT_BUS_TOPIC_PREFIX: streams are `<prefix>-<topic>`. */
    prefix: z.string().min(1).optional(),
    maxLen: z.number().int().positive().optional(),
  }),
  /** Open edX EVENT_BUS_PRODUCER_CONFIG: which signals sent in this process go to which topics. */
  producer: z.record(z.string(), z.unknown()).optional(),
  lrs: z.strictObject({
    store: z.string().regex(STORE_URL, 'use sqlite:PATH or postgres://HOST:PORT/DB[?schema=NAME]'),
    /** Deliver every bus subscription into the built-in LRS too (default true). */
    builtinSink: z.boolean().optional(),
    /** A SQLite store's page cache in MiB (default 64). */
    cacheMiB: z.number().positive().optional(),
  }),
  /** A stream configuration (`edstream stream run`); a bus source may leave out `bus` and `prefix`. */
  stream: z.record(z.string(), z.unknown()),
  simulate: z
    .strictObject({
      learners: z.number().int().positive().optional(),
      courses: z.number().int().positive().optional(),
      rate: z.number().positive().optional(),
      seed: z.number().int().nonnegative().optional(),
      /** Where simulated events go when there is no `producer` section (default: the first subscription's topic). */
      topic: z.string().min(1).optional(),
    })
    .optional(),
});

export type ServeConfig = z.infer<typeof serveConfigSchema>;

/** Reads and checks a serve configuration file (YAML or JSON); every problem at once, with its path. */
export function loadServeConfig(path: string): AppOptions {
  return parseServeConfig(readConfigFile(path));
}

/** Checks a serve configuration object and turns it into what `startApp` takes. */
export function parseServeConfig(raw: unknown): AppOptions {
  const issues: Issue[] = [];
  const value = interpolateEnv(raw, [], issues);
  const parsed = serveConfigSchema.safeParse(value);
  if (!parsed.success) {
    for (const i of parsed.error.issues)
      issues.push({ code: 'config.invalid', path: i.path.map(String).join('.'), message: i.message });
  }
  const top = (typeof value === 'object' && value !== null ? value : {}) as Partial<
    Record<keyof ServeConfig, unknown>
  >;
  if (isRecord(top.producer)) {
    for (const issue of validateProducerConfig(top.producer))
      issues.push({ ...issue, path: issue.path ? `producer.${issue.path}` : 'producer' });
  }
  // The stream section is checked even when the rest has problems: every issue is reported at once.
  let stream: AppOptions['stream'] | undefined;
  if (isRecord(top.stream)) {
    try {
      stream = parseStreamConfig(withBusDefaults(top.stream, top.dataDir, top.bus));
    } catch (error) {
      if (!isEdstreamError(error)) throw error;
      const found = error.issues;
      if (found.length === 0) issues.push({ code: error.code, path: 'stream', message: error.message });
      for (const issue of found)
        issues.push({ ...issue, path: issue.path ? `stream.${issue.path}` : 'stream' });
    }
  }
  if (!parsed.success || !stream) throw invalid(issues);
  const config = parsed.data;
  const busSources = stream.subscriptions.filter((s) => 'bus' in s.source);
  if (config.simulate && !config.producer && !config.simulate.topic && busSources.length === 0) {
    issues.push({
      code: 'config.invalid',
      path: 'simulate',
      message:
        'the simulator needs a topic: give simulate.topic, a producer section, or a subscription reading the bus',
    });
  }
  if (issues.length > 0) throw invalid(issues);

  let producer = config.producer as ProducerConfig | undefined;
  if (config.simulate && !producer) {
    const first = busSources[0]?.source;
    producer = demoRouting(config.simulate.topic ?? (first && 'topic' in first ? first.topic : 'events'));
  }
  return {
    bus: {
      url: config.bus.url,
      ...(config.bus.prefix === undefined ? {} : { prefix: config.bus.prefix }),
      ...(config.bus.maxLen === undefined ? {} : { maxLen: config.bus.maxLen }),
    },
    ...(producer ? { producer } : {}),
    lrs: {
      store: config.lrs.store,
      builtinSink: config.lrs.builtinSink ?? true,
      ...(config.lrs.cacheMiB === undefined ? {} : { sqliteCacheMiB: config.lrs.cacheMiB }),
    },
    stream,
    server: { host: config.server?.host ?? '127.0.0.1', port: config.server?.port ?? 8080 },
    ...(config.simulate
      ? {
          simulate: {
            learners: config.simulate.learners ?? 200,
            courses: config.simulate.courses ?? 10,
            rate: config.simulate.rate ?? 50,
            seed: config.simulate.seed ?? 1,
          },
        }
      : {}),
  };
}

/** The stream section with `dataDir`, and each bus source's `bus` and `prefix`, defaulted from the top level. */
function withBusDefaults(stream: Record<string, unknown>, dataDir: unknown, bus: unknown): unknown {
  const url = isRecord(bus) && typeof bus.url === 'string' ? bus.url : undefined;
  const prefix = isRecord(bus) && typeof bus.prefix === 'string' ? bus.prefix : undefined;
  const subscriptions = Array.isArray(stream.subscriptions)
    ? stream.subscriptions.map((s: unknown) => {
        if (!isRecord(s) || !isRecord(s.source) || 'file' in s.source) return s;
        return {
          ...s,
          source: {
            ...(url === undefined ? {} : { bus: url }),
            ...(prefix === undefined ? {} : { prefix }),
            ...s.source,
          },
        };
      })
    : stream.subscriptions;
  return { dataDir: typeof dataDir === 'string' ? dataDir : './.edstream', ...stream, subscriptions };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(issues: readonly Issue[]): EdstreamError {
  return new EdstreamError('config.invalid', `invalid configuration: ${formatIssues(issues)}`, {
    details: issues,
  });
}
