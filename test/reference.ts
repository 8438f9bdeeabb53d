import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseJsonExact } from '../src/codecs/json/exact-json.js';

/** Reference data produced by the real Python openedx-events 11.2.0, copied from shared/reference. */
export const REFERENCE_DIR = fileURLToPath(new URL('./fixtures/openedx-events/', import.meta.url));

export interface AvroFixture {
  event_type: string;
  case: 'typical' | 'minimal' | 'edge';
  data_json: Record<string, unknown>;
  avro_hex: string;
  roundtrip_json: Record<string, unknown> | null;
  unsafe_int_paths: string[];
}

export function loadAvroFixtures(): AvroFixture[] {
  return readFileSync(`${REFERENCE_DIR}fixtures.ndjson`, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => parseJsonExact(line) as AvroFixture);
}

export function referenceSchemaFiles(set: 'avsc-current' | 'avsc-stored'): Map<string, string> {
  const dir = `${REFERENCE_DIR}${set}/`;
  return new Map(readdirSync(dir).map((file) => [file, readFileSync(dir + file, 'utf8')]));
}
