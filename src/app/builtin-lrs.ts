import { createHmac } from 'node:crypto';
import { createCredential } from '../lrs/auth/credentials.js';
import type { StatementStore } from '../lrs/store/statement-store.js';
import type { SinkConfig } from '../streams/config.js';

export const BUILTIN_LRS_KEY = 'edstream-builtin';
export const BUILTIN_LRS_SINK = 'builtin-lrs';

/**
 * Registers the credential the pipeline uses to write into its own LRS and returns the sink that
 * uses it. The secret is derived from the deployment's pseudonymisation secret, so every instance
 * of a deployment (sharing one store) derives the same one and none locks the others out.
 */
export async function builtinLrsSink(
  store: StatementStore,
  endpoint: string,
  deploymentSecret: string,
): Promise<Extract<SinkConfig, { type: 'lrs' }>> {
  const secret = createHmac('sha256', deploymentSecret)
    .update('edstream built-in LRS sink')
    .digest('base64url');
  await store.addCredential(
    await createCredential({ key: BUILTIN_LRS_KEY, secret, scopes: ['statements/write', 'statements/read'] }),
  );
  return { type: 'lrs', name: BUILTIN_LRS_SINK, endpoint, username: BUILTIN_LRS_KEY, password: secret };
}
