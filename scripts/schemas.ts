// `npm run schemas:check` compares the generated Avro schemas with the golden files in
// schemas/avro/ and fails on any change that is not both forward and backward compatible;
// `npm run schemas:generate` rewrites the golden files on purpose.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ALL_EVENTS, schemaFileName } from '../src/catalog/registry.js';
import { checkFullCompatibility } from '../src/codecs/avro/compatibility.js';
import { avroSchemaText, generateAvroSchema } from '../src/codecs/avro/schema.js';

const GOLDEN_DIR = fileURLToPath(new URL('../schemas/avro/', import.meta.url));
const mode = process.argv[2];
const serializable = ALL_EVENTS.filter((e) => e.serializable);

if (mode === 'generate') {
  mkdirSync(GOLDEN_DIR, { recursive: true });
  for (const definition of serializable) {
    writeFileSync(GOLDEN_DIR + schemaFileName(definition.eventType), avroSchemaText(definition));
  }
  console.log(`wrote ${serializable.length} golden schemas to schemas/avro/`);
} else if (mode === 'check') {
  let failures = 0;
  let changed = 0;
  const expected = new Set(serializable.map((e) => schemaFileName(e.eventType)));
  for (const definition of serializable) {
    const file = GOLDEN_DIR + schemaFileName(definition.eventType);
    if (!existsSync(file)) {
      console.error(`MISSING  ${definition.eventType}: no golden schema; run npm run schemas:generate`);
      failures++;
      continue;
    }
    const goldenText = readFileSync(file, 'utf8');
    if (goldenText === avroSchemaText(definition)) continue;
    const verdict = checkFullCompatibility(JSON.parse(goldenText), generateAvroSchema(definition));
    if (verdict.ok) {
      changed++;
      console.warn(
        `CHANGED  ${definition.eventType}: compatible both ways; refresh with npm run schemas:generate`,
      );
    } else {
      failures++;
      console.error(
        `BREAKING ${definition.eventType}: not ${verdict.direction} compatible: ${verdict.reason}`,
      );
    }
  }
  for (const file of existsSync(GOLDEN_DIR) ? readdirSync(GOLDEN_DIR) : []) {
    if (!expected.has(file)) {
      console.error(`REMOVED  ${file}: the golden schema has no event any more`);
      failures++;
    }
  }
  console.log(
    `${serializable.length} schemas checked: ${failures} breaking or missing, ${changed} compatible changes`,
  );
  process.exitCode = failures > 0 ? 1 : 0;
} else {
  console.error('usage: schemas.ts check|generate');
  process.exitCode = 2;
}
