import { isEdstreamError } from '../errors.js';
import type { Logger } from '../logging.js';
import type { BusBackend } from './backend.js';

/**
 * Collects acknowledgements of handled entries and sends them in one call per turn of the event
 * loop. An id is only ever added after its handler succeeded; a failed flush keeps the ids and
 * tries again, so an acknowledgement is late at worst, never lost while the process lives.
 */
export class AckBuffer {
  #ids: string[] = [];
  #flushing: Promise<void> | undefined;
  #scheduled = false;

  constructor(
    private readonly backend: BusBackend,
    private readonly stream: string,
    private readonly group: string,
    private readonly log: Logger,
  ) {}

  add(id: string): void {
    this.#ids.push(id);
    if (!this.#scheduled) {
      this.#scheduled = true;
      setImmediate(() => {
        this.#scheduled = false;
        void this.#flush();
      });
    }
  }

  /** Sends everything buffered, retrying a few times; resolves when done or given up. */
  async flushAll(): Promise<void> {
    for (let attempt = 0; attempt < 20 && (this.#ids.length > 0 || this.#flushing); attempt++) {
      await this.#flushing;
      if (this.#ids.length > 0) await this.#flush();
      if (this.#ids.length > 0) await new Promise((r) => setTimeout(r, Math.min(2000, 50 * 2 ** attempt)));
    }
  }

  async #flush(): Promise<void> {
    if (this.#flushing) await this.#flushing;
    // A flush scheduled by `add` may find its ids already sent by `flushAll`.
    if (this.#ids.length === 0) return;
    const ids = this.#ids;
    this.#ids = [];
    this.#flushing = this.backend
      .ack(this.stream, this.group, ids)
      .then(() => undefined)
      .catch((error: unknown) => {
        if (isEdstreamError(error) && error.code === 'bus.closed') {
          // Retrying a closed backend would never end: the entries stay pending and come back.
          this.log.warn({ err: error, count: ids.length }, 'acknowledgement lost: the backend is closed');
          return;
        }
        this.log.warn({ err: error, count: ids.length }, 'acknowledgement failed; will retry');
        this.#ids = [...ids, ...this.#ids];
        setTimeout(() => void this.#flush(), 200);
      })
      .finally(() => {
        this.#flushing = undefined;
      });
    await this.#flushing;
  }
}
