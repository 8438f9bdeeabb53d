import { createHash, randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isEdstreamError } from '../../errors.js';
import type { Agent, Statement } from '../../xapi/statement.js';
import { ifiKey } from '../statements/agent-ifi.js';
import { VOIDED_VERB } from '../statements/statement-terms.js';
import type { StatementQuery, StatementStore } from './statement-store.js';
import { runDocumentContract } from './store-contract-documents.js';

/** A store to test and how to dispose of it (close it, remove its file or schema). */
export interface StoreUnderTest {
  store: StatementStore;
  cleanup: () => Promise<void>;
}

export const alice: Agent = { objectType: 'Agent', name: 'Alice', mbox: 'mailto:alice@example.com' };
export const bob: Agent = {
  objectType: 'Agent',
  account: { homePage: 'https://lms.example.com', name: 'bob' },
};
export const carol: Agent = { mbox_sha1sum: 'ebd31e95054c018b10727ccffd2ef2ec3a016ee9' };
export const authority: Agent = {
  objectType: 'Agent',
  account: { homePage: 'https://lrs.example', name: 'k' },
};
const VIEWED = 'http://id.tincanapi.com/verb/viewed';
const PASSED = 'http://adlnet.gov/expapi/verbs/passed';
const COURSE = 'https://lms.example.com/course/demo';

/** A valid statement with a fresh id: Alice viewed the demo course, unless overridden. */
export function makeStatement(overrides: Partial<Statement> = {}): Statement {
  return {
    id: randomUUID(),
    actor: alice,
    verb: { id: VIEWED, display: { en: 'viewed' } },
    object: { objectType: 'Activity', id: COURSE, definition: { name: { en: 'Demo' } } },
    authority,
    ...overrides,
  };
}

/**
 * The one contract every `StatementStore` passes. Each test opens its own store (its own file or
 * schema), so that runs never see each other's statements.
 */
