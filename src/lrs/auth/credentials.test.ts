import { describe, expect, it } from 'vitest';
import { createCredential, verifySecret } from './credentials.js';
import { allows, readsOnlyOwnStatements } from './scopes.js';

describe('credentials', () => {
  it('stores a salted scrypt hash that verifies the secret and nothing else', async () => {
    const one = await createCredential({ key: 'k', secret: 'correct horse', scopes: ['all'] });
    const two = await createCredential({ key: 'k', secret: 'correct horse', scopes: ['all'] });
    expect(one.salt).not.toBe(two.salt);
    expect(one.secretHash).not.toBe(two.secretHash);
    expect(await verifySecret('correct horse', one)).toBe(true);
    expect(await verifySecret('correct horsE', one)).toBe(false);
  });

  it('refuses unknown scopes, empty scopes, short secrets and keys with a colon', async () => {
    await expect(createCredential({ key: 'k', secret: 'long enough', scopes: ['root'] })).rejects.toThrow(
      /unknown scope/,
    );
    await expect(createCredential({ key: 'k', secret: 'long enough', scopes: [] })).rejects.toThrow(
      /no scopes/,
    );
    await expect(createCredential({ key: 'k', secret: 'short', scopes: ['all'] })).rejects.toThrow(
      /8 characters/,
    );
    await expect(createCredential({ key: 'a:b', secret: 'long enough', scopes: ['all'] })).rejects.toThrow(
      /colon/,
    );
  });
});

describe('scopes', () => {
  it('grants reads through all/read and statements/read/mine, writes only through their scope or all', () => {
    expect(allows(new Set(['all/read']), 'statements/read')).toBe(true);
    expect(allows(new Set(['all/read']), 'state/write')).toBe(false);
    expect(allows(new Set(['state']), 'state/write')).toBe(true);
    expect(allows(new Set(['all']), 'profile/write')).toBe(true);
    expect(readsOnlyOwnStatements(new Set(['statements/read/mine']))).toBe(true);
    expect(readsOnlyOwnStatements(new Set(['statements/read/mine', 'all/read']))).toBe(false);
  });
});
