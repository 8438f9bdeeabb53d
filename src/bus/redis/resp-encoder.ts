/**
 * Builds RESP2 commands straight into one buffer. A batch of appends is thousands of arguments;
 * encoding them here costs a fraction of what a general client spends on a command object each.
 */
export class RespEncoder {
  #buffer: Buffer;
  #length = 0;

  constructor(expectedBytes = 16 * 1024) {
    this.#buffer = Buffer.allocUnsafe(Math.max(64, expectedBytes));
  }

  /** Starts a command of `argumentCount` arguments (the command name included). */
  command(argumentCount: number): this {
    this.#ascii(`*${argumentCount}\r\n`);
    return this;
  }

  /** One argument as a bulk string: text as UTF-8, bytes as they are. */
  argument(value: string | Buffer): this {
    if (typeof value === 'string') {
      const byteLength = Buffer.byteLength(value, 'utf8');
      this.#ascii(`$${byteLength}\r\n`);
      this.#reserve(byteLength + 2);
      this.#length += this.#buffer.write(value, this.#length, byteLength, 'utf8');
    } else {
      this.#ascii(`$${value.length}\r\n`);
      this.#reserve(value.length + 2);
      this.#buffer.set(value, this.#length);
      this.#length += value.length;
    }
    this.#buffer[this.#length++] = 13;
    this.#buffer[this.#length++] = 10;
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
    return this.#buffer.subarray(0, this.#length);
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
