// Generated files are laid out by Biome, as `npm run lint` expects every file here to be.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIOME = `${ROOT}node_modules/.bin/biome`;

/** `text` as Biome would format the file at `path` (relative to the repository root). */
export function formatWithBiome(text: string, path: string): string {
  return execFileSync(BIOME, ['format', `--stdin-file-path=${path}`], {
    cwd: ROOT,
    input: text,
    encoding: 'utf8',
  });
}

/** Formats files or folders in place. */
export function formatFilesWithBiome(paths: readonly string[]): void {
  execFileSync(BIOME, ['format', '--write', ...paths], { cwd: ROOT, stdio: 'ignore' });
}
