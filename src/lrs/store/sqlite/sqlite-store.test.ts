import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeStatement, runStoreContract } from '../store-contract.js';
import { createSqliteStatementStore } from './sqlite-statement-store.js';

const run = promisify(execFile);
const STORE_MODULE = pathToFileURL(
  fileURLToPath(new URL('./sqlite-statement-store.ts', import.meta.url)),
).href;

runStoreContract('sqlite', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'edstream-lrs-contract-'));
  const store = createSqliteStatementStore({ path: join(dir, 'lrs.db') });
  return {
    store,
    cleanup: async () => {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});

describe('SqliteStatementStore', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'edstream-lrs-sqlite-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps statements across close and reopen, in WAL mode, migrating once', async () => {
    const path = join(dir, 'nested', 'lrs.db');
    const first = createSqliteStatementStore({ path });
    const s = makeStatement();
    const { stored } = await first.insertStatements([s]);
    await first.close();
    const second = createSqliteStatementStore({ path });
    expect((await second.getStatement(s.id!))?.storedMs).toBe(Date.parse(stored));
    const next = await second.insertStatements([makeStatement()]);
    expect(Date.parse(next.stored)).toBeGreaterThanOrEqual(Date.parse(stored));
    await second.close();
    const db = new Database(path);
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.prepare('SELECT count(*) FROM schema_migrations').pluck().get()).toBe(1);
    } finally {
      db.close();
    }
  });

  it('still finds terms first created by a batch that was rolled back', async () => {
    const store = createSqliteStatementStore({ path: join(dir, 'lrs.db') });
    const existing = makeStatement();
    await store.insertStatements([existing]);
    const novel = makeStatement({ verb: { id: 'http://example.com/verbs/novel' } });
    await expect(
      store.insertStatements([novel, { ...existing, verb: { id: 'http://example.com/verbs/other' } }]),
    ).rejects.toThrow();
    await store.insertStatements([novel]);
    await store.close();
    const reopened = createSqliteStatementStore({ path: join(dir, 'lrs.db') });
    const page = await reopened.queryStatements({ verb: 'http://example.com/verbs/novel', limit: 10 });
    expect(page.statements.map((x) => x.id)).toEqual([novel.id]);
    await reopened.close();
  });

  it('rebuilds index rows a killed process had not written yet, so filtered reads still find its statements', async () => {
    const path = join(dir, 'lrs.db');
    const code = `
      const { createSqliteStatementStore } = await import(${JSON.stringify(STORE_MODULE)});
      const store = createSqliteStatementStore({ path: ${JSON.stringify(path)} });
      await store.insertStatements([{ id: '3f1c2b5e-8a7d-4c6b-9e0f-1a2b3c4d5e6f', actor: { mbox: 'mailto:k@example.com' },
        verb: { id: 'http://example.com/verbs/killed' }, object: { id: 'http://example.com/a' },
        authority: { mbox: 'mailto:auth@example.com' } }]);
      process.exit(0);`;
    await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
      cwd: fileURLToPath(new URL('../../../..', import.meta.url)),
    });
    const store = createSqliteStatementStore({ path });
    try {
      const byVerb = await store.queryStatements({ verb: 'http://example.com/verbs/killed', limit: 10 });
      const byAuthority = await store.queryStatements({
        authority: 'mbox:mailto:auth@example.com',
        limit: 10,
      });
      expect(byVerb.statements.map((s) => s.id)).toEqual(['3f1c2b5e-8a7d-4c6b-9e0f-1a2b3c4d5e6f']);
      expect(byAuthority.statements).toHaveLength(1);
    } finally {
      await store.close();
    }
  });
});
