/**
 * Wakes reads blocked on a stream of a database file when this process appends to it, whichever
 * backend instance appended. Appends from other processes are found by polling instead.
 */
const waiting = new Map<string, Set<() => void>>();

function keyOf(file: string, stream: string): string {
  return `${file}\u0000${stream}`;
}

export function signalAppend(file: string, stream: string): void {
  const wakes = waiting.get(keyOf(file, stream));
  if (wakes) for (const wake of [...wakes]) wake();
}

/**
 * Resolves after `ms`, or sooner when this process appends to the stream or the caller wakes it
 * through `sleepers` (which it uses to end every wait on close).
 */
export function waitForAppend(
  file: string,
  stream: string,
  ms: number,
  sleepers: Set<() => void>,
): Promise<void> {
  const key = keyOf(file, stream);
  const wakes = waiting.get(key) ?? new Set<() => void>();
  waiting.set(key, wakes);
  return new Promise((resolve) => {
    const wake = (): void => {
      clearTimeout(timer);
      wakes.delete(wake);
      if (wakes.size === 0 && waiting.get(key) === wakes) waiting.delete(key);
      sleepers.delete(wake);
      resolve();
    };
    const timer = setTimeout(wake, ms);
    wakes.add(wake);
    sleepers.add(wake);
  });
}
