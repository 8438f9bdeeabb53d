import { EventProducer, type ProducerOptions, type PublishReceipt } from '../bus/producer.js';
import type { OpenEdxEvent } from '../codecs/codec.js';
import { RateWindow } from '../server/rate-window.js';

/** An EventProducer that counts what it published, by event type, in total and per second. */
export class CountingProducer extends EventProducer {
  readonly producedByType = new Map<string, number>();
  readonly rates = new RateWindow(60);

  constructor(options: ProducerOptions) {
    super(options);
  }

  override async publishBatch(stream: string, events: readonly OpenEdxEvent[]): Promise<PublishReceipt[]> {
    const receipts = await super.publishBatch(stream, events);
    const now = Date.now();
    for (const event of events) {
      const type = event.metadata.event_type;
      this.producedByType.set(type, (this.producedByType.get(type) ?? 0) + 1);
      this.rates.record(type, 1, now);
    }
    return receipts;
  }
}
