import avro from 'avsc';
import type { EventDefinition } from '../../catalog/event-definition.js';
import type { DataClass, FieldType } from '../../catalog/fields.js';
import { compareCodePoints } from './code-point-order.js';
import { assertSerializable } from './schema.js';

/**
 * The avsc types that read and write an event's bytes. They describe the same binary layout as the
 * published schema, with two changes that do not alter a single byte:
 * - a map is an array of key/value records (an Avro map block and an array block of such records
 *   are encoded identically), so that entries are written in code-point order as Python writes
 *   them, whatever order a JavaScript object keeps its keys in;
 * - the namespace is made a legal Avro name (`redemption-reversed` has a hyphen).
 * Two variants exist: `fast` reads and writes longs as numbers, `exact` as bigints beyond 2^53.
 */
export interface EventAvroTypes {
  readonly fast: avro.Type;
  readonly exact: avro.Type;
}

type Entry = { key: string; value: unknown };

class SortedMapType extends avro.types.LogicalType {
  override _fromValue(entries: Entry[]): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const { key, value } of entries) {
      if (key === '__proto__') {
        Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
      } else {
        out[key] = value;
      }
    }
    return out;
  }

  override _toValue(map: Record<string, unknown>): Entry[] {
    const keys = Object.keys(map).sort(compareCodePoints);
    const entries: Entry[] = new Array(keys.length);
    for (let i = 0; i < keys.length; i++) entries[i] = { key: keys[i]!, value: map[keys[i]!] };
    return entries;
  }
}

/** The part of avsc's internal Tap that a primitive type's reader and writer use. */
interface Tap {
  buf: Buffer;
  pos: number;
}

/**
 * avsc's own long computes the zigzag value `-2n - 1` in floating point, which is odd and beyond
 * 2^53 for every n below -2^52: such numbers were written, and read back, as other numbers (often
 * with the sign lost). This long splits the sign bit off first, so it is exact for every safe
 * integer, and it refuses anything else so that the exact (bigint) type takes over.
 */
class SafeLongType extends avro.types.LongType {
  _read(tap: Tap): number {
    const buf = tap.buf;
    let byte = buf[tap.pos++] ?? 0;
    const negative = (byte & 1) === 1;
    let half = (byte & 0x7f) >>> 1; // floor(zigzag / 2), exact while it is below 2^53
    let scale = 64;
    while (byte & 0x80) {
      byte = buf[tap.pos++] ?? 0;
      half += (byte & 0x7f) * scale;
      scale *= 128;
    }
    if (half > Number.MAX_SAFE_INTEGER - (negative ? 1 : 0)) throw new Error('potential precision loss');
    return negative ? -half - 1 : half;
  }

  _write(tap: Tap, value: unknown): void {
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
      throw new Error(`invalid "long": ${String(value)}`);
    }
    const buf = tap.buf;
    const magnitude = value >= 0 ? value : -value - 1;
    let rest = Math.floor(magnitude / 64);
    let byte = (magnitude % 64) * 2 + (value >= 0 ? 0 : 1);
    while (rest > 0) {
      buf[tap.pos++] = byte | 0x80;
      byte = rest % 128;
      rest = Math.floor(rest / 128);
    }
    buf[tap.pos++] = byte;
  }
}

const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

function exactLongType(): avro.Type {
  return avro.types.LongType.__with({
    fromBuffer(buf: Buffer) {
      const n = buf.readBigInt64LE();
      return n >= MIN_SAFE && n <= MAX_SAFE ? Number(n) : n;
    },
    toBuffer(n: number | bigint) {
      const buf = Buffer.alloc(8);
      buf.writeBigInt64LE(BigInt(n));
      return buf;
    },
    fromJSON(n: number | bigint) {
      return n;
    },
    toJSON(n: number | bigint) {
      return typeof n === 'bigint' ? Number(n) : n;
    },
    isValid(n: unknown) {
      return (typeof n === 'number' && Number.isSafeInteger(n)) || typeof n === 'bigint';
    },
    compare(a: number | bigint, b: number | bigint) {
      return a === b ? 0 : a < b ? -1 : 1;
    },
  });
}

const cache = new WeakMap<EventDefinition, EventAvroTypes>();

export function avscTypesFor(definition: EventDefinition): EventAvroTypes {
  const cached = cache.get(definition);
  if (cached) return cached;
  assertSerializable(definition);
  const schema = internalSchema(definition);
  const logicalTypes = { 'edstream-sorted-map': SortedMapType };
  const types: EventAvroTypes = {
    fast: avro.Type.forSchema(schema as avro.Schema, {
      logicalTypes,
      omitRecordMethods: true,
      registry: { long: new SafeLongType() },
    }),
    exact: avro.Type.forSchema(schema as avro.Schema, {
      logicalTypes,
      omitRecordMethods: true,
      registry: { long: exactLongType() },
    }),
  };
  cache.set(definition, types);
  return types;
}

function internalSchema(definition: EventDefinition): unknown {
  const emitted = new Set<string>();
  let entries = 0;
  const typeSchema = (type: FieldType): unknown => {
    switch (type.kind) {
      case 'long':
        return 'long';
      case 'double':
        return 'double';
      case 'boolean':
        return 'boolean';
      case 'array':
        return { type: 'array', items: typeSchema(type.element!) };
      case 'map':
        entries++;
        return {
          type: 'array',
          logicalType: 'edstream-sorted-map',
          items: {
            type: 'record',
            name: `EdstreamMapEntry${entries}`,
            fields: [
              { name: 'key', type: 'string' },
              { name: 'value', type: typeSchema(type.element!) },
            ],
          },
        };
      case 'record':
        return recordSchema(type.dataClass!);
      default:
        return 'string';
    }
  };
  const recordSchema = (dataClass: DataClass): unknown => {
    if (emitted.has(dataClass.name)) return dataClass.name;
    emitted.add(dataClass.name);
    return {
      type: 'record',
      name: dataClass.name,
      fields: dataClass.fields.map((f) =>
        f.optionality === 'nullable'
          ? { name: f.name, type: ['null', typeSchema(f.type)], default: null }
          : { name: f.name, type: typeSchema(f.type) },
      ),
    };
  };
  return {
    type: 'record',
    name: 'CloudEvent',
    namespace: definition.eventType.replace(/[^A-Za-z0-9_.]/g, '_'),
    fields: [{ name: definition.dataKey, type: recordSchema(definition.dataClass) }],
  };
}
