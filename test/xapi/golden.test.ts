import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PROFILES } from '../../src/xapi/profiles/index.js';
import { validateStatement } from '../../src/xapi/validate/index.js';
import {
  canonicalGolden,
  GOLDEN_DIR,
  GOLDEN_PROFILES,
  goldenCases,
  goldenPath,
  goldenTransformer,
} from './golden-cases.js';

const cases = goldenCases();

describe.each(GOLDEN_PROFILES)('golden %s statements', (profile) => {
  const transform = goldenTransformer(profile);
  const results = cases.map(({ eventType, event }) => ({ eventType, result: transform(event) }));
  const mapped = results.flatMap(({ eventType, result }) => (result.ok ? [{ eventType, result }] : []));

  it.each(mapped.map((m) => [m.eventType, m.result] as const))(
    'maps %s exactly as its golden file says',
    (eventType, result) => {
      const file = goldenPath(profile, eventType);
      expect(existsSync(file), `missing ${file}; run scripts/xapi-golden.ts generate`).toBe(true);
      expect(JSON.stringify(result.statements)).toBe(canonicalGolden(readFileSync(file, 'utf8')));
    },
  );

  it('produces only statements that pass validateStatement for the profile version', () => {
    const version = PROFILES[profile].version;
    for (const { eventType, result } of mapped) {
      for (const statement of result.statements) {
        expect(validateStatement(statement, { version }), eventType).toEqual([]);
      }
    }
  });

  it('fails only with xapi.not_mapped, and keeps no golden file for unmapped events', () => {
    for (const { eventType, result } of results) {
      if (result.ok) continue;
      expect(result.code, eventType).toBe('xapi.not_mapped');
      expect(existsSync(goldenPath(profile, eventType)), eventType).toBe(false);
    }
  });

  it('has no golden file left over from an event that is gone', () => {
    const expected = new Set(mapped.map((m) => `${m.eventType}.json`));
    const files = readdirSync(`${GOLDEN_DIR}${profile}`);
    expect(files.filter((f) => !expected.has(f))).toEqual([]);
  });
});
