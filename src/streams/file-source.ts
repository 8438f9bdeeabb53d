import { readInputLines } from '../cli/io.js';
import type { OpenEdxEvent } from '../codecs/codec.js';
import { parseCloudEventJson } from '../codecs/json/cloudevent-json.js';
import type { Logger } from '../logging.js';
import type { StreamStateStore } from './state-store.js';

/**
 * Reads an NDJSON file of CloudEvents through `handle`, with up to `inFlight` events at once. The
 * checkpoint (the last line whose event and every event before it were handled) is saved, so a
 * restart resumes after it. Invalid lines are logged with their line number and skipped.
 */
export async function runFileSource(
  path: string,
  handle: (event: OpenEdxEvent) => Promise<void>,
  state: StreamStateStore,
  log: Logger,
  inFlight: number,
): Promise<void> {
  const start = state.fileCheckpoint(path);
  const done = new Set<number>();
  let checkpoint = start;
  let running = 0;
  let wake: (() => void) | undefined;
  const advance = () => {
    let moved = false;
    while (done.has(checkpoint + 1)) {
      done.delete(++checkpoint);
      moved = true;
    }
    if (moved) state.saveFileCheckpoint(path, checkpoint);
  };
  let lastLine = start;
  for await (const { lineNumber, text } of readInputLines(path)) {
    // Blank lines are skipped by the reader: count them as done so the checkpoint can pass them.
    for (let blank = lastLine + 1; blank < lineNumber; blank++) done.add(blank);
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
      .then(
        () => done.add(lineNumber),
        (error: unknown) =>
          log.error(
            { err: error, path, line: lineNumber },
            'event could not be handled; it will be read again on restart',
          ),
      )
      .finally(() => {
        running--;
        advance();
        wake?.();
      });
  }
  while (running > 0) await new Promise<void>((resolve) => (wake = resolve));
  advance();
}
