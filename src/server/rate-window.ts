/** Events in one second, by event type. */
export interface RatePoint {
  /** The start of the second, epoch milliseconds. */
  readonly t: number;
  readonly byType: Readonly<Record<string, number>>;
}

/**
 * Counts events per second and per type over a sliding window (default the last 60 s), in a ring
 * of per-second buckets: memory stays bounded whatever the rate.
 */
export class RateWindow {
  readonly #seconds: number;
  readonly #buckets: { second: number; byType: Map<string, number> }[];

  constructor(seconds = 60) {
    this.#seconds = seconds;
    this.#buckets = Array.from({ length: seconds }, () => ({ second: -1, byType: new Map() }));
  }

  record(type: string, count = 1, now = Date.now()): void {
    const second = Math.floor(now / 1000);
    const bucket = this.#buckets[second % this.#seconds]!;
    if (bucket.second !== second) {
      bucket.second = second;
      bucket.byType.clear();
    }
    bucket.byType.set(type, (bucket.byType.get(type) ?? 0) + count);
  }

  /** One point per second, oldest first, ending with the last complete second. */
  points(now = Date.now()): RatePoint[] {
    const current = Math.floor(now / 1000);
    const out: RatePoint[] = [];
    for (let second = current - this.#seconds; second < current; second++) {
      const bucket = this.#buckets[second % this.#seconds]!;
      out.push({
        t: second * 1000,
        byType: bucket.second === second ? Object.fromEntries(bucket.byType) : {},
      });
    }
    return out;
  }
}
