import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

// Plain JavaScript that runs the same whether the worker is evaluated as CommonJS or as a module
// (it inherits --input-type): it opens its own connection and checkpoints the WAL on a timer until
// told to stop, then checkpoints once more and closes.
const WORKER_SOURCE = `
(async () => {
  const { parentPort, workerData } = await import('node:worker_threads');
  const { default: Database } = await import(workerData.driver);
  const db = new Database(workerData.path);
  db.pragma('busy_timeout = 5000');
  const checkpoint = (mode) => { try { db.pragma('wal_checkpoint(' + mode + ')'); } catch {} };
  const timer = setInterval(() => checkpoint('PASSIVE'), workerData.intervalMs);
  parentPort.once('message', () => {
    clearInterval(timer);
    checkpoint('TRUNCATE');
    db.close();
    parentPort.postMessage('closed');
  });
})();
`;

/**
 * Moves WAL checkpoints off the writing thread. Checkpoints copy pages into the database file and
 * fsync it, which costs more than the inserts themselves on slow disks; a PASSIVE checkpoint runs
 * beside the writer, so ingest rarely stalls on it; the writer keeps a large auto-checkpoint as
 * a bound on the WAL for when this thread falls behind.
 */
export class SqliteCheckpointer {
  private readonly worker: Worker;
  private stopping: Promise<void> | undefined;

  /** `onFailure` runs if the thread dies; the writer should then checkpoint for itself. */
  constructor(path: string, onFailure: (error: unknown) => void, intervalMs = 500) {
    const driver = pathToFileURL(createRequire(import.meta.url).resolve('better-sqlite3')).href;
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path, driver, intervalMs } });
    this.worker.on('error', onFailure);
    this.worker.unref();
  }

  stop(): Promise<void> {
    this.stopping ??= new Promise<void>((resolve) => {
      this.worker.once('message', () => resolve());
      this.worker.once('error', () => resolve());
      this.worker.once('exit', () => resolve());
      this.worker.postMessage('stop');
    }).then(() => this.worker.terminate().then(() => undefined));
    return this.stopping;
  }
}
