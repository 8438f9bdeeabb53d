/**
 * Builds RESP2 commands straight into one buffer. A batch of appends is thousands of arguments;
 * encoding them here costs a fraction of what a general client spends on a command object each.
 * Text is gathered and written in one go on the guess that it is ASCII (its length then is its
 * byte length); when the bytes written say otherwise, that stretch is written again exactly.
 */
export class RespEncoder {
  #buffer: Buffer;
  #length = 0;
  /** Text not written yet, its parts (headers and arguments), and which parts are arguments. */
  #text = '';
  readonly #parts: string[] = [];
  readonly #isArgument: boolean[] = [];

  constructor(expectedBytes = 256) {
    this.#buffer = Buffer.allocUnsafe(Math.max(64, expectedBytes));
  }

  /** Starts a command of `argumentCount` arguments (the command name included). */
  command(argumentCount: number): this {
    this.#addText(`*${argumentCount}\r\n`, false);
    return this;
  }

  /** One argument as a bulk string: text as UTF-8, bytes as they are. */
  argument(value: string | Buffer): this {
    if (typeof value === 'string') {
      this.#addText(value, true);
      return this;
    }
    this.#flushText();
    this.#ascii(`$${value.length}\r\n`);
    this.#reserve(value.length + 2);
    this.#buffer.set(value, this.#length);
    this.#length += value.length;
    this.#buffer[this.#length++] = 13;
    this.#buffer[this.#length++] = 10;
    return this;
  }

  /**
   * RESP text already encoded by the caller (headers and bulk strings), which must be ASCII:
   * parts that repeat in every command of a batch are built once and added whole.
   */
  encoded(ascii: string): this {
    this.#addText(ascii, false);
    return this;
  }

  /** A whole command from its arguments. */
  write(args: readonly (string | Buffer)[]): this {
    this.command(args.length);
    for (const arg of args) this.argument(arg);
    return this;
  }

  /** The encoded bytes; the encoder must not be used afterwards. */
  finish(): Buffer {
    this.#flushText();
    return this.#buffer.subarray(0, this.#length);
  }

  #addText(part: string, isArgument: boolean): void {
    this.#text += isArgument ? `$${part.length}\r\n${part}\r\n` : part;
    this.#parts.push(part);
    this.#isArgument.push(isArgument);
    if (this.#text.length > 8192) this.#flushText();
  }

  #flushText(): void {
    const text = this.#text;
    if (text === '') return;
    // UTF-8 takes at most 3 bytes per UTF-16 unit.
    this.#reserve(text.length * 3);
    const written = this.#buffer.write(text, this.#length, 'utf8');
    if (written !== text.length) this.#writeExactly();
    else this.#length += written;
    this.#text = '';
    this.#parts.length = 0;
    this.#isArgument.length = 0;
  }

  /** The gathered parts again, each argument with its byte length: some text was not ASCII. */
  #writeExactly(): void {
    for (let i = 0; i < this.#parts.length; i++) {
      const part = this.#parts[i]!;
      if (!this.#isArgument[i]) {
        this.#ascii(part);
        continue;
      }
      const byteLength = Buffer.byteLength(part, 'utf8');
      this.#ascii(`$${byteLength}\r\n`);
      this.#reserve(byteLength + 2);
      this.#length += this.#buffer.write(part, this.#length, byteLength, 'utf8');
      this.#buffer[this.#length++] = 13;
      this.#buffer[this.#length++] = 10;
    }
  }

  #ascii(text: string): void {
    this.#reserve(text.length);
    this.#length += this.#buffer.write(text, this.#length, 'latin1');
  }

  #reserve(bytes: number): void {
    const needed = this.#length + bytes;
    if (needed <= this.#buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(needed, this.#buffer.length * 2));
    this.#buffer.copy(grown, 0, 0, this.#length);
    this.#buffer = grown;
  }
}
