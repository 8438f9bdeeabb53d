import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { EdstreamError, formatIssues, type Issue } from '../errors.js';

const delivery = {
  name: z.string().min(1).optional(),
  batchSize: z.number().int().positive().optional(),
  batchMs: z.number().int().nonnegative().optional(),
  parallel: z.number().int().positive().optional(),
  maxAttempts: z.number().int().positive().optional(),
  retryBaseMs: z.number().int().positive().optional(),
  retryMaxMs: z.number().int().positive().optional(),
  maxQueued: z.number().int().positive().optional(),
};

const sinkConfig = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('webhook'),
    url: z.url(),
    secret: z.string().min(1),
    headers: z.record(z.string(), z.string()).optional(),
    single: z.boolean().optional(),
    timeoutMs: z.number().int().positive().optional(),
    ...delivery,
  }),
  z.strictObject({
    type: z.literal('lrs'),
    endpoint: z.url(),
    username: z.string().optional(),
    password: z.string().optional(),
    version: z.enum(['1.0.3', '2.0.0']).optional(),
    timeoutMs: z.number().int().positive().optional(),
    ...delivery,
  }),
  z.strictObject({
    type: z.literal('file'),
    path: z.string().min(1),
    maxBytes: z.number().int().positive().optional(),
    maxAgeMs: z.number().int().positive().optional(),
    ...delivery,
  }),
  z.strictObject({
    type: z.literal('bus'),
    bus: z.string().min(1),
    topic: z.string().min(1),
    prefix: z.string().optional(),
    maxLen: z.number().int().positive().optional(),
    ...delivery,
  }),
]);

const source = z.union([
  z.strictObject({
    bus: z.string().min(1),
    topic: z.string().min(1),
    group: z.string().min(1),
    consumer: z.string().min(1).optional(),
    prefix: z.string().optional(),
    from: z.string().optional(),
  }),
  z.strictObject({ file: z.string().min(1) }),
]);

const subscription = z
  .strictObject({
    name: z.string().min(1),
    source,
    filter: z.strictObject({ types: z.array(z.string().min(1)).min(1) }).optional(),
    profile: z.enum(['brightspace', 'adl']),
    /** Events handled at once; bounds memory (default 2,000). */
    inFlight: z.number().int().positive().optional(),
    sinks: z.array(sinkConfig).min(1),
  })
  .superRefine((value, context) => {
    // Dead letters and statuses are stored by sink name: two sinks with one name would mix them.
    const seen = new Set<string>();
    value.sinks.forEach((sink, index) => {
      const name = sinkName(sink, index);
      if (seen.has(name))
        context.addIssue({
          code: 'custom',
          path: ['sinks', index, 'name'],
          message: `another sink of this subscription is already named ${JSON.stringify(name)}`,
        });
      seen.add(name);
    });
  });

export const streamConfigSchema = z.strictObject({
  dataDir: z.string().min(1).optional(),
  xapi: z.strictObject({
    tenantId: z.string().min(1),
    homePage: z.url().optional(),
    platformUrl: z.url().optional(),
    secret: z.string().min(16, 'use at least 16 characters: it keeps learner ids pseudonymous'),
    include: z
      .strictObject({
        name: z.boolean().optional(),
        email: z.boolean().optional(),
        username: z.boolean().optional(),
      })
      .optional(),
  }),
  subscriptions: z
    .array(subscription)
    .min(1)
    .superRefine((list, context) => {
      const seen = new Set<string>();
      list.forEach((s, index) => {
        if (seen.has(s.name))
          context.addIssue({
            code: 'custom',
            path: [index, 'name'],
            message: `another subscription is already named ${JSON.stringify(s.name)}`,
          });
        seen.add(s.name);
      });
    }),
});

export type StreamConfig = z.infer<typeof streamConfigSchema>;
export type SubscriptionConfig = z.infer<typeof subscription>;
export type SinkConfig = z.infer<typeof sinkConfig>;

/** The name a sink's dead letters and status are stored under: its own, or `<type>-<position>`. */
export function sinkName(config: { name?: string | undefined; type: string }, index: number): string {
  return config.name ?? `${config.type}-${index + 1}`;
}

/** Validates a configuration object; every problem at once, with its path. */
export function parseStreamConfig(value: unknown): StreamConfig {
  const envIssues: Issue[] = [];
  const interpolated = interpolateEnv(value, [], envIssues);
  const result = streamConfigSchema.safeParse(interpolated);
  const issues: Issue[] = [
    ...envIssues,
    ...(result.success
      ? []
      : result.error.issues.map((i) => ({
          code: 'config.invalid',
          path: i.path.map(String).join('.'),
          message: i.message,
        }))),
  ];
  if (result.success && issues.length === 0) return result.data;
  throw new EdstreamError('config.invalid', `invalid stream configuration: ${formatIssues(issues)}`, {
    details: issues,
  });
}

/**
 * The value of a JSON or YAML configuration file (YAML for `.yaml`/`.yml`), not yet checked;
 * `config.unreadable` when it cannot be read, `config.invalid` with a `config.syntax` issue when
 * it does not parse.
 */
export function readConfigFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new EdstreamError('config.unreadable', `cannot read ${path}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const yaml = /\.ya?ml$/i.test(path);
  try {
    return yaml ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    const issue = {
      code: 'config.syntax',
      path: '',
      message: `not valid ${yaml ? 'YAML' : 'JSON'}: ${(error as Error).message}`,
    };
    throw new EdstreamError('config.invalid', `${path}: ${formatIssues([issue])}`, { details: [issue] });
  }
}

/** Reads a JSON or YAML stream configuration file. `${NAME}` in strings is replaced from the environment. */
export function loadStreamConfig(path: string): StreamConfig {
  return parseStreamConfig(readConfigFile(path));
}

/** Replaces `${NAME}` from the environment; each variable not set is an issue at its path. */
export function interpolateEnv(value: unknown, path: readonly (string | number)[], issues: Issue[]): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$\{([A-Z0-9_]+)\}/g, (whole, name: string) => {
      const found = process.env[name];
      if (found !== undefined) return found;
      issues.push({
        code: 'config.missing_env',
        path: path.join('.'),
        message: `${whole} is used but the environment variable ${name} is not set`,
      });
      return whole;
    });
  }
  if (Array.isArray(value)) return value.map((v, i) => interpolateEnv(v, [...path, i], issues));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, interpolateEnv(v, [...path, k], issues)]),
    );
  }
  return value;
}

/** `*` matches any run of characters in an event type filter. */
export function typeMatcher(patterns: readonly string[] | undefined): (eventType: string) => boolean {
  if (!patterns) return () => true;
  const regexes = patterns.map(
    (p) =>
      new RegExp(
        `^${p
          .split('*')
          .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
          .join('.*')}$`,
      ),
  );
  return (eventType) => regexes.some((r) => r.test(eventType));
}
