import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Statement } from '../../src/xapi/statement.js';
import { ACTIVITY_ID, AGENT, createTestLrs, statement, type TestLrs } from './lrs-test-kit.js';

const VOIDED = 'http://adlnet.gov/expapi/verbs/voided';
const BOB = { objectType: 'Agent' as const, mbox: 'mailto:bob@example.com' };
const CAROL = {
  objectType: 'Agent' as const,
  account: { homePage: 'https://lms.example.com', name: 'carol' },
};

interface StatementResult {
  statements: Statement[];
  more: string;
}

describe('Statement resource: GET (Communication 2.1.3, 2.1.4)', () => {
  let lrs: TestLrs;
  beforeEach(async () => {
    lrs = await createTestLrs();
  });
  afterEach(async () => {
    await lrs.close();
  });

  const post = async (...statements: Statement[]) => {
    const response = await lrs.request({ method: 'POST', url: '/xapi/statements', body: statements });
    expect(response.statusCode).toBe(200);
  };
  const query = async (params: Record<string, string>) => {
    const response = await lrs.request({
      method: 'GET',
      url: `/xapi/statements?${new URLSearchParams(params)}`,
    });
    expect(response.statusCode).toBe(200);
    return response.json() as StatementResult;
  };
  const ids = async (params: Record<string, string>) => (await query(params)).statements.map((s) => s.id);
  const status = async (url: string) => (await lrs.request({ method: 'GET', url })).statusCode;

  it('returns one statement by statementId with Last-Modified equal to its stored time', async () => {
    const s = statement();
    await post(s);
    const response = await lrs.request({ method: 'GET', url: `/xapi/statements?statementId=${s.id}` });
    const stored = (response.json() as Statement).stored!;
    expect(response.statusCode).toBe(200);
    expect(Date.parse(response.headers['last-modified'] as string)).toBe(
      Math.floor(Date.parse(stored) / 1000) * 1000,
    );
  });

  it('returns 404 for a statementId the LRS does not have', async () => {
    expect(await status(`/xapi/statements?statementId=${randomUUID()}`)).toBe(404);
  });

  it('rejects statementId together with voidedStatementId with 400', async () => {
    expect(
      await status(`/xapi/statements?statementId=${randomUUID()}&voidedStatementId=${randomUUID()}`),
    ).toBe(400);
  });

  it('rejects statementId with any parameter other than attachments and format with 400', async () => {
    const s = statement();
    await post(s);
    expect(await status(`/xapi/statements?statementId=${s.id}&format=ids&attachments=false`)).toBe(200);
    expect(await status(`/xapi/statements?statementId=${s.id}&limit=1`)).toBe(400);
  });

  it('rejects unknown parameters and parameters that differ only by case with 400', async () => {
    expect(await status('/xapi/statements?colour=blue')).toBe(400);
    expect(await status(`/xapi/statements?StatementId=${randomUUID()}`)).toBe(400);
  });

  it('rejects malformed filter values with 400', async () => {
    expect(await status('/xapi/statements?agent=not-json')).toBe(400);
    expect(await status(`/xapi/statements?agent=${encodeURIComponent('{"mbox":"bob@example.com"}')}`)).toBe(
      400,
    );
    expect(await status('/xapi/statements?verb=no-scheme')).toBe(400);
    expect(await status('/xapi/statements?registration=123')).toBe(400);
    expect(await status('/xapi/statements?since=yesterday')).toBe(400);
    expect(await status('/xapi/statements?limit=-1')).toBe(400);
    expect(await status('/xapi/statements?ascending=yes')).toBe(400);
    expect(await status('/xapi/statements?format=full')).toBe(400);
  });

  it('returns 200 with no statements and an empty more when nothing matches', async () => {
    expect(await query({ verb: 'http://example.com/verbs/never' })).toEqual({ statements: [], more: '' });
  });

  it('hides a voided statement from queries and statementId, and returns it by voidedStatementId', async () => {
    const target = statement();
    await post(target);
    await post(statement({ verb: { id: VOIDED }, object: { objectType: 'StatementRef', id: target.id! } }));
    expect(await status(`/xapi/statements?statementId=${target.id}`)).toBe(404);
    expect(await ids({})).not.toContain(target.id);
    const voided = await lrs.request({
      method: 'GET',
      url: `/xapi/statements?voidedStatementId=${target.id}`,
    });
    expect(voided.statusCode).toBe(200);
    expect((voided.json() as Statement).id).toBe(target.id);
  });

  it('returns 404 for voidedStatementId of a statement that is not voided', async () => {
    const s = statement();
    await post(s);
    expect(await status(`/xapi/statements?voidedStatementId=${s.id}`)).toBe(404);
  });

  it('accepts a voiding statement whose target the LRS does not have', async () => {
    const voiding = statement({
      verb: { id: VOIDED },
      object: { objectType: 'StatementRef', id: randomUUID() },
    });
    await post(voiding);
    expect(await status(`/xapi/statements?statementId=${voiding.id}`)).toBe(200);
  });

  it('rejects a voiding statement that targets a voiding statement with 400', async () => {
    const voiding = statement({
      verb: { id: VOIDED },
      object: { objectType: 'StatementRef', id: randomUUID() },
    });
    await post(voiding);
    const again = statement({
      verb: { id: VOIDED },
      object: { objectType: 'StatementRef', id: voiding.id! },
    });
    const response = await lrs.request({ method: 'POST', url: '/xapi/statements', body: again });
    expect(response.statusCode).toBe(400);
    expect(await status(`/xapi/statements?statementId=${voiding.id}`)).toBe(200);
  });

  it('returns statements that target a voided statement, including the voiding statement', async () => {
    const target = statement({ actor: CAROL });
    const reference = statement({ actor: BOB, object: { objectType: 'StatementRef', id: target.id! } });
    const voiding = statement({
      actor: BOB,
      verb: { id: VOIDED },
      object: { objectType: 'StatementRef', id: target.id! },
    });
    await post(target, reference);
    await post(voiding);
    expect(await ids({ agent: JSON.stringify(CAROL) })).toEqual([voiding.id, reference.id]);
  });

  it('matches statements that target a matching statement through StatementRefs, except on time', async () => {
    const target = statement({ actor: CAROL, verb: { id: 'http://adlnet.gov/expapi/verbs/passed' } });
    await post(target);
    const before = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const confirm = statement({ actor: BOB, object: { objectType: 'StatementRef', id: target.id! } });
    await post(confirm);
    expect(await ids({ verb: 'http://adlnet.gov/expapi/verbs/passed' })).toEqual([confirm.id, target.id]);
    expect(await ids({ verb: 'http://adlnet.gov/expapi/verbs/passed', since: before })).toEqual([confirm.id]);
  });

  it('filters by agent as actor or object, and matches groups by member', async () => {
    const asActor = statement({ actor: BOB });
    const asObject = statement({ object: { ...BOB } });
    const inGroup = statement({ actor: { objectType: 'Group', name: 'pair', member: [AGENT, BOB] } });
    await post(asActor, asObject, inGroup, statement());
    expect(await ids({ agent: JSON.stringify(BOB) })).toEqual([inGroup.id, asObject.id, asActor.id]);
  });

  it('filters with related_agents across authority, instructor, team, context agents and sub-statements', async () => {
    const byInstructor = statement({ context: { instructor: CAROL } });
    const byTeam = statement({ context: { team: { objectType: 'Group', member: [CAROL] } } });
    const bySub = statement({
      object: {
        objectType: 'SubStatement',
        actor: CAROL,
        verb: { id: 'http://adlnet.gov/expapi/verbs/asked' },
        object: { id: ACTIVITY_ID },
      },
    });
    await post(byInstructor, byTeam, bySub);
    expect(await ids({ agent: JSON.stringify(CAROL) })).toEqual([]);
    expect(await ids({ agent: JSON.stringify(CAROL), related_agents: 'true' })).toEqual([
      bySub.id,
      byTeam.id,
      byInstructor.id,
    ]);
    const authority = (
      await lrs.request({ method: 'GET', url: `/xapi/statements?statementId=${bySub.id}` })
    ).json().authority;
    expect(await ids({ agent: JSON.stringify(authority), related_agents: 'true' })).toHaveLength(3);
  });

  it('filters by verb', async () => {
    const passed = statement({ verb: { id: 'http://adlnet.gov/expapi/verbs/passed' } });
    await post(statement(), passed);
    expect(await ids({ verb: 'http://adlnet.gov/expapi/verbs/passed' })).toEqual([passed.id]);
  });

  it('filters by activity, and with related_activities across context activities and sub-statements', async () => {
    const direct = statement();
    const inContext = statement({
      object: { id: `${ACTIVITY_ID}/unit/1` },
      context: { contextActivities: { parent: [{ id: ACTIVITY_ID }] } },
    });
    await post(direct, inContext);
    expect(await ids({ activity: ACTIVITY_ID })).toEqual([direct.id]);
    expect(await ids({ activity: ACTIVITY_ID, related_activities: 'true' })).toEqual([
      inContext.id,
      direct.id,
    ]);
  });

  it('filters by registration', async () => {
    const registration = randomUUID();
    const registered = statement({ context: { registration } });
    await post(registered, statement());
    expect(await ids({ registration })).toEqual([registered.id]);
  });

  it('filters since (exclusive) and until (inclusive) on stored', async () => {
    const first = statement();
    await post(first);
    const firstStored = (await query({})).statements[0]!.stored!;
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = statement();
    await post(second);
    expect(await ids({ since: firstStored })).toEqual([second.id]);
    expect(await ids({ until: firstStored })).toEqual([first.id]);
  });

  it('returns statements newest first, or oldest first with ascending=true', async () => {
    const batch = [statement(), statement(), statement()];
    await post(...batch);
    expect(await ids({})).toEqual(batch.map((s) => s.id).reverse());
    expect(await ids({ ascending: 'true' })).toEqual(batch.map((s) => s.id));
  });

  it('pages with limit and a relative more link that keeps the filters', async () => {
    const batch = Array.from({ length: 5 }, () => statement());
    await post(statement({ verb: { id: 'http://adlnet.gov/expapi/verbs/other' } }), ...batch);
    const seen: string[] = [];
    let page = await query({ verb: batch[0]!.verb.id, limit: '2' });
    for (;;) {
      seen.push(...page.statements.map((s) => s.id!));
      if (page.more === '') break;
      expect(page.more).toMatch(/^\/xapi\/statements\?more=/);
      const response = await lrs.request({ method: 'GET', url: page.more });
      expect(response.statusCode).toBe(200);
      page = response.json() as StatementResult;
    }
    expect(seen).toEqual(batch.map((s) => s.id).reverse());
  });

  it('treats limit=0 as the server maximum', async () => {
    const small = await createTestLrs({ pageLimit: 2 });
    try {
      await small.request({
        method: 'POST',
        url: '/xapi/statements',
        body: [statement(), statement(), statement()],
      });
      const response = await small.request({ method: 'GET', url: '/xapi/statements?limit=0' });
      expect((response.json() as StatementResult).statements).toHaveLength(2);
      expect((response.json() as StatementResult).more).not.toBe('');
    } finally {
      await small.close();
    }
  });

  it('returns format=ids with only the identifying properties of agents, activities and verbs', async () => {
    const s = statement({
      context: { contextActivities: { parent: [{ id: ACTIVITY_ID, definition: { name: { en: 'x' } } }] } },
    });
    await post(s);
    const [got] = (await query({ format: 'ids' })).statements;
    expect(got!.actor).toEqual({ objectType: 'Agent', mbox: AGENT.mbox });
    expect(got!.verb).toEqual({ id: s.verb.id });
    expect(got!.object).toEqual({ objectType: 'Activity', id: ACTIVITY_ID });
    expect(got!.context!.contextActivities!.parent).toEqual([{ id: ACTIVITY_ID }]);
  });

  it('returns format=canonical with one language per map, chosen by Accept-Language', async () => {
    await post(statement());
    const response = await lrs.request({
      method: 'GET',
      url: '/xapi/statements?format=canonical',
      headers: { 'accept-language': 'de;q=0.9, fr' },
    });
    const [got] = (response.json() as StatementResult).statements;
    expect(got!.verb.display).toEqual({ fr: 'a vécu' });
    expect((got!.object as { definition: { name: unknown } }).definition.name).toEqual({
      fr: 'Cours de démonstration',
    });
  });

  it('answers HEAD like GET, without a body', async () => {
    const s = statement();
    await post(s);
    const head = await lrs.request({ method: 'HEAD', url: `/xapi/statements?statementId=${s.id}` });
    expect(head.statusCode).toBe(200);
    expect(head.body).toBe('');
    expect(head.headers['last-modified']).toBeDefined();
    expect(head.headers['x-experience-api-consistent-through']).toBeDefined();
  });

  it('sets X-Experience-API-Consistent-Through on every statements response, errors included', async () => {
    for (const url of [
      '/xapi/statements',
      '/xapi/statements?bogus=1',
      `/xapi/statements?statementId=${randomUUID()}`,
    ]) {
      const response = await lrs.request({ method: 'GET', url });
      const header = response.headers['x-experience-api-consistent-through'] as string;
      expect(Date.parse(header)).toBeLessThanOrEqual(Date.now());
      expect(Date.now() - Date.parse(header)).toBeLessThan(60_000);
    }
  });
});
