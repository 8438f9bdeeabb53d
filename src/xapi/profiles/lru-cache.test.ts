import { describe, expect, it } from 'vitest';
import { LruCache } from './lru-cache.js';

describe('LruCache', () => {
  it('keeps recently used entries and forgets the others', () => {
    const cache = new LruCache<string, number>(4);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3);
    expect(cache.get('a')).toBe(1);
    cache.set('d', 4);
    cache.set('e', 5);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('e')).toBe(5);
  });

  it('never holds more than its size', () => {
    const cache = new LruCache<number, number>(10);
    for (let i = 0; i < 1000; i++) cache.set(i, i);
    expect(cache.size).toBeLessThanOrEqual(10);
    expect(cache.get(999)).toBe(999);
  });

  it('computes a missing value once', () => {
    const cache = new LruCache<string, string>(10);
    let calls = 0;
    const compute = () => {
      calls++;
      return 'v';
    };
    expect(cache.getOrCompute('k', compute)).toBe('v');
    expect(cache.getOrCompute('k', compute)).toBe('v');
    expect(calls).toBe(1);
  });

  it('rejects a size below two', () => {
    expect(() => new LruCache(1)).toThrow(RangeError);
  });
});
