/**
 * Measures several contenders over the same `count` items, interleaving their rounds so that
 * JIT warm-up, GC and machine noise fall on all of them alike. Returns the median rate of each.
 */
export function compareRates(
  count: number,
  contenders: Record<string, () => void>,
  rounds = 7,
): Record<string, number> {
  const names = Object.keys(contenders);
  const rates: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (const name of names) contenders[name]!(); // Warm-up: let the JIT compile the measured paths.
  for (let round = 0; round < rounds; round++) {
    for (const name of names) {
      const start = process.hrtime.bigint();
      contenders[name]!();
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      rates[name]!.push(count / seconds);
    }
  }
  return Object.fromEntries(names.map((n) => [n, median(rates[n]!)]));
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export function formatRate(rate: number): string {
  return `${Math.round(rate).toLocaleString('en-US')}/s`;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
