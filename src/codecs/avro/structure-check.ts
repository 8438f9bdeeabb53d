import { isUtf8 } from 'node:buffer';
import { isAscii } from '../../ascii.js';
import type { EventDefinition } from '../../catalog/event-definition.js';
import type { DataClass, FieldType } from '../../catalog/fields.js';
import { EdstreamError } from '../../errors.js';

/**
 * A bounds-checked walk over an event's bytes before avsc decodes them. avsc trusts block counts
 * and lengths, so a hostile count can make it loop for minutes; this pass allocates nothing, stops
 * at the first problem with its byte offset, and rejects invalid UTF-8 and trailing bytes.
 */
type Skip = (r: Reader) => void;

class Reader {
  pos = 0;
  constructor(readonly buf: Uint8Array) {}

  fail(code: string, reason: string): never {
    throw new EdstreamError(code, `malformed Avro at byte ${this.pos}: ${reason}`, {
      details: { offset: this.pos, length: this.buf.length },
    });
  }

  /** A zigzag varint as a number (exact up to 2^53, which is all lengths and counts need). */
  varint(): number {
    let result = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.buf.length) this.fail('codec.malformed_avro', 'the data ends inside a varint');
      const byte = this.buf[this.pos++]!;
      result += (byte & 0x7f) * scale;
      if ((byte & 0x80) === 0) {
        if (i === 9 && byte > 1) this.fail('codec.malformed_avro', 'a varint overflows 64 bits');
        return result % 2 === 0 ? result / 2 : -(result + 1) / 2;
      }
      scale *= 128;
    }
    return this.fail('codec.malformed_avro', 'a varint is longer than 10 bytes');
  }

  bytes(length: number): void {
    if (length < 0) this.fail('codec.malformed_avro', `a negative length (${length})`);
    if (length > this.buf.length - this.pos) {
      this.fail('codec.malformed_avro', `a length of ${length} runs past the end of the data`);
    }
    this.pos += length;
  }
}

const skipLong: Skip = (r) => {
  r.varint();
};

const skipString: Skip = (r) => {
  const length = r.varint();
  const start = r.pos;
  r.bytes(length);
  if (!isAscii(r.buf, start, r.pos) && !isUtf8(r.buf.subarray(start, r.pos))) {
    r.pos = start;
    r.fail('codec.invalid_utf8', 'a string is not valid UTF-8');
  }
};

const skipBoolean: Skip = (r) => {
  if (r.pos >= r.buf.length) r.fail('codec.malformed_avro', 'the data ends inside a boolean');
  const byte = r.buf[r.pos]!;
  if (byte > 1) r.fail('codec.malformed_avro', `a boolean byte is ${byte}, expected 0 or 1`);
  r.pos++;
};

const skipDouble: Skip = (r) => r.bytes(8);

function blocks(item: Skip): Skip {
  return (r) => {
    for (;;) {
      let count = r.varint();
      if (count === 0) return;
      if (count < 0) {
        count = -count;
        r.varint();
      }
      // Every item of our schemas takes at least one byte: a larger count cannot be honest.
      if (count > r.buf.length - r.pos) r.fail('codec.malformed_avro', `a block claims ${count} items`);
      for (let i = 0; i < count; i++) item(r);
    }
  };
}

const compiled = new WeakMap<DataClass, Skip>();

function skipperFor(type: FieldType): Skip {
  switch (type.kind) {
    case 'long':
      return skipLong;
    case 'double':
      return skipDouble;
    case 'boolean':
      return skipBoolean;
    case 'array':
      return blocks(skipperFor(type.element!));
    case 'map': {
      const value = skipperFor(type.element!);
      return blocks((r) => {
        skipString(r);
        value(r);
      });
    }
    case 'record':
      return recordSkipper(type.dataClass!);
    default:
      return skipString;
  }
}

function recordSkipper(dataClass: DataClass): Skip {
  const cached = compiled.get(dataClass);
  if (cached) return cached;
  let steps: Skip[] = [];
  const skip: Skip = (r) => {
    for (let i = 0; i < steps.length; i++) steps[i]!(r);
  };
  compiled.set(dataClass, skip);
  steps = dataClass.fields.map((field) => {
    const inner = skipperFor(field.type);
    if (field.optionality !== 'nullable') return inner;
    return (r: Reader) => {
      const branch = r.varint();
      if (branch === 1) inner(r);
      else if (branch !== 0)
        r.fail('codec.malformed_avro', `union branch ${branch} of ${field.name}, expected 0 or 1`);
    };
  });
  return skip;
}

/** Throws a coded error when `bytes` is not exactly one well-formed payload of the event. */
export function checkAvroStructure(definition: EventDefinition, bytes: Uint8Array): void {
  const reader = new Reader(bytes);
  recordSkipper(definition.dataClass)(reader);
  if (reader.pos !== bytes.length) {
    reader.fail('codec.trailing_bytes', `${bytes.length - reader.pos} bytes remain after the record`);
  }
}
