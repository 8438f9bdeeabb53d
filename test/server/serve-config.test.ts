import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseServeConfig } from '../../src/app/app-config.js';
import { EdstreamError } from '../../src/errors.js';
import { CliProcess } from '../cli-runner.js';
import { tempDir, XAPI } from './server-kit.js';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

const good = {
  bus: { url: 'redis://127.0.0.1:6379', prefix: 'prod' },
  lrs: { store: 'sqlite:./lrs.db' },
  stream: {
    xapi: { ...XAPI },
    subscriptions: [
      {
        name: 'lms',
        source: { topic: 'events', group: 'xapi' },
        profile: 'brightspace',
        sinks: [{ type: 'file', path: './out.ndjson' }],
      },
    ],
  },
};

function issuesOf(value: unknown): { path: string; message: string; code: string }[] {
  try {
    parseServeConfig(value);
  } catch (error) {
    if (error instanceof EdstreamError) return error.issues;
    throw error;
  }
  throw new Error('the configuration was accepted');
}

describe('the serve configuration', () => {
  it('fills bus sources, the prefix, the data directory and the server from the top level', () => {
    const options = parseServeConfig(good);
    expect(options.stream.subscriptions[0]!.source).toEqual({
      bus: 'redis://127.0.0.1:6379',
      prefix: 'prod',
      topic: 'events',
      group: 'xapi',
    });
    expect(options.stream.dataDir).toBe('./.edstream');
    expect(options.server).toEqual({ host: '127.0.0.1', port: 8080 });
    expect(options.lrs).toEqual({ store: 'sqlite:./lrs.db', builtinSink: true });
    expect(options.producer).toBeUndefined();
    expect(options.simulate).toBeUndefined();
  });

  it('routes simulated events to the first subscription’s topic when no producer section is given', () => {
    const options = parseServeConfig({ ...good, simulate: { rate: 10 } });
    expect(options.simulate).toEqual({ learners: 200, courses: 10, rate: 10, seed: 1 });
    expect(options.producer!['org.openedx.learning.course.enrollment.created.v1']).toEqual({
      events: { event_key_field: 'enrollment.course.course_key', enabled: true },
    });
  });

  it('reports every problem at once, each with its path, the stream section’s included', () => {
    const issues = issuesOf({
      bus: { url: 'kafka://broker:9092' },
      lrs: { store: 'mysql://db' },
      producer: { 'org.openedx.nothing.v1': { events: { event_key_field: 'x', enabled: true } } },
      stream: {
        xapi: { tenantId: 't', secret: 'short' },
        subscriptions: [{ name: 'a', source: { topic: 'e', group: 'g' }, profile: 'scorm', sinks: [] }],
      },
      extra: true,
    });
    const paths = issues.map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'bus.url',
        'lrs.store',
        'producer.org.openedx.nothing.v1',
        'stream.xapi.secret',
        'stream.subscriptions.0.profile',
        'stream.subscriptions.0.sinks',
      ]),
    );
    expect(issues.find((i) => i.path === '')?.message).toMatch(/extra/);
  });

  it('reports an environment variable that is not set', () => {
    const issues = issuesOf({ ...good, lrs: { store: '${EDSTREAM_TEST_UNSET_STORE}' } });
    expect(issues.find((i) => i.code === 'config.missing_env')).toMatchObject({ path: 'lrs.store' });
  });
});

describe('edstream serve --config', () => {
  it('prints every configuration issue with its path and exits 2', async () => {
    dir = tempDir('serve-bad');
    const path = join(dir, 'edstream.yaml');
    writeFileSync(
      path,
      [
        'bus:',
        '  url: kafka://broker:9092',
        'lrs:',
        '  store: sqlite:./lrs.db',
        'stream:',
        '  xapi: { tenantId: t, secret: short }',
        '  subscriptions:',
        '    - { name: a, source: { topic: e, group: g }, profile: scorm, sinks: [{ type: file, path: ./x }] }',
        'server: { port: 99999 }',
        '',
      ].join('\n'),
    );
    const cli = new CliProcess(['serve', '--config', path]);
    expect(await cli.exited).toBe(2);
    expect(cli.stderr).toMatch(/is not a valid configuration \(4 problem\(s\)\)/);
    expect(cli.stderr).toMatch(/^ {2}bus\.url: use memory:, sqlite:PATH/m);
    expect(cli.stderr).toMatch(/^ {2}server\.port: /m);
    expect(cli.stderr).toMatch(/^ {2}stream\.xapi\.secret: use at least 16 characters/m);
    expect(cli.stderr).toMatch(/^ {2}stream\.subscriptions\.0\.profile: /m);
    expect(cli.stdout).toBe('');
  }, 60_000);

  it('says so when the file is not YAML, and exits 2', async () => {
    dir = tempDir('serve-syntax');
    const path = join(dir, 'edstream.yaml');
    writeFileSync(path, 'bus: [unclosed\n');
    const cli = new CliProcess(['serve', '--config', path]);
    expect(await cli.exited).toBe(2);
    expect(cli.stderr).toMatch(/not valid YAML/);
  }, 60_000);
});
