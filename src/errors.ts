/** One problem found in a value: a stable code, where it is, and what was expected. */
export interface Issue {
  code: string;
  path: string;
  message: string;
}

export interface EdstreamErrorOptions {
  details?: unknown;
  cause?: unknown;
}

/** The only error class edstream throws: a stable `code`, a message a person can act on, and data. */
export class EdstreamError extends Error {
  readonly code: string;
  readonly details: unknown;

  constructor(code: string, message: string, options: EdstreamErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'EdstreamError';
    this.code = code;
    this.details = options.details;
  }

  /** The validation issues carried by this error, if any. */
  get issues(): Issue[] {
    return isIssueList(this.details) ? this.details : [];
  }

  toJSON(): { code: string; message: string; details?: unknown } {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export function isEdstreamError(value: unknown): value is EdstreamError {
  return value instanceof EdstreamError;
}

function isIssueList(value: unknown): value is Issue[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'object' && v !== null && 'code' in v);
}

/** Formats issues as `path: message (code)` lines, for people. */
export function formatIssues(issues: readonly Issue[]): string {
  return issues.map((i) => `${i.path || '(root)'}: ${i.message} (${i.code})`).join('; ');
}

// The HTTP status and the CLI exit code of an error are looked up from its code here, and only here.
const HTTP_STATUS_BY_PREFIX: ReadonlyArray<readonly [string, number]> = [
  ['validation.', 400],
  ['key.', 400],
  ['catalog.unknown_event_type', 404],
  ['codec.', 400],
  ['auth.unauthenticated', 401],
  ['auth.forbidden', 403],
  ['http.not_found', 404],
  ['http.conflict', 409],
  ['http.precondition_failed', 412],
  ['http.payload_too_large', 413],
  ['bus.invalid_entry', 400],
  ['bus.invalid_entry_id', 400],
  ['bus.dead_letter_not_found', 404],
  ['bus.', 503],
  ['lrs.bad_request', 400],
  ['lrs.invalid_', 400],
  ['lrs.unsupported_version', 400],
  ['lrs.not_found', 404],
  ['lrs.statement_conflict', 409],
  ['lrs.document_conflict', 409],
  ['lrs.precondition_failed', 412],
  ['lrs.payload_too_large', 413],
];

export function httpStatusFor(code: string): number {
  for (const [prefix, status] of HTTP_STATUS_BY_PREFIX) {
    if (code === prefix || code.startsWith(prefix)) return status;
  }
  return 500;
}

/** CLI exit codes: 0 ok, 1 invalid input found, 2 usage error, 3 runtime failure. */
export const EXIT_OK = 0;
export const EXIT_INVALID = 1;
export const EXIT_USAGE = 2;
export const EXIT_FAILURE = 3;

export function exitCodeFor(code: string): number {
  if (code.startsWith('usage.') || code === 'catalog.unknown_event_type') return EXIT_USAGE;
  if (code.startsWith('validation.') || code.startsWith('codec.') || code.startsWith('key.')) {
    return EXIT_INVALID;
  }
  return EXIT_FAILURE;
}
