import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { registerLrsCommand } from '../../src/cli/lrs-command.js';
import { openStatementStore } from '../../src/lrs/store/open-store.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const COMMAND_MODULE = pathToFileURL(join(ROOT, 'src/cli/lrs-command.ts')).href;

/** Runs `edstream lrs …` in process and returns what it printed. */
async function run(args: string[]): Promise<string> {
  const program = new Command('edstream').exitOverride();
  registerLrsCommand(program);
  const printed: string[] = [];
  // writeLine waits for each write's callback: the stand-in calls it, as stdout does.
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk, encoding?, callback?) => {
    printed.push(String(chunk));
    const done = typeof encoding === 'function' ? encoding : callback;
    done?.();
    return true;
  });
  try {
    await program.parseAsync(['node', 'edstream', 'lrs', ...args]);
  } finally {
    write.mockRestore();
  }
  return printed.join('');
}

describe('edstream lrs', () => {
  let dir: string;
  let store: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'edstream-lrs-cli-'));
    store = `sqlite:${join(dir, 'lrs.db')}`;
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('adds, lists and revokes credentials, storing only a salted hash of the secret', async () => {
    const added = await run([
      'credentials',
      'add',
      '--key',
      'ci',
      '--secret',
      'sup3r-secret',
      '--scopes',
      'statements/write,statements/read',
      '--store',
      store,
    ]);
    expect(added).toMatch(/added credential ci/);
    expect(await run(['credentials', 'list', '--store', store])).toMatch(
      /ci\s+statements\/write,statements\/read\s+active/,
    );
    await run(['credentials', 'revoke', '--key', 'ci', '--store', store]);
    const [listed] = (await run(['credentials', 'list', '--json', '--store', store])).trim().split('\n');
    expect(JSON.parse(listed!)).toMatchObject({ key: 'ci', revoked: true });
    const opened = await openStatementStore(store);
    const credential = await opened.findCredential('ci');
    await opened.close();
    expect(credential!.secretHash).not.toContain('sup3r-secret');
    expect(credential!.salt).toMatch(/^[0-9a-f]{32}$/);
  });

  it('refuses unknown scopes and revoking a credential that does not exist', async () => {
    await expect(
      run([
        'credentials',
        'add',
        '--key',
        'k',
        '--secret',
        'longenough',
        '--scopes',
        'everything',
        '--store',
        store,
      ]),
    ).rejects.toThrow(/unknown scope/);
    await expect(run(['credentials', 'revoke', '--key', 'nobody', '--store', store])).rejects.toThrow(
      /no credential/,
    );
  });

  it('serves the LRS until interrupted', async () => {
    await run([
      'credentials',
      'add',
      '--key',
      'ci',
      '--secret',
      'sup3r-secret',
      '--scopes',
      'all',
      '--store',
      store,
    ]);
    const code = `
      const { Command } = await import('commander');
      const { registerLrsCommand } = await import(${JSON.stringify(COMMAND_MODULE)});
      const program = new Command('edstream');
      registerLrsCommand(program);
      await program.parseAsync(['node', 'edstream', 'lrs', 'serve', '--port', '0', '--store', ${JSON.stringify(store)}, '--base-path', '/lrs']);`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      const line = await new Promise<string>((resolve) =>
        createInterface({ input: child.stdout! }).once('line', resolve),
      );
      const url = /listening on (\S+)/.exec(line)![1]!;
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/lrs$/);
      const response = await fetch(`${url}/statements`, {
        headers: {
          'x-experience-api-version': '1.0.3',
          authorization: `Basic ${Buffer.from('ci:sup3r-secret').toString('base64')}`,
        },
      });
      expect(response.status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });
});
