import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Statement } from '../../xapi/statement.js';
import { createFileSink } from './file-sink.js';

const statement = (n: number): Statement =>
  ({
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    padding: 'x'.repeat(100),
  }) as unknown as Statement;

describe('file sink', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'edstream-file-sink-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every line when batches arrive at once and rotations fall in the same millisecond', async () => {
    const path = join(dir, 'out.ndjson');
    const sink = createFileSink({ path, maxBytes: 1 });
    await Promise.all(
      Array.from({ length: 40 }, (_, b) => sink.deliver([statement(2 * b), statement(2 * b + 1)])),
    );
    await sink.close();
    const files = readdirSync(dir);
    expect(files.length).toBe(40);
    const ids = files.flatMap((f) =>
      readFileSync(join(dir, f), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => (JSON.parse(l) as Statement).id),
    );
    expect(ids.sort()).toEqual(Array.from({ length: 80 }, (_, n) => statement(n).id).sort());
    for (const f of files)
      expect(readFileSync(join(dir, f), 'utf8').split('\n').filter(Boolean)).toHaveLength(2);
  });
});