export function runStoreContract(name: string, makeStore: () => Promise<StoreUnderTest>): void {
  describe(`StatementStore contract: ${name}`, () => {
    let store: StatementStore;
    let cleanup: () => Promise<void>;
    beforeEach(async () => {
      ({ store, cleanup } = await makeStore());
    });
    afterEach(async () => {
      await cleanup();
    });

    const ids = async (query: Partial<StatementQuery>): Promise<string[]> =>
      (await store.queryStatements({ limit: 100, ...query })).statements.map((s) => JSON.parse(s.json).id);

    describe('statements', () => {
      it('stores a batch, returning ids in order and stamping stored and a missing timestamp', async () => {
        const timed = makeStatement({ timestamp: '2024-01-02T03:04:05.678Z' });
        const untimed = makeStatement();
        const outcome = await store.insertStatements([timed, untimed]);
        expect(outcome.inserted).toEqual([timed.id, untimed.id]);
        const first = JSON.parse((await store.getStatement(timed.id!))!.json);
        const second = JSON.parse((await store.getStatement(untimed.id!))!.json);
        expect(first.timestamp).toBe('2024-01-02T03:04:05.678Z');
        expect(first.stored).toBe(outcome.stored);
        expect(second.timestamp).toBe(outcome.stored);
        expect((await store.getStatement(timed.id!))!.storedMs).toBe(Date.parse(outcome.stored));
      });

      it('finds a statement by id whatever the case of the id', async () => {
        const s = makeStatement();
        await store.insertStatements([s]);
        expect((await store.getStatement(s.id!.toUpperCase()))?.voided).toBe(false);
        expect(await store.getStatement(randomUUID())).toBeUndefined();
      });

      it('skips an equivalent duplicate and rejects a different one, storing nothing of that batch', async () => {
        const s = makeStatement();
        await store.insertStatements([s]);
        const again = {
          ...s,
          verb: { id: VIEWED, display: { 'en-US': 'saw' } },
          timestamp: '2020-01-01T00:00:00Z',
        };
        expect((await store.insertStatements([again])).duplicates).toEqual([s.id]);
        const innocent = makeStatement();
        const error = await store
          .insertStatements([innocent, { ...s, verb: { id: PASSED } }])
          .catch((e: unknown) => e);
        expect(isEdstreamError(error) ? error.code : error).toBe('lrs.statement_conflict');
        expect(await store.getStatement(innocent.id!)).toBeUndefined();
        expect(JSON.parse((await store.getStatement(s.id!))!.json).verb.id).toBe(VIEWED);
      });

      it('gives later batches stored times that never go backwards', async () => {
        const stored: number[] = [];
        for (let i = 0; i < 5; i++) {
          stored.push(Date.parse((await store.insertStatements([makeStatement()])).stored));
        }
        expect([...stored].sort((a, b) => a - b)).toEqual(stored);
      });

      it('marks the target of a voiding statement voided, whichever arrives first', async () => {
        const target = makeStatement();
        const late = makeStatement();
        const voidTarget = makeStatement({
          verb: { id: VOIDED_VERB },
          object: { objectType: 'StatementRef', id: target.id! },
        });
        const voidLate = makeStatement({
          verb: { id: VOIDED_VERB },
          object: { objectType: 'StatementRef', id: late.id! },
        });
        await store.insertStatements([target, voidTarget, voidLate]);
        await store.insertStatements([late]);
        expect((await store.getStatement(target.id!))?.voided).toBe(true);
        expect((await store.getStatement(late.id!))?.voided).toBe(true);
        expect((await store.getStatement(voidTarget.id!))?.voided).toBe(false);
        expect(await ids({})).toEqual([voidLate.id, voidTarget.id]);
      });

      it('rejects a voiding statement that targets a voiding statement', async () => {
        const voiding = makeStatement({
          verb: { id: VOIDED_VERB },
          object: { objectType: 'StatementRef', id: randomUUID() },
        });
        await store.insertStatements([voiding]);
        const error = await store
          .insertStatements([
            makeStatement({
              verb: { id: VOIDED_VERB },
              object: { objectType: 'StatementRef', id: voiding.id! },
            }),
          ])
          .catch((e: unknown) => e);
        expect(isEdstreamError(error) ? error.code : error).toBe('lrs.invalid_statement');
        expect((await store.getStatement(voiding.id!))?.voided).toBe(false);
      });

      it('stores attachment data once per SHA-2 and returns it', async () => {
        const content = Buffer.from('hello attachment');
        const sha2 = createHash('sha256').update(content).digest('hex');
        await store.insertStatements([makeStatement()], {
          attachments: [{ sha2, contentType: 'text/plain', content }],
        });
        await store.insertStatements([makeStatement()], {
          attachments: [{ sha2, contentType: 'text/plain', content }],
        });
        const found = await store.getAttachments([sha2, 'f'.repeat(64)]);
        expect(found).toHaveLength(1);
        expect(found[0]!.content.equals(content)).toBe(true);
      });

      it('merges activity definitions, unless the credential may not define', async () => {
        await store.insertStatements([makeStatement()]);
        await store.insertStatements([
          makeStatement({
            object: { id: COURSE, definition: { name: { fr: 'Démo' }, type: 'http://x.example/course' } },
          }),
        ]);
        await store.insertStatements(
          [makeStatement({ object: { id: COURSE, definition: { name: { de: 'X' } } } })],
          {
            define: false,
          },
        );
        expect(await store.getActivityDefinition(COURSE)).toEqual({
          name: { en: 'Demo', fr: 'Démo' },
          type: 'http://x.example/course',
        });
        expect((await store.getActivityDefinitions([COURSE, 'http://none.example'])).size).toBe(1);
      });
    });

    describe('queries', () => {
      it('matches an agent as actor or object, and groups by member IFI', async () => {
        const asActor = makeStatement({ actor: { ...alice, mbox: 'mailto:alice@EXAMPLE.com' } });
        const asObject = makeStatement({ actor: bob, object: { objectType: 'Agent', mbox: alice.mbox! } });
        const inGroup = makeStatement({ actor: { objectType: 'Group', member: [bob, alice] } });
        const other = makeStatement({ actor: bob });
        await store.insertStatements([asActor, asObject, inGroup, other]);
        expect(await ids({ agent: ifiKey(alice)! })).toEqual([inGroup.id, asObject.id, asActor.id]);
        expect(await ids({ agent: ifiKey(carol)! })).toEqual([]);
      });

      it('matches related agents: authority, instructor, team, context agents and sub-statement agents', async () => {
        const byInstructor = makeStatement({ actor: bob, context: { instructor: carol } });
        const byTeam = makeStatement({
          actor: bob,
          context: { team: { objectType: 'Group', member: [carol] } },
        });
        const byContextAgent = makeStatement({
          actor: bob,
          context: { contextAgents: [{ objectType: 'contextAgent', agent: carol }] },
        });
        const bySub = makeStatement({
          actor: bob,
          object: { objectType: 'SubStatement', actor: carol, verb: { id: PASSED }, object: { id: COURSE } },
        });
        const byAuthority = makeStatement({ actor: bob, authority: carol });
        await store.insertStatements([byInstructor, byTeam, byContextAgent, bySub, byAuthority]);
        expect(await ids({ agent: ifiKey(carol)! })).toEqual([]);
        expect(await ids({ agent: ifiKey(carol)!, relatedAgents: true })).toEqual(
          [byInstructor, byTeam, byContextAgent, bySub, byAuthority].map((s) => s.id).reverse(),
        );
      });

      it('filters by verb, activity, related activities and registration', async () => {
        const registration = randomUUID();
        const passed = makeStatement({ verb: { id: PASSED }, context: { registration } });
        const parent = makeStatement({
          object: { id: 'https://lms.example.com/xblock/1' },
          context: { contextActivities: { parent: [{ id: COURSE }] } },
        });
        const sub = makeStatement({
          actor: bob,
          object: { objectType: 'SubStatement', actor: bob, verb: { id: PASSED }, object: { id: COURSE } },
        });
        await store.insertStatements([passed, parent, sub]);
        expect(await ids({ verb: PASSED })).toEqual([passed.id]);
        expect(await ids({ activity: COURSE })).toEqual([passed.id]);
        expect(await ids({ activity: COURSE, relatedActivities: true })).toEqual([
          sub.id,
          parent.id,
          passed.id,
        ]);
        expect(await ids({ registration: registration.toUpperCase() })).toEqual([passed.id]);
        expect(await ids({ verb: PASSED, agent: ifiKey(bob)! })).toEqual([]);
        expect(await ids({ verb: VIEWED, agent: ifiKey(bob)! })).toEqual([sub.id]);
      });

      it('applies since (exclusive) and until (inclusive) to stored', async () => {
        const first = await store.insertStatements([makeStatement()]);
        await new Promise((resolve) => setTimeout(resolve, 5));
        const second = await store.insertStatements([makeStatement()]);
        const t1 = Date.parse(first.stored);
        const t2 = Date.parse(second.stored);
        expect(await ids({ since: t1 })).toEqual(second.inserted);
        expect(await ids({ until: t1 })).toEqual(first.inserted);
        expect(await ids({ since: t1 - 1, until: t2 })).toEqual([...second.inserted, ...first.inserted]);
        expect(await ids({ since: t2 })).toEqual([]);
      });

      it('pages newest first with a cursor, or oldest first when ascending', async () => {
        const batch = Array.from({ length: 5 }, () => makeStatement());
        await store.insertStatements(batch);
        const all = batch.map((s) => s.id);
        const first = await store.queryStatements({ limit: 2 });
        expect(first.statements.map((s) => s.id)).toEqual([all[4], all[3]]);
        const second = await store.queryStatements({ limit: 2, after: first.next! });
        const third = await store.queryStatements({ limit: 2, after: second.next! });
        expect([...second.statements, ...third.statements].map((s) => s.id)).toEqual([
          all[2],
          all[1],
          all[0],
        ]);
        expect(third.next).toBeUndefined();
        const up = await store.queryStatements({ limit: 3, ascending: true });
        const rest = await store.queryStatements({ limit: 3, ascending: true, after: up.next! });
        expect([...up.statements, ...rest.statements].map((s) => s.id)).toEqual(all);
      });

      it('looks through StatementRefs for every filter but time, including chains and later targets', async () => {
        const target = makeStatement({ actor: carol, verb: { id: PASSED } });
        const ref = makeStatement({ actor: bob, object: { objectType: 'StatementRef', id: target.id! } });
        const refOfRef = makeStatement({ actor: bob, object: { objectType: 'StatementRef', id: ref.id! } });
        const voiding = makeStatement({
          actor: bob,
          verb: { id: VOIDED_VERB },
          object: { objectType: 'StatementRef', id: target.id! },
        });
        await store.insertStatements([ref, refOfRef]);
        await store.insertStatements([target]);
        await store.insertStatements([voiding]);
        expect(await ids({ agent: ifiKey(carol)! })).toEqual([voiding.id, refOfRef.id, ref.id]);
        expect(await ids({ verb: PASSED, activity: COURSE })).toEqual([voiding.id, refOfRef.id, ref.id]);
      });

      it('limits statements to those an authority asserted', async () => {
        const mine = makeStatement();
        await store.insertStatements([mine, makeStatement({ authority: carol })]);
        expect(await ids({ authority: ifiKey(authority)! })).toEqual([mine.id]);
      });
    });

    runDocumentContract(() => store);
  });
}
