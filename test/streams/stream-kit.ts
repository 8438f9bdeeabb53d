import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BusBackend } from '../../src/bus/backend.js';
import { createProducer } from '../../src/bus/producer.js';
import type { OpenEdxEvent } from '../../src/codecs/codec.js';
import { stringifyJsonExact } from '../../src/codecs/json/exact-json.js';
import { createMetadata, toCloudEvent } from '../../src/envelope/index.js';
import type { StreamConfig } from '../../src/streams/config.js';
import { createTransformer, type ProfileName } from '../../src/xapi/transform.js';
import { type CliResult, runCli as runEdstream } from '../cli-runner.js';
import { loadAvroFixtures } from '../reference.js';

export const XAPI = {
  tenantId: 'b3f0c7a2-0000-4000-8000-000000000001',
  secret: 'stream-tests-pseudonymous-secret',
  platformUrl: 'https://lms.example.com',
} as const;

/** A Standard Webhooks secret: `whsec_` and 24 random bytes in base64. */
export function webhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

const typical = loadAvroFixtures().filter((f) => f.case === 'typical');

/** Event types with a typical fixture that the profile maps to statements. */
export function mappedEventTypes(profile: ProfileName): string[] {
  const transform = createTransformer({ profile, ...XAPI });
  return typical
    .filter((f) => transform({ metadata: createMetadata(f.event_type), data: f.data_json }).ok)
    .map((f) => f.event_type);
}

/** `count` events cycling through `types`, each with fresh metadata (so its own statement ids). */
export function makeEvents(count: number, types: readonly string[]): OpenEdxEvent[] {
  const data = new Map(typical.map((f) => [f.event_type, f.data_json]));
  return Array.from({ length: count }, (_, i) => {
    const type = types[i % types.length]!;
    const found = data.get(type);
    if (!found) throw new Error(`no typical fixture for ${type}`);
    return { metadata: createMetadata(type, { source: 'openedx/lms/web' }), data: found };
  });
}

/** The statement ids a profile gives the events (in order, one or more per event). */
export function statementIds(
  events: readonly OpenEdxEvent[],
  profile: ProfileName = 'brightspace',
): string[] {
  const transform = createTransformer({ profile, ...XAPI });
  return events.flatMap((event) => {
    const result = transform(event);
    return result.ok ? result.statements.map((s) => s.id!) : [];
  });
}

export async function publish(backend: BusBackend, stream: string, events: readonly OpenEdxEvent[]) {
  const producer = createProducer({ backend });
  for (let i = 0; i < events.length; i += 1000)
    await producer.publishBatch(stream, events.slice(i, i + 1000));
  await producer.close();
}

/** CloudEvents NDJSON, one event a line. */
export function ndjson(events: readonly OpenEdxEvent[]): string {
  return events.map((e) => `${stringifyJsonExact(toCloudEvent(e.metadata, e.data))}\n`).join('');
}

export function tempDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `edstream-streams-${label}-`));
}

/** A configuration with one subscription; `subscription` fills in the rest. */
export function streamConfig(dataDir: string, subscription: Record<string, unknown>): StreamConfig {
  return {
    dataDir,
    xapi: { ...XAPI },
    subscriptions: [{ name: 'main', profile: 'brightspace', ...subscription }],
  } as StreamConfig;
}

export { waitFor } from '../wait-for.js';

/** Runs `edstream …` from the sources, as a separate process, with logs silenced. */
export function runCli(args: readonly string[], env: Record<string, string> = {}): Promise<CliResult> {
  return runEdstream(args, { env: { EDSTREAM_LOG_LEVEL: 'silent', ...env } });
}
