import { describe, expect, it } from 'vitest';
import { convertLines } from '../../src/cli/convert-command.js';
import type { InputLine } from '../../src/cli/io.js';
import { stringifyJsonExact } from '../../src/codecs/json/exact-json.js';
import { toCloudEvent } from '../../src/envelope/index.js';
import { createTransformer } from '../../src/xapi/transform.js';
import { runCli } from '../cli-runner.js';
import { GOLDEN_OPTIONS, goldenCases } from './golden-cases.js';

const cases = goldenCases();
const lineOf = (type: string): string => {
  const found = cases.find((c) => c.eventType === type)!;
  return stringifyJsonExact(toCloudEvent(found.event.metadata, found.event.data));
};
const ENROLLMENT = lineOf('org.openedx.learning.course.enrollment.created.v1');
const LOGIN = lineOf('org.openedx.learning.auth.session.login.completed.v1');
const REDEEMED = lineOf('org.openedx.enterprise.subsidy.redeemed.v1');

async function* linesOf(texts: readonly string[]): AsyncGenerator<InputLine> {
  for (const [i, text] of texts.entries()) yield { lineNumber: i + 1, text };
}

async function convert(texts: readonly string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const transform = createTransformer({ ...GOLDEN_OPTIONS, profile: 'adl' });
  const summary = await convertLines(
    linesOf(texts),
    transform,
    async (line) => {
      out.push(line);
    },
    (line) => err.push(line),
  );
  return { summary, out, err };
}

describe('convertLines', () => {
  it('writes one JSON line per statement', async () => {
    const { summary, out, err } = await convert([ENROLLMENT, LOGIN]);
    expect(summary).toEqual({ events: 2, statements: 2, skipped: 0, invalid: 0 });
    expect(out.map((l) => JSON.parse(l).verb.id)).toEqual([
      'http://adlnet.gov/expapi/verbs/registered',
      'https://w3id.org/xapi/adl/verbs/logged-in',
    ]);
    expect(err).toEqual([]);
  });

  it('reports a bad line with its number and code, and goes on', async () => {
    const { summary, out, err } = await convert(['{not json', ENROLLMENT]);
    expect(summary).toMatchObject({ events: 1, statements: 1, invalid: 1 });
    expect(out).toHaveLength(1);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/^line 1: .*\(codec\.invalid_json\)$/);
  });

  it('reports a not-mapped event as skipped, not as invalid', async () => {
    const { summary, err } = await convert([REDEEMED]);
    expect(summary).toMatchObject({ events: 1, statements: 0, skipped: 1, invalid: 0 });
    expect(err[0]).toMatch(
      /^line 1: skipped org\.openedx\.enterprise\.subsidy\.redeemed\.v1: .*\(xapi\.not_mapped\)$/,
    );
  });
});

function runConvert(args: readonly string[], input: string, env: Record<string, string> = {}) {
  return runCli(['convert', ...args], { input, env });
}

const lines = (text: string) => text.split('\n').filter((l) => l !== '');

describe('edstream convert', () => {
  const secretEnv = { EDSTREAM_XAPI_SECRET: GOLDEN_OPTIONS.secret };

  it('turns NDJSON events from stdin into Brightspace statements and exits 0 with skipped events', async () => {
    const input = [ENROLLMENT, REDEEMED, LOGIN].join('\n');
    const result = await runConvert(
      ['--profile', 'brightspace', '--tenant', GOLDEN_OPTIONS.tenantId],
      input,
      secretEnv,
    );
    expect(result.code).toBe(0);
    const statements = lines(result.stdout).map((l) => JSON.parse(l));
    expect(statements.map((s) => s.verb.id)).toEqual([
      'https://api.brightspace.com/xapi/verbs/enrolled',
      'https://api.brightspace.com/xapi/verbs/logged_in',
    ]);
    expect(result.stderr).toContain('line 2: skipped');
    expect(result.stderr).toContain('(xapi.not_mapped)');
  });

  it('exits 1 when a line is bad, still writing the good ones', async () => {
    const input = [ENROLLMENT, '{"type": "nope"}'].join('\n');
    const result = await runConvert(
      ['--profile', 'adl', '--tenant', 't1', '--platform-url', 'https://lms.example.com', '-'],
      input,
      secretEnv,
    );
    expect(result.code).toBe(1);
    expect(lines(result.stdout)).toHaveLength(1);
    expect(result.stderr).toMatch(/line 2: .*\(catalog\.unknown_event_type\)/);
  });

  it('is a usage error without a secret', async () => {
    const result = await runConvert(
      ['--profile', 'adl', '--tenant', 't1', '--platform-url', 'https://x.org'],
      '',
      {
        EDSTREAM_XAPI_SECRET: '',
      },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('usage.missing_option');
  });
});
