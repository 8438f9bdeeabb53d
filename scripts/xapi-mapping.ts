// `node --import tsx scripts/xapi-mapping.ts` writes docs/xapi-mapping.md from the catalog and the
// profile tables (laid out by Biome); `… check` fails when the committed file differs, as
// test/xapi/mapping-doc.test.ts does.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderMappingDoc } from '../src/xapi/profiles/mapping-doc.js';
import { formatWithBiome } from '../test/xapi/biome-format.js';

const DOC = 'docs/xapi-mapping.md';
const file = fileURLToPath(new URL(`../${DOC}`, import.meta.url));
const text = formatWithBiome(renderMappingDoc(), DOC);
if (process.argv[2] === 'check') {
  const same = readFileSync(file, 'utf8') === text;
  console.log(same ? `${DOC} is up to date` : `${DOC} differs; run scripts/xapi-mapping.ts`);
  process.exitCode = same ? 0 : 1;
} else {
  writeFileSync(file, text);
  console.log(`wrote ${DOC}`);
}
