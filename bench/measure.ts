/** Runs `work` (which processes `count` items) `rounds` times and returns the median items/s. */
export function medianRate(count: number, work: () => void, rounds = 5): number {
  work(); // Warm-up: let the JIT compile the paths being measured.
  const rates: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const start = process.hrtime.bigint();
    work();
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    rates.push(count / seconds);
  }
  rates.sort((a, b) => a - b);
  return rates[Math.floor(rates.length / 2)]!;
}

export function formatRate(rate: number): string {
  return `${Math.round(rate).toLocaleString('en-US')}/s`;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
