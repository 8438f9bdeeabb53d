import { readInputLines } from '../cli/io.js';
import type { OpenEdxEvent } from '../codecs/codec.js';
import { parseCloudEventJson } from '../codecs/json/cloudevent-json.js';
import type { Logger } from '../logging.js';
import type { StreamStateStore } from './state-store.js';

export interface FileSourceOptions {
  /** The subscription reading the file: each subscription keeps its own checkpoint. */
  subscription: string;
  path: string;
  handle: (event: OpenEdxEvent) => Promise<void>;
  state: StreamStateStore;
  log: Logger;
  /** Events handled at once. */
  inFlight: number;
  /** When aborted, no further line is read; what is in flight finishes and is checkpointed. */
  signal?: AbortSignal;
  /** The longest the saved checkpoint trails the handled lines (default 200 ms). */
  checkpointEveryMs?: number;
}

/**
 * Reads an NDJSON file of CloudEvents through `handle`, with up to `inFlight` events at once. The
 * checkpoint (the last line whose event and every event before it were handled) is saved, so a
 * restart resumes after it. Invalid lines, and events the handler fails on (a transformation
 * error: reading them again would fail again), are logged with their line number and skipped.
 */
export async function runFileSource(options: FileSourceOptions): Promise<void> {
  const { subscription, path, handle, state, log, inFlight, signal } = options;
  const checkpointEveryMs = options.checkpointEveryMs ?? 200;
  const start = state.fileCheckpoint(subscription, path);
  const done = new Set<number>();
  let checkpoint = start;
  let saved = start;
  let savedAt = Date.now();
  let running = 0;
  let wake: (() => void) | undefined;
  // Saving is a SQLite commit: one per line would cap the source at the disk's sync rate.
  const save = (force: boolean) => {
    if (checkpoint === saved || (!force && Date.now() - savedAt < checkpointEveryMs)) return;
    state.saveFileCheckpoint(subscription, path, checkpoint);
    saved = checkpoint;
    savedAt = Date.now();
  };
  const advance = () => {
    while (done.has(checkpoint + 1)) done.delete(++checkpoint);
    save(false);
  };
  let lastLine = start;
  try {
    for await (const { lineNumber, text } of readInputLines(path)) {
      if (signal?.aborted) break;
      // Blank lines are skipped by the reader: count them as done so the checkpoint can pass them.
      for (let blank = Math.max(lastLine, start) + 1; blank < lineNumber; blank++) done.add(blank);
      lastLine = lineNumber;
      if (lineNumber <= start) continue;
      const parsed = parseCloudEventJson(text);
      if (!parsed.ok) {
        log.warn({ path, line: lineNumber, issues: parsed.issues }, 'invalid event line skipped');
        done.add(lineNumber);
        advance();
        continue;
      }
      while (running >= inFlight) await new Promise<void>((resolve) => (wake = resolve));
      running++;
      void handle(parsed.event)
        .catch((error: unknown) =>
          log.error({ err: error, path, line: lineNumber }, 'event could not be handled; skipped'),
        )
        .finally(() => {
          done.add(lineNumber);
          running--;
          advance();
          wake?.();
        });
    }
  } finally {
    while (running > 0) await new Promise<void>((resolve) => (wake = resolve));
    advance();
    save(true);
  }
}
