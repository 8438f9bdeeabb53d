// The child processes of the xAPI benchmark, each where it would run in production: a webhook
// receiver that counts statements, and a data stream (whose peak RSS is then its own).
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createConsumer } from '../src/bus/consumer.js';
import { createBackend } from '../src/bus/create-backend.js';
import { silentLogger } from '../src/logging.js';
import { parseStreamConfig } from '../src/streams/config.js';
import {
  createStream,
  type DataStream,
  DEFAULT_IN_FLIGHT,
  streamConsumerSettings,
} from '../src/streams/pipeline.js';

type Mode = 'receive' | 'stream';

/** A child process of this file, spoken to over IPC. */
export interface Child {
  send(message: object): void;
  /** The next message that has `key`. */
  next<T>(key: string): Promise<T>;
  stop(): Promise<void>;
}

export function startChild(mode: Mode): Child {
  // EDSTREAM_BENCH_PROFILE_DIR=dir writes a CPU profile of the stream process there (diagnostics).
  const profileDir = process.env.EDSTREAM_BENCH_PROFILE_DIR;
  const profile = profileDir && mode === 'stream' ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const child = spawn(
    process.execPath,
    [...profile, '--import', 'tsx', fileURLToPath(import.meta.url), mode],
    {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  return {
    send: (message) => child.send(message),
    next: <T>(key: string) =>
      new Promise<T>((resolve, reject) => {
        const onExit = (code: number | null) => reject(new Error(`the ${mode} process exited with ${code}`));
        const onMessage = (message: Record<string, unknown>) => {
          if (!(key in message)) return;
          child.off('message', onMessage);
          child.off('exit', onExit);
          resolve(message as T);
        };
        child.on('message', onMessage);
        child.once('exit', onExit);
      }),
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.disconnect();
      await exited;
    },
  };
}

/**
 * Counts the statements of each request by their `"timestamp":` (one per statement) and says `done`
 * once it has the number it was told to `expect`. A signature must be there; it is not verified.
 */
function receive(): void {
  const marker = Buffer.from('"timestamp":');
  const overlap = marker.length - 1;
  let expected = Number.POSITIVE_INFINITY;
  let count = 0;
  const countIn = (bytes: Buffer) => {
    let found = 0;
    for (let at = bytes.indexOf(marker); at !== -1; at = bytes.indexOf(marker, at + marker.length)) found++;
    return found;
  };
  const server = createServer((request, response) => {
    let ok = Boolean(request.headers['webhook-signature']);
    let first = true;
    let found = 0;
    let tail = Buffer.alloc(0);
    request.on('data', (chunk: Buffer) => {
      if (first) ok &&= chunk[0] === 0x5b; // [
      first = false;
      // A marker cut by a chunk boundary: the tail of the last chunk and the head of this one.
      if (tail.length > 0) found += countIn(Buffer.concat([tail, chunk.subarray(0, overlap)]));
      found += countIn(chunk);
      const end = chunk.length >= overlap ? chunk : Buffer.concat([tail, chunk]);
      tail = Buffer.from(end.subarray(Math.max(0, end.length - overlap)));
    });
    request.on('end', () => {
      if (!ok) {
        response.writeHead(400).end();
        return;
      }
      count += found;
      response.writeHead(200).end();
      if (count >= expected) {
        process.send?.({ done: count });
        expected = Number.POSITIVE_INFINITY;
      }
    });
  });
  server.keepAliveTimeout = 60_000;
  process.on('message', (message: { expect: number }) => {
    count = 0;
    expected = message.expect;
    process.send?.({ ready: true });
  });
  server.listen(0, '127.0.0.1', () => process.send?.({ port: (server.address() as AddressInfo).port }));
}

interface Drain {
  bus: string;
  stream: string;
  group: string;
  count: number;
}

/** Events/s a consumer with a no-op handler reads and acknowledges, with the settings the data stream uses. */
async function drain({ bus, stream, group, count }: Drain): Promise<number> {
  const backend = await createBackend(bus);
  let handled = 0;
  let finished: () => void = () => {};
  const all = new Promise<void>((resolve) => {
    finished = resolve;
  });
  const consumer = createConsumer({
    backend,
    stream,
    group,
    consumer: 'drain',
    from: 'beginning',
    ...streamConsumerSettings(DEFAULT_IN_FLIGHT),
    logger: silentLogger,
    handler: () => {
      if (++handled === count) finished();
    },
  });
  const started = performance.now();
  await consumer.start();
  await all;
  const rate = count / ((performance.now() - started) / 1000);
  await consumer.stop();
  await backend.close();
  return rate;
}

/**
 * Runs the data stream it is sent (`start`) until told to `stop`, then reports its peak RSS; or
 * drains a stream with a no-op consumer (`drain`).
 */
async function stream(): Promise<void> {
  // Loaded now, not on the clock: `createBackend` imports its backend lazily (and tsx compiles it).
  await import('../src/bus/sqlite/sqlite-backend.js');
  let running: Promise<DataStream> | undefined;
  process.on('message', async (message: { start?: unknown; stop?: true; drain?: Drain }) => {
    if (message.drain) {
      process.send?.({ drained: await drain(message.drain) });
    } else if (message.start !== undefined) {
      running = createStream(parseStreamConfig(message.start), { logger: silentLogger });
      await running;
    } else if (message.stop) {
      await (await running)?.stop();
      process.send?.({ stopped: { peakRss: process.resourceUsage().maxRSS * 1024 } });
    }
  });
  process.send?.({ ready: { rss: process.memoryUsage.rss() } });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.on('disconnect', () => process.exit(0));
  if (process.argv[2] === 'receive') receive();
  else if (process.argv[2] === 'stream') void stream();
}
