import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { CredentialRecord, DocumentKey, DocumentScope, StatementStore } from './statement-store.js';

const AGENT = 'mbox:mailto:alice@example.com';
const ACTIVITY = 'https://lms.example.com/course/demo';

/** The document and credential half of the store contract. */
export function runDocumentContract(getStore: () => StatementStore): void {
  const state = (documentId: string, registration?: string): DocumentKey => ({
    kind: 'state',
    activityId: ACTIVITY,
    agent: AGENT,
    ...(registration ? { registration } : {}),
    documentId,
  });
  const put = (key: DocumentKey, text: string, contentType = 'application/json') =>
    getStore().changeDocument(key, () => ({ contentType, content: Buffer.from(text) }));

  describe('documents', () => {
    it('keeps content type and bytes, with a quoted SHA-1 ETag and an update time', async () => {
      const before = Date.now();
      await put(state('s1'), '{"a":1}');
      const doc = await getStore().getDocument(state('s1'));
      expect(doc?.contentType).toBe('application/json');
      expect(doc?.content.toString()).toBe('{"a":1}');
      expect(doc?.etag).toBe(`"${createHash('sha1').update('{"a":1}').digest('hex')}"`);
      expect(doc!.updated).toBeGreaterThanOrEqual(before);
    });

    it('keeps documents of different scopes apart: registration, kind, agent and activity', async () => {
      const registration = '6d2f3c5e-1a2b-4c3d-8e9f-0a1b2c3d4e5f';
      await put(state('x'), 'plain');
      await put(state('x', registration), 'registered');
      await put({ kind: 'activity_profile', activityId: ACTIVITY, documentId: 'x' }, 'activity');
      await put({ kind: 'agent_profile', agent: AGENT, documentId: 'x' }, 'agent');
      const text = async (key: DocumentKey) => (await getStore().getDocument(key))?.content.toString();
      expect(await text(state('x'))).toBe('plain');
      expect(await text(state('x', registration.toUpperCase()))).toBe('registered');
      expect(await text({ kind: 'activity_profile', activityId: ACTIVITY, documentId: 'x' })).toBe(
        'activity',
      );
      expect(await text({ kind: 'agent_profile', agent: AGENT, documentId: 'x' })).toBe('agent');
      expect(
        await text({ kind: 'agent_profile', agent: 'mbox:mailto:bob@example.com', documentId: 'x' }),
      ).toBe(undefined);
    });

    it('lists ids of a scope, only those updated after since when given', async () => {
      await put(state('old'), '1');
      const old = (await getStore().getDocument(state('old')))!.updated;
      await new Promise((resolve) => setTimeout(resolve, 5));
      await put(state('new'), '2');
      const scope: DocumentScope = { kind: 'state', activityId: ACTIVITY, agent: AGENT };
      expect((await getStore().listDocuments(scope)).map((d) => d.documentId)).toEqual(['new', 'old']);
      expect((await getStore().listDocuments(scope, old)).map((d) => d.documentId)).toEqual(['new']);
    });

    it('changes a document atomically: null deletes it, a throw leaves it as it was', async () => {
      await put(state('c'), 'v1');
      await expect(
        getStore().changeDocument(state('c'), () => {
          throw new Error('precondition failed');
        }),
      ).rejects.toThrow('precondition failed');
      expect((await getStore().getDocument(state('c')))?.content.toString()).toBe('v1');
      let seen: string | undefined;
      await getStore().changeDocument(state('c'), (current) => {
        seen = current?.content.toString();
        return null;
      });
      expect(seen).toBe('v1');
      expect(await getStore().getDocument(state('c'))).toBeUndefined();
    });

    it('deletes every document of a scope and nothing else', async () => {
      await put(state('a'), '1');
      await put(state('b'), '2');
      await put({ kind: 'agent_profile', agent: AGENT, documentId: 'a' }, '3');
      expect(await getStore().deleteDocuments({ kind: 'state', activityId: ACTIVITY, agent: AGENT })).toBe(2);
      expect(await getStore().getDocument(state('a'))).toBeUndefined();
      expect(
        await getStore().getDocument({ kind: 'agent_profile', agent: AGENT, documentId: 'a' }),
      ).toBeDefined();
    });
  });

  describe('credentials', () => {
    const credential: CredentialRecord = {
      key: 'k1',
      secretHash: 'ab',
      salt: 'cd',
      scopes: ['statements/write', 'statements/read/mine'],
      agent: { objectType: 'Agent', account: { homePage: 'https://lrs.example', name: 'k1' } },
      revoked: false,
      created: '2024-01-01T00:00:00.000Z',
    };

    it('adds, finds, lists and revokes credentials', async () => {
      await getStore().addCredential(credential);
      await getStore().addCredential({ ...credential, key: 'k0', scopes: ['all'] });
      expect(await getStore().findCredential('k1')).toEqual(credential);
      expect((await getStore().listCredentials()).map((c) => c.key)).toEqual(['k0', 'k1']);
      expect(await getStore().revokeCredential('k1')).toBe(true);
      expect(await getStore().revokeCredential('missing')).toBe(false);
      expect((await getStore().findCredential('k1'))?.revoked).toBe(true);
    });
  });
}
