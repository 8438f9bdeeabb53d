import { isEdstreamError } from '../errors.js';
import type { Principal } from '../lrs/auth/credential-verifier.js';
import { CREDENTIAL_HOME_PAGE } from '../lrs/auth/credentials.js';
import { admitStatements } from '../lrs/http/statements/statement-intake.js';
import { ifiKey } from '../lrs/statements/agent-ifi.js';
import type { StatementStore } from '../lrs/store/statement-store.js';
import { type Sink, SinkError } from '../streams/sinks/sink.js';
import type { Agent, Statement, XapiVersion } from '../xapi/statement.js';

export const BUILTIN_LRS_SINK = 'builtin-lrs';

/** The authority of the statements the pipeline stores in its own LRS. */
const PIPELINE_AUTHORITY: Agent = {
  objectType: 'Agent',
  name: 'edstream pipeline',
  account: { homePage: CREDENTIAL_HOME_PAGE, name: 'edstream-pipeline' },
};

/**
 * Delivers statements straight into the LRS store of this process, through the same intake the
 * xAPI resource applies (validation, authority, version, context activities as arrays) but with
 * no HTTP round trip and no credential to check: the pipeline and the LRS are one program.
 */
export function createStoreSink(
  store: StatementStore,
  { name = BUILTIN_LRS_SINK, version = '1.0.3' }: { name?: string; version?: XapiVersion } = {},
): Sink {
  const principal: Principal = {
    key: 'edstream-pipeline',
    scopes: new Set(['statements/write', 'define']),
    authority: PIPELINE_AUTHORITY,
    authorityIfi: ifiKey(PIPELINE_AUTHORITY)!,
  };
  const insert = async (batch: readonly Statement[]): Promise<void> => {
    let admitted: Statement[];
    try {
      admitted = admitStatements(
        batch,
        { json: batch, parts: [], multipart: false },
        version,
        principal,
      ).statements;
    } catch (error) {
      throw new SinkError('sink.rejected', `${name}: ${(error as Error).message}`, {
        retryable: false,
        status: 400,
        cause: error,
      });
    }
    try {
      await store.insertStatements(admitted, { define: true });
    } catch (error) {
      if (isEdstreamError(error) && error.code === 'lrs.statement_conflict') throw error;
      // The store failing (disk full, PostgreSQL restarting) is worth trying again.
      throw new SinkError('sink.unavailable', `${name}: ${(error as Error).message}`, {
        retryable: true,
        cause: error,
      });
    }
  };
  const deliver = async (batch: readonly Statement[]): Promise<void> => {
    try {
      await insert(batch);
    } catch (error) {
      if (!isEdstreamError(error) || error.code !== 'lrs.statement_conflict') throw error;
      // As the LRS sink does with a 409: the store already holds one of these ids (a redelivery
      // with deterministic ids). A batch is all or nothing, so store the others one by one.
      if (batch.length > 1) for (const statement of batch) await deliver([statement]);
    }
  };
  return { name, kind: 'lrs', deliver, async close() {} };
}
