import type { EntryFields } from '../bus/backend.js';
import { EventProducer, type ProducerOptions, type PublishReceipt } from '../bus/producer.js';
import { RateWindow } from '../server/rate-window.js';

/**
 * An EventProducer that counts what it published, by event type, in total and per second. It
 * counts at `publishEntries`, which every way of publishing ends in, reading the type from the
 * entry's `type` header as a consumer would.
 */
export class CountingProducer extends EventProducer {
  readonly producedByType = new Map<string, number>();
  readonly rates = new RateWindow(60);

  constructor(options: ProducerOptions) {
    super(options);
  }

  override async publishEntries(stream: string, entries: readonly EntryFields[]): Promise<PublishReceipt[]> {
    const receipts = await super.publishEntries(stream, entries);
    const now = Date.now();
    for (const fields of entries) {
      const type = typeOf(fields);
      this.producedByType.set(type, (this.producedByType.get(type) ?? 0) + 1);
      this.rates.record(type, 1, now);
    }
    return receipts;
  }
}

function typeOf(fields: EntryFields): string {
  const found = fields.find(([name]) => name === 'type')?.[1];
  if (found === undefined) return 'unknown';
  return Buffer.isBuffer(found) ? found.toString('utf8') : found;
}
