import { createHash, randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { EdstreamError, type Issue } from '../../../errors.js';
import type { Attachment, Context, Statement, XapiVersion } from '../../../xapi/statement.js';
import type { Principal } from '../../auth/credential-verifier.js';
import { statementIssues } from '../../statements/validate.js';
import type { AttachmentPayload } from '../../store/statement-store.js';
import { statementVersionAllowed } from '../version.js';
import { type MultipartPart, parseMultipart } from './multipart.js';
import { SIGNATURE_USAGE_TYPE, verifyStatementSignature } from './signature.js';

/** What a PUT or POST of statements carries: the JSON document and any attachment parts. */
export interface StatementRequestBody {
  json: unknown;
  parts: MultipartPart[];
  multipart: boolean;
}

const badBody = (message: string) => new EdstreamError('lrs.invalid_statement', message);

/** Reads an `application/json` or `multipart/mixed` statement request body. */
export function readStatementBody(request: FastifyRequest): StatementRequestBody {
  const contentType = request.headers['content-type'] ?? '';
  const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
  const mediaType = contentType.split(';')[0]!.trim().toLowerCase();
  if (mediaType === 'application/json') return { json: parseJson(body), parts: [], multipart: false };
  if (mediaType === 'multipart/mixed') {
    const [first, ...rest] = parseMultipart(body, contentType);
    const firstType = (first?.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (!first || firstType !== 'application/json') {
      throw badBody('the first part of a multipart/mixed statement request must be application/json');
    }
    return { json: parseJson(first.body), parts: rest, multipart: true };
  }
  throw badBody(
    `statements must be sent as application/json or multipart/mixed, not ${JSON.stringify(contentType || 'nothing')}`,
  );
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw new EdstreamError('lrs.invalid_statement', 'the request body is not valid JSON', { cause: error });
  }
}

export interface AdmittedStatements {
  statements: Statement[];
  attachments: AttachmentPayload[];
}

/**
 * Validates received statements against the request's version, checks attachments and signatures,
 * and fills what the LRS sets before storing: id, authority, version, array-valued context
 * activities. One bad statement rejects the whole batch.
 */
export function admitStatements(
  items: readonly unknown[],
  body: StatementRequestBody,
  version: XapiVersion,
  principal: Principal,
): AdmittedStatements {
  const issues: Issue[] = [];
  items.forEach((item, index) => {
    const prefix = items.length > 1 ? `${index}` : '';
    for (const issue of statementIssues(item, version)) {
      issues.push({ ...issue, path: [prefix, issue.path].filter((p) => p !== '').join('.') });
    }
    const v = (item as { version?: unknown } | null)?.version;
    if (typeof v === 'string' && !statementVersionAllowed(v, version)) {
      issues.push({
        code: 'lrs.unsupported_statement_version',
        path: [prefix, 'version'].filter((p) => p !== '').join('.'),
        message: `statement version ${JSON.stringify(v)} is not accepted in an xAPI ${version} request`,
      });
    }
  });
  if (issues.length > 0) {
    throw new EdstreamError(
      'lrs.invalid_statement',
      `invalid statement: ${issues[0]!.path || '(root)'}: ${issues[0]!.message}`,
      {
        details: issues,
      },
    );
  }
  const statements = items as Statement[];
  const seen = new Set<string>();
  for (const s of statements) {
    const id = s.id?.toLowerCase();
    if (id === undefined) continue;
    if (seen.has(id)) throw badBody(`the batch contains statement id ${s.id} more than once`);
    seen.add(id);
  }
  const attachments = matchAttachments(statements, body);
  return { statements: statements.map((s) => completeStatement(s, version, principal)), attachments };
}

/** Pairs attachment objects with the received parts by SHA-2; signatures are verified here. */
function matchAttachments(statements: readonly Statement[], body: StatementRequestBody): AttachmentPayload[] {
  const parts = new Map<string, MultipartPart>();
  for (const part of body.parts) {
    const hash = part.headers['x-experience-api-hash'];
    if (!hash)
      throw new EdstreamError(
        'lrs.invalid_attachment',
        'an attachment part has no X-Experience-API-Hash header',
      );
    const actual = sha2Of(part.body, hash.length);
    if (actual !== hash.toLowerCase()) {
      throw new EdstreamError(
        'lrs.invalid_attachment',
        `attachment part ${hash}: its content does not have that SHA-2`,
      );
    }
    parts.set(actual, part);
  }
  const used = new Map<string, AttachmentPayload>();
  statements.forEach((statement, index) => {
    for (const attachment of statement.attachments ?? []) {
      const sha2 = attachment.sha2.toLowerCase();
      const part = parts.get(sha2);
      if (attachment.usageType === SIGNATURE_USAGE_TYPE) checkSignature(statement, attachment, part, index);
      if (!part) {
        if (attachment.fileUrl !== undefined) continue;
        throw new EdstreamError(
          'lrs.invalid_attachment',
          `statement ${index}: attachment ${sha2} has no fileUrl and no multipart/mixed part with that hash`,
        );
      }
      used.set(sha2, { sha2, contentType: attachment.contentType, content: part.body });
    }
  });
  for (const sha2 of parts.keys()) {
    if (!used.has(sha2)) {
      throw new EdstreamError(
        'lrs.invalid_attachment',
        `attachment part ${sha2} matches no attachment of the statements`,
      );
    }
  }
  return [...used.values()];
}

function checkSignature(
  statement: Statement,
  attachment: Attachment,
  part: MultipartPart | undefined,
  index: number,
) {
  if (attachment.contentType !== 'application/octet-stream') {
    throw new EdstreamError(
      'lrs.invalid_signature',
      `statement ${index}: a signature attachment must have contentType application/octet-stream`,
    );
  }
  if (!part)
    throw new EdstreamError(
      'lrs.invalid_signature',
      `statement ${index}: the signature attachment has no data`,
    );
  verifyStatementSignature(statement, part.body, index);
}

function sha2Of(content: Buffer, hexLength: number): string {
  const algorithm = hexLength === 96 ? 'sha384' : hexLength === 128 ? 'sha512' : 'sha256';
  return createHash(algorithm).update(content).digest('hex');
}

function completeStatement(statement: Statement, version: XapiVersion, principal: Principal): Statement {
  const { stored: _stored, ...rest } = statement;
  const complete: Statement = {
    ...rest,
    id: statement.id ?? randomUUID(),
    authority: principal.authority,
    version: statement.version ?? (version === '2.0.0' ? '2.0.0' : '1.0.0'),
  };
  if (complete.context) complete.context = arrayContextActivities(complete.context);
  if (complete.object.objectType === 'SubStatement' && complete.object.context) {
    complete.object = { ...complete.object, context: arrayContextActivities(complete.object.context) };
  }
  if (version === '2.0.0' && complete.timestamp) complete.timestamp = utcTimestamp(complete.timestamp);
  return complete;
}

/** Context activities sent as single objects are stored (and returned) as arrays. */
function arrayContextActivities(context: Context): Context {
  const activities = context.contextActivities;
  if (!activities || Object.values(activities).every(Array.isArray)) return context;
  const arrays = Object.fromEntries(
    Object.entries(activities).map(([kind, value]) => [kind, Array.isArray(value) ? value : [value]]),
  );
  return { ...context, contextActivities: arrays };
}

/** xAPI 2.0: a timestamp with an offset other than UTC is converted, not rejected. */
function utcTimestamp(timestamp: string): string {
  if (/(Z|[+-]00:?00)$/i.test(timestamp)) return timestamp;
  const ms = Date.parse(timestamp);
  return Number.isNaN(ms) ? timestamp : new Date(ms).toISOString();
}
