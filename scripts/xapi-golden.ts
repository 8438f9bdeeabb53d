// `node --import tsx scripts/xapi-golden.ts generate` rewrites test/xapi/golden/<profile>/<event
// type>.json from the typical fixtures; `check` compares them (test/xapi/golden.test.ts does too),
// exactly in content and key order, whatever the layout.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { formatFilesWithBiome } from '../test/xapi/biome-format.js';
import {
  canonicalGolden,
  GOLDEN_DIR,
  GOLDEN_PROFILES,
  goldenCases,
  goldenPath,
  goldenText,
  goldenTransformer,
} from '../test/xapi/golden-cases.js';

const mode = process.argv[2];
if (mode !== 'generate' && mode !== 'check') {
  console.error('usage: xapi-golden.ts generate|check');
  process.exit(2);
}
let written = 0;
let differences = 0;
for (const profile of GOLDEN_PROFILES) {
  const transform = goldenTransformer(profile);
  const expected = new Set<string>();
  mkdirSync(`${GOLDEN_DIR}${profile}`, { recursive: true });
  for (const { eventType, event } of goldenCases()) {
    const result = transform(event);
    if (!result.ok) {
      if (result.code !== 'xapi.not_mapped') throw new Error(`${eventType}: ${result.reason}`);
      continue;
    }
    const file = goldenPath(profile, eventType);
    expected.add(`${eventType}.json`);
    if (mode === 'generate') {
      writeFileSync(file, goldenText(result.statements));
      written++;
    } else if (
      !existsSync(file) ||
      canonicalGolden(readFileSync(file, 'utf8')) !== JSON.stringify(result.statements)
    ) {
      console.error(`DIFFERS  ${profile}/${eventType}.json`);
      differences++;
    }
  }
  for (const file of readdirSync(`${GOLDEN_DIR}${profile}`)) {
    if (expected.has(file)) continue;
    if (mode === 'generate') rmSync(`${GOLDEN_DIR}${profile}/${file}`);
    else {
      console.error(`STALE    ${profile}/${file}: the event is no longer mapped`);
      differences++;
    }
  }
}
if (mode === 'generate') {
  // Lay the files out as Biome lays out every JSON file, so that `npm run lint` stays clean.
  formatFilesWithBiome([GOLDEN_DIR]);
  console.log(`wrote ${written} golden statement files to test/xapi/golden/`);
} else {
  console.log(`${differences} golden statement files differ`);
  process.exitCode = differences > 0 ? 1 : 0;
}
