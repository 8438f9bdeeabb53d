import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_EVENTS, schemaFileName } from '../../src/catalog/registry.js';
import { parseJsonExact, stringifyJsonExact } from '../../src/codecs/json/exact-json.js';
import { createMetadata, toCloudEvent } from '../../src/envelope/index.js';
import { runCli as runEdstream } from '../cli-runner.js';
import { type AvroFixture, loadAvroFixtures } from '../reference.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const GOLDEN_DIR = join(ROOT, 'schemas/avro/');
const ENROLLMENT = 'org.openedx.learning.course.enrollment.created.v1';

const fixtures = loadAvroFixtures();
const runCli = (args: readonly string[], input = '') => runEdstream(args, { input });
const serializableTypes = new Set<string>(ALL_EVENTS.filter((e) => e.serializable).map((e) => e.eventType));

function linesOf(text: string): string[] {
  return text.split('\n').filter((line) => line !== '');
}

let eventCounter = 0;

/** A valid CloudEvents JSON line for a fixture, with a fresh id. */
function cloudEventLine(fixture: AvroFixture): string {
  eventCounter++;
  const metadata = createMetadata(fixture.event_type, {
    id: `2a1b3c4d-5e6f-11ef-8a9b-${String(eventCounter).padStart(12, '0')}`,
    time: '2024-05-14T09:30:12.345678+00:00',
    source: 'openedx/lms/web',
    sourcehost: 'lms-1',
  });
  return stringifyJsonExact(toCloudEvent(metadata, fixture.data_json));
}

function typicalFixture(eventType: string): AvroFixture {
  const found = fixtures.find((f) => f.event_type === eventType && f.case === 'typical');
  if (!found) throw new Error(`no typical fixture for ${eventType}`);
  return found;
}

let workDir = '';

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'edstream-cli-'));
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

