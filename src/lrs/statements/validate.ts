import type { Issue } from '../../errors.js';
import { validateStatement } from '../../xapi/index.js';
import type { XapiVersion } from '../../xapi/statement.js';

/** The validation issues of one received statement, against the request's xAPI version. */
export function statementIssues(statement: unknown, version: XapiVersion): Issue[] {
  return validateStatement(statement, { version });
}
