import { EdstreamError } from '../../errors.js';
import type { XapiVersion } from '../../xapi/statement.js';

export const SUPPORTED_VERSIONS: readonly XapiVersion[] = ['1.0.3', '2.0.0'];

/**
 * The xAPI version a request speaks, from its `X-Experience-API-Version` header: `1.0` and any
 * `1.0.x` mean 1.0.3, any `2.0` or `2.0.x` means 2.0.0 (the latest patch of each, which is also
 * what every response carries). Anything else, or no header, is a 400.
 */
export function negotiateVersion(header: string | undefined, supported: readonly XapiVersion[]): XapiVersion {
  const value = header?.trim();
  if (!value) {
    throw new EdstreamError(
      'lrs.unsupported_version',
      `missing X-Experience-API-Version header; send one of ${supported.join(', ')}`,
    );
  }
  const version: XapiVersion | undefined = /^1\.0(\.\d+)?$/.test(value)
    ? '1.0.3'
    : /^2\.0(\.\d+)?$/.test(value)
      ? '2.0.0'
      : undefined;
  if (!version || !supported.includes(version)) {
    throw new EdstreamError(
      'lrs.unsupported_version',
      `unsupported X-Experience-API-Version ${JSON.stringify(value)}; this LRS speaks ${supported.join(', ')}`,
      { details: { received: value, supported } },
    );
  }
  return version;
}

/** Whether a statement `version` property is acceptable in a request of the negotiated version. */
export function statementVersionAllowed(version: string, requestVersion: XapiVersion): boolean {
  return (requestVersion === '2.0.0' ? /^2\.0(\.\d+)?$/ : /^1\.0(\.\d+)?$/).test(version);
}
