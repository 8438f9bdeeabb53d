import avro from 'avsc';
import type { EventDefinition } from '../src/catalog/event-definition.js';
import { getEventDefinition } from '../src/catalog/registry.js';
import { decodeAvroPayload, encodeAvroPayload } from '../src/codecs/avro/payload.js';
import { generateAvroSchema } from '../src/codecs/avro/schema.js';
import { loadAvroFixtures } from '../test/reference.js';
import { MIX } from './event-mix.js';
import { compareRates, formatRate } from './measure.js';

interface Item {
  definition: EventDefinition;
  data: Record<string, unknown>;
  bytes: Buffer;
  bare: avro.Type;
}

export async function runCodecBench(count = 200_000): Promise<void> {
  const fixtures = loadAvroFixtures().filter((f) => f.case === 'typical');
  const templates: Item[] = [];
  for (const [eventType, weight] of MIX) {
    const fixture = fixtures.find((f) => f.event_type === eventType);
    if (!fixture) throw new Error(`no typical fixture for ${eventType}`);
    const definition = getEventDefinition(eventType);
    // The baseline: bare avsc on the published schema, no validation, no defaults, no sorting.
    const schema = JSON.parse(
      JSON.stringify(generateAvroSchema(definition)).replaceAll('redemption-reversed', 'redemption_reversed'),
    );
    const bare = avro.Type.forSchema(schema);
    const bytes = Buffer.from(fixture.avro_hex, 'hex');
    for (let i = 0; i < weight; i++) templates.push({ definition, data: fixture.data_json, bytes, bare });
  }
  const items = Array.from({ length: count }, (_, i) => templates[i % templates.length]!);

  let sink = 0;
  const encode = compareRates(count, {
    bare: () => {
      for (const item of items) sink += item.bare.toBuffer(item.data).length;
    },
    ours: () => {
      for (const item of items) sink += encodeAvroPayload(item.definition, item.data).length;
    },
  });
  const decode = compareRates(count, {
    bare: () => {
      for (const item of items) sink += item.bare.fromBuffer(item.bytes) ? 1 : 0;
    },
    ours: () => {
      for (const item of items) sink += decodeAvroPayload(item.definition, item.bytes) ? 1 : 0;
    },
  });
  const [bareEncode, ourEncode, bareDecode, ourDecode] = [
    encode.bare!,
    encode.ours!,
    decode.bare!,
    decode.ours!,
  ];

  console.log(
    `codec: ${count.toLocaleString('en-US')} events, ${MIX.length} event types (typical payloads), median of 7 interleaved rounds`,
  );
  console.log(`  baseline bare avsc encode (no validation)  ${formatRate(bareEncode)}`);
  console.log(
    `  edstream validate+encode                   ${formatRate(ourEncode)}  ratio ${(ourEncode / bareEncode).toFixed(2)} of bare avsc (target >= 0.40, >= 300,000/s)`,
  );
  console.log(`  baseline bare avsc decode (no checks)      ${formatRate(bareDecode)}`);
  console.log(
    `  edstream decode+validate                   ${formatRate(ourDecode)}  ratio ${(ourDecode / bareDecode).toFixed(2)} of bare avsc (target >= 300,000/s)`,
  );
  if (sink === 0) console.log('(nothing encoded)');
}
