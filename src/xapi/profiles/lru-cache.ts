/**
 * A bounded cache that forgets the least recently used entries, used for hashed ids. It keeps two
 * generations instead of reordering a list on every hit (which made hits cost more than hashing):
 * a hit in the old generation is promoted, and when the young one is full the old one is dropped.
 * So an entry survives as long as it is used once per half capacity of insertions; at most `max`
 * entries are kept.
 */
export class LruCache<K, V> {
  readonly #half: number;
  #young = new Map<K, V>();
  #old = new Map<K, V>();

  constructor(max: number) {
    if (!Number.isInteger(max) || max < 2) throw new RangeError(`cache size ${max}; expected an integer ≥ 2`);
    this.#half = Math.floor(max / 2);
  }

  get size(): number {
    return this.#young.size + this.#old.size;
  }

  get(key: K): V | undefined {
    const young = this.#young.get(key);
    if (young !== undefined) return young;
    const old = this.#old.get(key);
    if (old !== undefined) {
      this.#old.delete(key);
      this.#insert(key, old);
    }
    return old;
  }

  set(key: K, value: V): void {
    if (this.#young.has(key)) this.#young.set(key, value);
    else {
      this.#old.delete(key);
      this.#insert(key, value);
    }
  }

  /** The cached value, or `compute()` stored and returned. */
  getOrCompute(key: K, compute: () => V): V {
    const found = this.get(key);
    if (found !== undefined) return found;
    const value = compute();
    this.#insert(key, value);
    return value;
  }

  #insert(key: K, value: V): void {
    if (this.#young.size >= this.#half) {
      this.#old = this.#young;
      this.#young = new Map();
    }
    this.#young.set(key, value);
  }
}
