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

/** Writes one line to stdout, waiting when the pipe is full so that memory stays bounded. */
export async function writeLine(text: string): Promise<void> {
  if (!process.stdout.write(`${text}\n`)) {
    await new Promise<void>((resolve) => process.stdout.once('drain', resolve));
  }
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
