import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ALL_EVENTS } from '../../src/catalog/registry.js';
import { renderMappingDoc } from '../../src/xapi/profiles/mapping-doc.js';
import { formatWithBiome } from './biome-format.js';

const DOC = fileURLToPath(new URL('../../docs/xapi-mapping.md', import.meta.url));

describe('docs/xapi-mapping.md', () => {
  it('equals what scripts/xapi-mapping.ts generates from the profile tables', () => {
    expect(readFileSync(DOC, 'utf8')).toBe(formatWithBiome(renderMappingDoc(), 'docs/xapi-mapping.md'));
  });

  it('has one row per catalog event', () => {
    const rows = renderMappingDoc()
      .split('\n')
      .filter((line) => line.startsWith('| `'));
    expect(rows).toHaveLength(ALL_EVENTS.length);
    for (const [index, definition] of ALL_EVENTS.entries()) {
      expect(rows[index]).toContain(`\`${definition.eventType}\``);
    }
  });
});
