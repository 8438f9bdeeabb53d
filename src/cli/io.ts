import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { EdstreamError } from '../errors.js';

export interface InputLine {
  readonly lineNumber: number;
  readonly text: string;
}

/** The non-blank lines of a file, or of stdin for `-` or no file, with 1-based line numbers. */
export async function* readInputLines(file: string | undefined): AsyncGenerator<InputLine> {
  const stream = !file || file === '-' ? process.stdin : createReadStream(file, { encoding: 'utf8' });
  const opened = new Promise<void>((resolve, reject) => {
    if (stream === process.stdin) resolve();
    stream.once('open', () => resolve());
    stream.once('error', (error: Error) =>
      reject(
        new EdstreamError('usage.unreadable_input', `cannot read ${file}: ${error.message}`, {
          cause: error,
        }),
      ),
    );
  });
  await opened;
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  let lineNumber = 0;
  for await (const text of lines) {
    lineNumber++;
    if (text.trim() !== '') yield { lineNumber, text };
  }
}

/**
 * Writes one line to stdout and resolves once it is handed to the OS, so that a full pipe holds
 * the writer back and memory stays bounded. When the reader has gone (EPIPE, as with `| head -1`)
 * the line and every later one are dropped without an error, so that the command ends with exit
 * code 0 as Unix tools do; a command that must know whether a line got out (one that acknowledges
 * what it printed) asks `isOutputClosed()` after writing. Other write errors reject (`output.failed`).
 */
export function writeLine(text: string): Promise<void> {
  const stdout = process.stdout;
  watchStdout(stdout);
  if (stdoutClosed) return Promise.resolve();
  return new Promise((resolve, reject) => {
    stdout.write(`${text}\n`, (error) => {
      if (!error || noteStdoutError(error)) resolve();
      else reject(outputFailed(error));
    });
  });
}

/** Whether stdout's reader has gone away: lines written since were dropped. */
export function isOutputClosed(): boolean {
  return stdoutClosed;
}

/** Calls `listener` once stdout's reader has gone away (at once if it already has); returns an unsubscribe. */
export function onOutputClosed(listener: () => void): () => void {
  watchStdout(process.stdout);
  if (stdoutClosed) {
    listener();
    return () => {};
  }
  closedListeners.add(listener);
  return () => closedListeners.delete(listener);
}

let stdoutClosed = false;
const closedListeners = new Set<() => void>();
const watched = new WeakSet<NodeJS.WriteStream>();

function watchStdout(stdout: NodeJS.WriteStream): void {
  if (watched.has(stdout)) return;
  watched.add(stdout);
  // Without a listener, the EPIPE a write gets after the reader left is an uncaught exception.
  // Other errors reach the writer through its write callback, so this one only records them.
  stdout.on('error', (error: Error) => void noteStdoutError(error));
}

/** Records that the reader went away; true for that case (EPIPE, or a write after it). */
function noteStdoutError(error: Error): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  if (code !== 'EPIPE' && code !== 'ERR_STREAM_DESTROYED') return false;
  if (!stdoutClosed) {
    stdoutClosed = true;
    for (const listener of [...closedListeners]) listener();
    closedListeners.clear();
  }
  return true;
}

function outputFailed(error: Error): EdstreamError {
  return new EdstreamError('output.failed', `cannot write to stdout: ${error.message}`, { cause: error });
}

export function writeError(text: string): void {
  process.stderr.write(`${text}\n`);
}

/** A plain text table: columns padded to their widest cell. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