describe('edstream (global options)', () => {
  it('prints help and exits 0 for --help', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: edstream');
    expect(result.stdout).toContain('validate');
  });

  it('prints the help of a subcommand and exits 0', async () => {
    const result = await runCli(['codec', 'encode', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('avro_hex');
  });

  it('exits 2 on an unknown option', async () => {
    const result = await runCli(['--bogus']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown option '--bogus'");
  });

  it('exits 2 on an unknown option of a subcommand', async () => {
    expect((await runCli(['events', '--frobnicate'])).code).toBe(2);
  });

  it('exits 2 on an unknown command', async () => {
    expect((await runCli(['frobnicate'])).code).toBe(2);
  });
});

describe('edstream events', () => {
  it('lists the 75 event types', async () => {
    const result = await runCli(['events']);
    expect(result.code).toBe(0);
    for (const e of ALL_EVENTS) expect(result.stdout).toContain(e.eventType);
    expect(result.stdout).toContain('75 event types');
  });

  it('lists the 2 authz event types with --subdomain authz', async () => {
    const result = await runCli(['events', '--subdomain', 'authz']);
    expect(result.code).toBe(0);
    const listed = ALL_EVENTS.filter((e) => result.stdout.includes(e.eventType)).map((e) => e.eventType);
    expect(listed).toEqual([
      'org.openedx.authz.role_assignment.created',
      'org.openedx.authz.role_assignment.deleted',
    ]);
    expect(result.stdout).toContain('2 event types');
  });

  it('writes one parseable JSON line per event with --json', async () => {
    const result = await runCli(['events', '--json']);
    expect(result.code).toBe(0);
    const lines = linesOf(result.stdout).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((l) => l.event_type)).toEqual(ALL_EVENTS.map((e) => e.eventType));
    expect(lines[2]).toMatchObject({
      event_type: ENROLLMENT,
      signal: 'COURSE_ENROLLMENT_CREATED',
      subdomain: 'learning',
      data_key: 'enrollment',
      data_class: 'CourseEnrollmentData',
      event_key_field: 'enrollment.course.course_key',
      serializable: true,
    });
  });

  it('combines --subdomain and --json', async () => {
    const result = await runCli(['events', '--subdomain', 'analytics', '--json']);
    expect(linesOf(result.stdout).map((l) => (JSON.parse(l) as { event_type: string }).event_type)).toEqual([
      'org.openedx.analytics.tracking.event.emitted.v1',
    ]);
  });

  it('exits 2 for an unknown subdomain', async () => {
    const result = await runCli(['events', '--subdomain', 'nope']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('usage.bad_option');
  });

  it('shows the field tree of an event type', async () => {
    const result = await runCli(['events', 'show', ENROLLMENT]);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe(ENROLLMENT);
    expect(lines).toContain('  signal       COURSE_ENROLLMENT_CREATED');
    expect(lines).toContain('enrollment: CourseEnrollmentData');
    expect(lines).toContain('├─ user: UserData  (required)');
    expect(lines).toContain('│  └─ pii: UserPersonalData  (required)');
    expect(lines).toContain('│     ├─ username: str  (required)');
    expect(lines).toContain('│  ├─ start: datetime  (optional, null by default)');
    expect(lines).toContain('└─ created_by: UserData  (optional, null by default)');
  });

  it('shows the definition as JSON with --json', async () => {
    const result = await runCli(['events', 'show', ENROLLMENT, '--json']);
    expect(result.code).toBe(0);
    const shown = JSON.parse(result.stdout) as { data_class: string; fields: { name: string }[] };
    expect(shown.data_class).toBe('CourseEnrollmentData');
    expect(shown.fields.map((f) => f.name)).toEqual([
      'user',
      'course',
      'mode',
      'is_active',
      'creation_date',
      'created_by',
    ]);
  });

  it('shows the definition as JSON when --json comes before show', async () => {
    const result = await runCli(['events', '--json', 'show', ENROLLMENT]);
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as { event_type: string }).event_type).toBe(ENROLLMENT);
  });

  it('exits 2 with a coded message for an unknown event type', async () => {
    const result = await runCli(['events', 'show', 'org.openedx.learning.nope.v1']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('catalog.unknown_event_type');
  });
});

describe('edstream schema', () => {
  for (const eventType of [ENROLLMENT, 'org.openedx.enterprise.subsidy.redemption-reversed.v1']) {
    it(`prints the Avro schema of ${eventType} exactly as the golden file`, async () => {
      const golden = await readFile(join(GOLDEN_DIR, schemaFileName(eventType)), 'utf8');
      const result = await runCli(['schema', eventType]);
      expect(result.code).toBe(0);
      expect(result.stdout).toBe(`${golden}\n`);
    });
  }

  it('prints the JSON Schema with --format json-schema', async () => {
    const result = await runCli(['schema', ENROLLMENT, '--format', 'json-schema']);
    expect(result.code).toBe(0);
    const schema = JSON.parse(result.stdout) as { $defs: Record<string, unknown>; required: string[] };
    expect(Object.keys(schema.$defs)).toContain('learning.CourseEnrollmentData');
    expect(Object.keys(schema.$defs)).toContain('learning.UserData');
    expect(schema.required).toEqual(['enrollment']);
  });

  it('exits 2 for an unknown format, or an unknown event type', async () => {
    expect((await runCli(['schema', ENROLLMENT, '--format', 'protobuf'])).code).toBe(2);
    expect((await runCli(['schema', 'org.openedx.learning.nope.v1'])).code).toBe(2);
  });

  it('refuses to print the schema of an event the library cannot serialize', async () => {
    const result = await runCli(['schema', 'org.openedx.learning.external_grader.score.submitted.v1']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('codec.unserializable_event');
  });

  it('exports the 72 Avro schemas, each equal to its golden file', async () => {
    const out = join(workDir, 'avro');
    const result = await runCli(['schema', 'export', '--format', 'avro', '--out', out]);
    expect(result.code).toBe(0);
    const files = (await readdir(out)).sort();
    expect(files).toHaveLength(72);
    expect(files).toEqual((await readdir(GOLDEN_DIR)).sort());
    for (const file of files) {
      expect(await readFile(join(out, file), 'utf8'), file).toBe(
        await readFile(join(GOLDEN_DIR, file), 'utf8'),
      );
    }
  });

  it('exits 2 for schema export without --out', async () => {
    const result = await runCli(['schema', 'export']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--out');
  });
});

describe('edstream validate', () => {
  const valid = [
    ENROLLMENT,
    'org.openedx.learning.forum.thread.created.v1',
    'org.openedx.authz.role_assignment.created',
  ]
    .map(typicalFixture)
    .map(cloudEventLine);
  const edge = fixtures
    .filter((f) => f.case === 'edge' && f.unsafe_int_paths.length > 0)
    .slice(0, 2)
    .map(cloudEventLine);

  function brokenData(): string {
    const event = JSON.parse(cloudEventLine(typicalFixture(ENROLLMENT))) as {
      data: { enrollment: { mode: unknown } };
    };
    event.data.enrollment.mode = 7;
    return JSON.stringify(event);
  }

  function brokenId(): string {
    return JSON.stringify({ ...(JSON.parse(valid[0]!) as object), id: 'not-a-uuid' });
  }

  it('prints one line per invalid event with its line number, then the summary, and exits 1', async () => {
    const input = [
      valid[0], // 1
      '{not json', // 2
      valid[1], // 3
      '', // 4: blank lines are skipped but counted
      brokenData(), // 5
      edge[0], // 6
      brokenId(), // 7
      valid[2], // 8
      JSON.stringify({ ...(JSON.parse(valid[0]!) as object), type: 'org.openedx.learning.nope.v1' }), // 9
    ].join('\n');
    const result = await runCli(['validate'], `${input}\n`);
    expect(result.code).toBe(1);
    const lines = linesOf(result.stdout);
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/^line 2: .*\(codec\.invalid_json\)/);
    expect(lines[1]).toMatch(/^line 5: data\.enrollment\.mode: .*\(validation\.wrong_type\)/);
    expect(lines[2]).toMatch(/^line 7: id: .*\(validation\.invalid_uuid\)/);
    expect(lines[3]).toMatch(/^line 9: type: .*\(catalog\.unknown_event_type\)/);
    expect(lines[4]).toBe('4 valid, 4 invalid');
  });

  it('exits 0 and reports no invalid line when every event is valid', async () => {
    const result = await runCli(['validate', '-'], `${[...valid, ...edge].join('\n')}\n`);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${valid.length + edge.length} valid, 0 invalid\n`);
  });

  it('reads a file given as an argument', async () => {
    const file = join(workDir, 'events.ndjson');
    await writeFile(file, `${valid[0]}\n${brokenId()}\n`);
    const result = await runCli(['validate', file]);
    expect(result.code).toBe(1);
    expect(linesOf(result.stdout)).toEqual([expect.stringMatching(/^line 2: /), '1 valid, 1 invalid']);
  });

  it('reports invalid events and the summary as JSON lines with --json', async () => {
    const result = await runCli(['validate', '--json'], `${brokenId()}\n${valid[0]}\n`);
    expect(result.code).toBe(1);
    const lines = linesOf(result.stdout).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toEqual([
      { line: 1, issues: [expect.objectContaining({ code: 'validation.invalid_uuid', path: 'id' })] },
      { valid: 1, invalid: 1 },
    ]);
  });

  it('exits 2 when the file cannot be read', async () => {
    const result = await runCli(['validate', join(workDir, 'missing.ndjson')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('usage.unreadable_input');
  });
});

describe('edstream codec', () => {
  const serializableFixtures = fixtures.filter((f) => serializableTypes.has(f.event_type));

  it('encodes every reference event to the Python library bytes', async () => {
    const result = await runCli(
      ['codec', 'encode'],
      `${serializableFixtures.map(cloudEventLine).join('\n')}\n`,
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = linesOf(result.stdout).map((l) => JSON.parse(l) as { type: string; avro_hex: string });
    expect(lines).toHaveLength(serializableFixtures.length);
    lines.forEach((line, i) => {
      const fixture = serializableFixtures[i]!;
      expect(line.type).toBe(fixture.event_type);
      expect(line.avro_hex, `${fixture.event_type} (${fixture.case})`).toBe(fixture.avro_hex);
    });
  });

  it('decodes every reference payload to CloudEvents JSON holding the fixture data', async () => {
    const input = serializableFixtures.map((f) =>
      JSON.stringify({ type: f.event_type, avro_hex: f.avro_hex }),
    );
    const result = await runCli(['codec', 'decode'], `${input.join('\n')}\n`);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const events = linesOf(result.stdout).map((l) => parseJsonExact(l) as { type: string; data: unknown });
    expect(events).toHaveLength(serializableFixtures.length);
    events.forEach((event, i) => {
      const fixture = serializableFixtures[i]!;
      expect(event.type).toBe(fixture.event_type);
      expect(event.data, `${fixture.event_type} (${fixture.case})`).toEqual(fixture.data_json);
    });
  });

  it('keeps the id and time given on a decode line', async () => {
    const fixture = typicalFixture(ENROLLMENT);
    const line = {
      type: ENROLLMENT,
      avro_hex: fixture.avro_hex,
      id: '2a1b3c4d-5e6f-11ef-8a9b-0242ac120002',
      time: '2024-05-14T09:30:12.345678+00:00',
    };
    const result = await runCli(['codec', 'decode'], `${JSON.stringify(line)}\n`);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ id: line.id, time: line.time, type: ENROLLMENT });
  });

  it('reports bad decode lines on stderr with line number and code, writes the good ones, and exits 1', async () => {
    const good = typicalFixture(ENROLLMENT);
    const input = [
      JSON.stringify({ type: ENROLLMENT, avro_hex: good.avro_hex }), // 1
      JSON.stringify({ type: ENROLLMENT, avro_hex: good.avro_hex.slice(0, -2) }), // 2: truncated
      'not json', // 3
      JSON.stringify({ type: 'org.openedx.learning.nope.v1', avro_hex: '00' }), // 4
      JSON.stringify({ type: ENROLLMENT, avro_hex: 'xyz' }), // 5
      JSON.stringify({ type: ENROLLMENT, avro_hex: `${good.avro_hex}00` }), // 6: trailing byte
      JSON.stringify({ type: ENROLLMENT, avro_hex: good.avro_hex, id: 'nope' }), // 7
      JSON.stringify({ type: ENROLLMENT, avro_base64: Buffer.from(good.avro_hex, 'hex').toString('base64') }), // 8
    ];
    const result = await runCli(['codec', 'decode'], `${input.join('\n')}\n`);
    expect(result.code).toBe(1);
    const written = linesOf(result.stdout).map((l) => JSON.parse(l) as { data: unknown });
    expect(written).toHaveLength(2);
    for (const event of written) expect(event.data).toEqual(good.data_json);
    const reports = linesOf(result.stderr).map(
      (l) => JSON.parse(l) as { line: number; issues: { code: string }[] },
    );
    expect(reports.map((r) => [r.line, r.issues[0]?.code])).toEqual([
      [2, 'codec.malformed_avro'],
      [3, 'codec.invalid_json'],
      [4, 'catalog.unknown_event_type'],
      [5, 'validation.missing_field'],
      [6, 'codec.trailing_bytes'],
      [7, 'validation.invalid_uuid'],
    ]);
  });

  it('reports bad encode lines on stderr with line number and code, writes the good ones, and exits 1', async () => {
    const good = typicalFixture(ENROLLMENT);
    const badData = JSON.parse(cloudEventLine(good)) as { data: { enrollment: { user: { id: unknown } } } };
    badData.data.enrollment.user.id = 'twelve';
    const unserializable = JSON.stringify({
      ...(JSON.parse(cloudEventLine(good)) as object),
      type: 'org.openedx.learning.external_grader.score.submitted.v1',
      data: {
        score: {
          points_possible: 1,
          points_earned: 1,
          course_id: 'course-v1:edX+DemoX+Demo_Course',
          score_msg: 'ok',
          submission_id: 1,
          user_id: '1',
          module_id: 'm',
          queue_key: 'k',
          queue_name: 'q',
        },
      },
    });
    const input = [cloudEventLine(good), JSON.stringify(badData), '{', unserializable, cloudEventLine(good)];
    const result = await runCli(['codec', 'encode'], `${input.join('\n')}\n`);
    expect(result.code).toBe(1);
    const written = linesOf(result.stdout).map((l) => JSON.parse(l) as { avro_hex: string });
    expect(written.map((w) => w.avro_hex)).toEqual([good.avro_hex, good.avro_hex]);
    const reports = linesOf(result.stderr).map(
      (l) => JSON.parse(l) as { line: number; issues: { code: string; path: string }[] },
    );
    expect(reports.map((r) => [r.line, r.issues[0]?.code, r.issues[0]?.path])).toEqual([
      [2, 'validation.wrong_type', 'data.enrollment.user.id'],
      [3, 'codec.invalid_json', ''],
      [4, 'codec.unserializable_event', ''],
    ]);
  });
});
