// A consumer process for the fault tests: reads a stream in a group from where the group left off
// and appends the id of every event it handled to a file, one per line, before acknowledging it.
// Usage: node --import tsx test/bus/consumer-worker.ts <bus url> <stream> <group> <consumer> <out file>
import { appendFileSync } from 'node:fs';
import { StreamConsumer } from '../../src/bus/consumer.js';
import { createBackend } from '../../src/bus/create-backend.js';
import { silentLogger } from '../../src/logging.js';

const [url, stream, group, consumerName, outFile] = process.argv.slice(2);
if (!url || !stream || !group || !consumerName || !outFile) {
  console.error('usage: consumer-worker.ts <bus url> <stream> <group> <consumer> <out file>');
  process.exit(2);
}

const backend = await createBackend(url);
const consumer = new StreamConsumer({
  backend,
  stream,
  group,
  consumer: consumerName,
  from: 'resume',
  // Kills at random points redeliver entries; none of them is poison, so none may be parked.
  maxAttempts: 1_000,
  claimIdleMs: 1_000,
  retryBaseMs: 5,
  blockMs: 200,
  logger: silentLogger,
  handler: (event) => {
    // Synchronous, so that a SIGKILL either finds the line written or the entry unacknowledged.
    appendFileSync(outFile, `${event.metadata.id}\n`);
  },
});
consumer.on('error', () => {});
await consumer.start();
process.stdout.write('ready\n');

process.once('SIGTERM', () => {
  void consumer
    .stop()
    .then(() => backend.close())
    .then(() => process.exit(0));
});
