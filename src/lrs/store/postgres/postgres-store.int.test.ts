import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { makeStatement, runStoreContract } from '../store-contract.js';
import { createPostgresStatementStore } from './postgres-statement-store.js';

const testSchema = () => `lrs_test_${randomBytes(6).toString('hex')}`;

runStoreContract('postgres', async () => {
  const store = await createPostgresStatementStore({ schema: testSchema(), maxConnections: 4 });
  return {
    store,
    cleanup: async () => {
      await store.dropSchema();
      await store.close();
    },
  };
});

describe('PostgresStatementStore', () => {
  it('runs its migrations once, so that a second instance on the same schema sees the same data', async () => {
    const schema = testSchema();
    const first = await createPostgresStatementStore({ schema, maxConnections: 2 });
    const second = await createPostgresStatementStore({ schema, maxConnections: 2 });
    try {
      const s = makeStatement();
      await first.insertStatements([s]);
      expect((await second.getStatement(s.id!))?.id).toBe(s.id);
    } finally {
      await first.dropSchema();
      await first.close();
      await second.close();
    }
  });

  it('serialises concurrent batches so that sequence order is stored order', async () => {
    const store = await createPostgresStatementStore({ schema: testSchema(), maxConnections: 4 });
    try {
      await Promise.all(
        Array.from({ length: 8 }, () => store.insertStatements([makeStatement(), makeStatement()])),
      );
      const page = await store.queryStatements({ limit: 100, ascending: true });
      const stored = page.statements.map((s) => s.storedMs);
      expect(page.statements).toHaveLength(16);
      expect([...stored].sort((a, b) => a - b)).toEqual(stored);
    } finally {
      await store.dropSchema();
      await store.close();
    }
  });

  it('rejects a schema name that is not a plain identifier', async () => {
    await expect(createPostgresStatementStore({ schema: 'x; DROP TABLE y' })).rejects.toThrow(
      'invalid PostgreSQL schema',
    );
  });
});
