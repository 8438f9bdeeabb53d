import { describe, expect, it } from 'vitest';
import { runBackendContract } from '../backend-contract.js';
import { createMemoryBackend } from './memory-backend.js';

runBackendContract('memory', async () => {
  const backend = createMemoryBackend();
  return { backend, cleanup: () => backend.close() };
});

describe('MemoryBusBackend', () => {
  it('keeps its own copy of binary values', async () => {
    const backend = createMemoryBackend();
    const value = Buffer.from([1, 2, 3]);
    const [id] = await backend.append('s', [[['v', value]]]);
    value[0] = 9;
    const [entry] = await backend.range('s', id!, id!);
    expect(entry?.fields[0]?.[1]).toEqual(Buffer.from([1, 2, 3]));
  });

  it('measures idle time with the clock it is given', async () => {
    let now = 1_000;
    const backend = createMemoryBackend({ now: () => now });
    const [id] = await backend.append('s', [[['n', '1']]]);
    expect(id).toBe('1000-0');
    await backend.createGroup('s', 'g', '0');
    await backend.readNew('s', 'g', 'c1', { count: 1, blockMs: 0 });
    now += 5_000;
    expect(await backend.pending('s', 'g', { count: 1 })).toEqual([
      { id: '1000-0', consumer: 'c1', idleMs: 5_000, deliveries: 1 },
    ]);
    expect(await backend.claimIdle('s', 'g', 'c2', { minIdleMs: 5_001, count: 1 })).toEqual([]);
    expect(
      (await backend.claimIdle('s', 'g', 'c2', { minIdleMs: 5_000, count: 1 })).map((e) => e.id),
    ).toEqual(['1000-0']);
  });

  it('gives ids a sequence within one millisecond', async () => {
    const backend = createMemoryBackend({ now: () => 42 });
    expect(await backend.append('s', [[['n', '1']], [['n', '2']]])).toEqual(['42-0', '42-1']);
  });
});
