import type { Command } from 'commander';
import { EdstreamError } from '../errors.js';
import { createCredential } from '../lrs/auth/credentials.js';
import { createLrsApp } from '../lrs/http/create-lrs-app.js';
import { parseAgent } from '../lrs/http/params.js';
import { DEFAULT_STORE_URL, openStatementStore } from '../lrs/store/open-store.js';
import type { StatementStore } from '../lrs/store/statement-store.js';
import type { Actor } from '../xapi/statement.js';
import { formatTable, writeLine } from './io.js';
import { wholeNumber } from './option-parsers.js';

interface StoreOption {
  store?: string;
}

const STORE_HELP = `sqlite:PATH or postgres://HOST:PORT/DB[?schema=NAME] (default EDSTREAM_LRS_STORE or ${DEFAULT_STORE_URL})`;

function storeUrl(options: StoreOption): string {
  return options.store ?? process.env.EDSTREAM_LRS_STORE ?? DEFAULT_STORE_URL;
}

async function withStore<T>(options: StoreOption, work: (store: StatementStore) => Promise<T>): Promise<T> {
  const store = await openStatementStore(storeUrl(options));
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/** `edstream lrs serve` and `edstream lrs credentials add|list|revoke`. */
export function registerLrsCommand(program: Command): void {
  const lrs = program.command('lrs').description('the built-in xAPI LRS (1.0.3 and 2.0)');

  lrs
    .command('serve')
    .description('serve the xAPI resources over HTTP until interrupted')
    .option('--port <port>', 'TCP port', wholeNumber('port'), 8080)
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--store <url>', STORE_HELP)
    .option('--base-path <path>', 'where the xAPI resources live', '/xapi')
    .option(
      '--body-limit <bytes>',
      'largest request body accepted (413 above)',
      wholeNumber('body-limit', { min: 1 }),
      64 * 1024 * 1024,
    )
    .action(
      async (options: StoreOption & { port: number; host: string; basePath: string; bodyLimit: number }) => {
        const store = await openStatementStore(storeUrl(options));
        const app = createLrsApp({
          store,
          basePath: options.basePath,
          bodyLimit: options.bodyLimit,
          logger: { level: 'warn' },
        });
        const address = await app.listen({ port: options.port, host: options.host });
        await writeLine(`edstream LRS (${store.kind}) listening on ${address}${options.basePath}`);
        await new Promise<void>((resolve) => {
          const stop = () => resolve();
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
        await app.close();
        await store.close();
      },
    );

  const credentials = lrs.command('credentials').description('manage the API credentials of the LRS');

  credentials
    .command('add')
    .description('add (or replace) a credential; the secret is stored as a salted scrypt hash')
    .requiredOption('--key <key>', 'the HTTP Basic user name')
    .option('--secret <secret>', 'the HTTP Basic password (default EDSTREAM_LRS_SECRET)')
    .requiredOption(
      '--scopes <list>',
      'comma-separated: statements/write, statements/read, statements/read/mine, state, profile, define, all/read, all',
    )
    .option(
      '--agent <json>',
      'the Agent recorded as authority of its statements (default an account named after the key)',
    )
    .option('--store <url>', STORE_HELP)
    .action(
      async (options: StoreOption & { key: string; secret?: string; scopes: string; agent?: string }) => {
        const secret = options.secret ?? process.env.EDSTREAM_LRS_SECRET;
        if (!secret)
          throw new EdstreamError('usage.missing_secret', 'give --secret or set EDSTREAM_LRS_SECRET');
        const credential = await createCredential({
          key: options.key,
          secret,
          scopes: options.scopes
            .split(',')
            .map((s) => s.trim())
            .filter((s) => s !== ''),
          ...(options.agent ? { agent: parseAgentOption(options.agent) } : {}),
        });
        await withStore(options, (store) => store.addCredential(credential));
        await writeLine(`added credential ${credential.key} with scopes ${credential.scopes.join(', ')}`);
      },
    );

  credentials
    .command('list')
    .description('list credentials (never their secrets)')
    .option('--json', 'one JSON object per credential')
    .option('--store <url>', STORE_HELP)
    .action(async (options: StoreOption & { json?: boolean }) => {
      const list = await withStore(options, (store) => store.listCredentials());
      if (options.json) {
        for (const c of list) {
          await writeLine(
            JSON.stringify({
              key: c.key,
              scopes: c.scopes,
              agent: c.agent,
              revoked: c.revoked,
              created: c.created,
            }),
          );
        }
        return;
      }
      const rows = list.map((c) => [c.key, c.scopes.join(','), c.revoked ? 'revoked' : 'active', c.created]);
      await writeLine(formatTable(['key', 'scopes', 'status', 'created'], rows));
    });

  credentials
    .command('revoke')
    .description('revoke a credential; a running server stops accepting it within 30 seconds')
    .requiredOption('--key <key>', 'the credential key')
    .option('--store <url>', STORE_HELP)
    .action(async (options: StoreOption & { key: string }) => {
      const revoked = await withStore(options, (store) => store.revokeCredential(options.key));
      if (!revoked)
        throw new EdstreamError(
          'usage.unknown_credential',
          `no credential with key ${JSON.stringify(options.key)}`,
        );
      await writeLine(`revoked credential ${options.key}`);
    });
}

function parseAgentOption(text: string): Actor {
  try {
    return parseAgent(text, '--agent');
  } catch (error) {
    throw new EdstreamError('usage.bad_option', error instanceof Error ? error.message : String(error));
  }
}
