/**
 * Text that recurs entry after entry (field names, event types, host names), kept with its bytes:
 * a match is found by comparing bytes, which costs less than decoding a new string, and hands out
 * the same string each time, whose hash later lookups (the event registry) have cached.
 * Holds at most `capacity` texts of at most `maxBytes` bytes; when full, the oldest is replaced.
 */
export class RepeatedText {
  readonly #bytes: Uint8Array[] = [];
  readonly #texts: string[] = [];
  #next = 0;

  constructor(
    readonly capacity = 32,
    readonly maxBytes = 128,
  ) {}

  /** The text whose bytes are `buffer[start, end)`, if it is here. */
  find(buffer: Uint8Array, start: number, end: number): string | undefined {
    const length = end - start;
    const all = this.#bytes;
    outer: for (let i = 0; i < all.length; i++) {
      const bytes = all[i]!;
      if (bytes.length !== length) continue;
      for (let j = 0; j < length; j++) if (bytes[j] !== buffer[start + j]) continue outer;
      return this.#texts[i];
    }
    return undefined;
  }

  /** `buffer[start, end)` as UTF-8 text: the one kept for those bytes, or decoded and kept. */
  decode(buffer: Buffer, start: number, end: number): string {
    const known = this.find(buffer, start, end);
    if (known !== undefined) return known;
    const text = buffer.toString('utf8', start, end);
    this.remember(buffer, start, end, text);
    return text;
  }

  /** Keeps `text`, the decoding of `buffer[start, end)` (its bytes are copied). */
  remember(buffer: Uint8Array, start: number, end: number, text: string): void {
    if (end - start > this.maxBytes) return;
    const bytes = new Uint8Array(buffer.subarray(start, end));
    if (this.#bytes.length < this.capacity) {
      this.#bytes.push(bytes);
      this.#texts.push(text);
      return;
    }
    this.#bytes[this.#next] = bytes;
    this.#texts[this.#next] = text;
    this.#next = (this.#next + 1) % this.capacity;
  }
}

/** The metadata fields whose values recur from entry to entry: a deployment has a few of each. */
const RECURRING_FIELDS = ['type', 'source', 'minorversion', 'sourcehost', 'sourcelib'];

/** The texts a decoder of stream entries sees again and again: field names, recurring values. */
export class EntryTexts {
  readonly names = new RepeatedText();
  readonly #values = new Map(RECURRING_FIELDS.map((name) => [name, new RepeatedText()]));

  /** The table for the values of field `name`, if its values recur. */
  valuesOf(name: string): RepeatedText | undefined {
    return this.#values.get(name);
  }
}
