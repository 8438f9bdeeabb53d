import { afterEach, describe, expect, it } from 'vitest';
import { EdstreamError } from '../errors.js';
import { parseStreamConfig, sinkName, typeMatcher } from './config.js';

const valid = (sinks: unknown[] = [{ type: 'file', path: 'out.ndjson' }]) => ({
  xapi: { tenantId: 't', secret: 'sixteen-characters!' },
  subscriptions: [{ name: 'a', profile: 'brightspace', source: { file: 'in.ndjson' }, sinks }],
});

describe('stream configuration', () => {
  afterEach(() => {
    delete process.env.EDSTREAM_TEST_HOOK_SECRET;
  });

  it('matches event types with * globs, anchored at both ends', () => {
    const wanted = typeMatcher(['org.openedx.learning.course.*', '*.login.completed.v1']);
    expect(wanted('org.openedx.learning.course.enrollment.created.v1')).toBe(true);
    expect(wanted('org.openedx.learning.auth.session.login.completed.v1')).toBe(true);
    expect(wanted('org.openedx.learning.courseXenrollment')).toBe(false);
    expect(wanted('org.openedx.learning.auth.session.login.completed.v10')).toBe(false);
    expect(typeMatcher(undefined)('anything')).toBe(true);
  });

  it('fills ${NAME} from the environment', () => {
    process.env.EDSTREAM_TEST_HOOK_SECRET = 'whsec_c2VjcmV0';
    const config = parseStreamConfig(
      valid([{ type: 'webhook', url: 'http://127.0.0.1:1/h', secret: '${EDSTREAM_TEST_HOOK_SECRET}' }]),
    );
    expect(config.subscriptions[0]!.sinks[0]).toMatchObject({ secret: 'whsec_c2VjcmV0' });
  });

  it('reports every variable that is not set, with its path, next to the schema issues', () => {
    const config = valid([
      { type: 'webhook', url: '${EDSTREAM_TEST_UNSET_A}', secret: '${EDSTREAM_TEST_UNSET_B}' },
    ]);
    (config.xapi as Record<string, unknown>).secret = 'short';
    try {
      parseStreamConfig(config);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(EdstreamError);
      expect((error as EdstreamError).issues.map((i) => [i.code, i.path])).toEqual([
        ['config.missing_env', 'subscriptions.0.sinks.0.url'],
        ['config.missing_env', 'subscriptions.0.sinks.0.secret'],
        ['config.invalid', 'xapi.secret'],
        ['config.invalid', 'subscriptions.0.sinks.0.url'],
      ]);
    }
  });

  it('names an unnamed sink after its type and position', () => {
    expect(sinkName({ type: 'lrs' }, 2)).toBe('lrs-3');
    expect(sinkName({ type: 'lrs', name: 'warehouse' }, 2)).toBe('warehouse');
  });

  it('refuses two subscriptions with the same name', () => {
    const config = valid();
    config.subscriptions.push({ ...config.subscriptions[0]! });
    expect(() => parseStreamConfig(config)).toThrow(/subscriptions\.1\.name: another subscription/);
  });
});
