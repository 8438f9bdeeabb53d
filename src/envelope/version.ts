import { readFileSync } from 'node:fs';
import { EdstreamError } from '../errors.js';

// Two levels up is the package root both from `src/envelope/` (tsx) and from `dist/envelope/` (build).
const PACKAGE_JSON_URL = new URL('../../package.json', import.meta.url);

/** edstream's own version, as written in package.json. */
export const EDSTREAM_VERSION: string = readPackageVersion();

/** edstream's version as the integers metadata `sourcelib` carries, e.g. `[0, 1, 0]`. */
export const EDSTREAM_SOURCELIB: readonly number[] = Object.freeze(sourcelibFromVersion(EDSTREAM_VERSION));

function readPackageVersion(): string {
  const parsed: unknown = JSON.parse(readFileSync(PACKAGE_JSON_URL, 'utf8'));
  const version =
    typeof parsed === 'object' && parsed !== null && 'version' in parsed ? parsed.version : undefined;
  if (typeof version !== 'string') {
    throw new EdstreamError(
      'config.invalid_package_version',
      `found no string "version" in ${PACKAGE_JSON_URL.pathname}; expected edstream's package.json`,
    );
  }
  return version;
}

/**
 * Python consumers split `sourcelib` on `.` and call `int()` on each part, so a pre-release or build
 * suffix (`1.0.0-beta.1`) would break them; only the numeric release part is kept.
 */
export function sourcelibFromVersion(version: string): number[] {
  const release = version.split(/[-+]/, 1)[0] ?? '';
  const parts = release.split('.');
  if (!parts.every((part) => /^\d+$/.test(part))) {
    throw new EdstreamError(
      'config.invalid_package_version',
      `found version ${JSON.stringify(version)}; expected dotted integers such as 0.1.0`,
    );
  }
  return parts.map(Number);
}
