import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

// Everything else tests the TypeScript sources, where the SQLite thread starts from
// `sqlite-worker.ts` through tsx. The published package (`npx edstream demo`) runs the compiled
// JavaScript, which starts `sqlite-worker.js` without tsx: this builds the package privately
// (inside node_modules, so that the build resolves its dependencies) and runs the bus from it.
describe('the SQLite bus of the compiled package', () => {
  const outDir = join(ROOT, 'node_modules', '.cache', `edstream-build-${randomUUID()}`);
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'edstream-compiled-'));
    await run(
      process.execPath,
      [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', outDir],
      {
        cwd: ROOT,
      },
    );
  }, 120_000);
  afterAll(async () => {
    await rm(outDir, { recursive: true, force: true });
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('appends and reads through its worker thread and its calling thread, and lets the process exit', async () => {
    const createBackend = pathToFileURL(join(outDir, 'bus', 'create-backend.js')).href;
    const url = `sqlite:${join(dataDir, 'bus.db')}`;
    const code = `
      const { createBackend } = await import(${JSON.stringify(createBackend)});
      const backend = await createBackend(${JSON.stringify(url)});
      const many = Array.from({ length: 400 }, (_, i) => [['n', String(i)], ['bin', Buffer.from([i % 256])]]);
      const ids = [...await backend.append('s', many), ...await backend.append('s', [[['n', 'one']]])];
      await backend.createGroup('s', 'g', '0');
      const read = [];
      for (let batch; (batch = await backend.readNew('s', 'g', 'c', { count: 500, blockMs: 0 })).length > 0; )
        read.push(...batch);
      const same = read.length === ids.length && read.every((e, i) => e.id === ids[i]);
      console.log(JSON.stringify({ written: ids.length, read: read.length, same, last: read.at(-1).fields }));
      // Left open on purpose: an idle bus must not keep the process alive.`;
    // Node options the worker inherits, among them one a worker may not be given explicitly.
    const options = ['--max-old-space-size=256', '--input-type=module'];
    const { stdout } = await run(process.execPath, [...options, '-e', code], {
      cwd: dataDir,
      timeout: 30_000,
    });
    expect(JSON.parse(stdout)).toEqual({ written: 401, read: 401, same: true, last: [['n', 'one']] });
  });
});
