import { type Command, Option } from 'commander';
import { parseCloudEventJson } from '../codecs/json/cloudevent-json.js';
import { EdstreamError, EXIT_INVALID, formatIssues } from '../errors.js';
import type { IncludeOptions, ProfileName } from '../xapi/profiles/profile.js';
import { createTransformer, type Transformer } from '../xapi/transform.js';
import { type InputLine, readInputLines, writeError, writeLine } from './io.js';

export interface ConvertSummary {
  events: number;
  statements: number;
  /** Events the profile has no mapping for: reported, but not an error. */
  skipped: number;
  /** Lines that are not valid events, or events that gave no valid statement. */
  invalid: number;
}

/**
 * Converts NDJSON CloudEvents lines into NDJSON statements (one line each). A bad line is reported
 * with its number and code and the rest go on; a not-mapped event is reported as skipped.
 */
export async function convertLines(
  lines: AsyncIterable<InputLine>,
  transform: Transformer,
  out: (text: string) => Promise<void>,
  report: (text: string) => void,
): Promise<ConvertSummary> {
  const summary: ConvertSummary = { events: 0, statements: 0, skipped: 0, invalid: 0 };
  for await (const { lineNumber, text } of lines) {
    const decoded = parseCloudEventJson(text);
    if (!decoded.ok) {
      summary.invalid++;
      report(`line ${lineNumber}: ${formatIssues(decoded.issues)}`);
      continue;
    }
    summary.events++;
    const result = transform(decoded.event);
    if (result.ok) {
      for (const statement of result.statements) await out(JSON.stringify(statement));
      summary.statements += result.statements.length;
    } else if (result.code === 'xapi.not_mapped') {
      summary.skipped++;
      report(
        `line ${lineNumber}: skipped ${decoded.event.metadata.event_type}: ${result.reason} (${result.code})`,
      );
    } else {
      summary.invalid++;
      report(`line ${lineNumber}: ${result.reason} (${result.code})`);
    }
  }
  return summary;
}

interface ConvertOptions {
  profile: ProfileName;
  tenant?: string;
  homePage?: string;
  platformUrl?: string;
  secret?: string;
  include?: string;
}

const INCLUDABLE = ['name', 'email', 'username'] as const;

export function registerConvertCommand(program: Command): void {
  program
    .command('convert')
    .description(
      'turn NDJSON CloudEvents into NDJSON xAPI statements; bad lines and skipped events go to stderr (exit 1 only for bad lines)',
    )
    .argument('[file]', 'an NDJSON file, or - for stdin', '-')
    .addOption(
      new Option('--profile <name>', 'the statement profile')
        .choices(['brightspace', 'adl'])
        .makeOptionMandatory(),
    )
    .option('--tenant <id>', 'tenant id for entity UUIDs (default $EDSTREAM_XAPI_TENANT)')
    .option('--home-page <url>', 'Brightspace actor home page (default https://<tenant>.lms.d2l.com/)')
    .option('--platform-url <url>', 'LMS root URL of ADL activity IRIs (default $EDSTREAM_XAPI_PLATFORM_URL)')
    .option(
      '--secret <secret>',
      'key of the learner pseudonyms, ≥ 16 characters (default $EDSTREAM_XAPI_SECRET)',
    )
    .option('--include <fields>', `personal data to include, comma-separated: ${INCLUDABLE.join(', ')}`)
    .action(async (file: string, options: ConvertOptions) => {
      const env = process.env;
      const transform = createTransformer({
        profile: options.profile,
        tenantId: options.tenant ?? env.EDSTREAM_XAPI_TENANT ?? '',
        secret: options.secret ?? env.EDSTREAM_XAPI_SECRET ?? '',
        homePage: options.homePage,
        platformUrl: options.platformUrl ?? (env.EDSTREAM_XAPI_PLATFORM_URL || undefined),
        include: parseInclude(options.include),
      });
      const summary = await convertLines(readInputLines(file), transform, writeLine, writeError);
      writeError(
        `${summary.events} events → ${summary.statements} statements; ${summary.skipped} skipped (not mapped), ${summary.invalid} invalid`,
      );
      if (summary.invalid > 0) process.exitCode = EXIT_INVALID;
    });
}

function parseInclude(text: string | undefined): IncludeOptions {
  const include: IncludeOptions = {};
  for (const field of (text ?? '').split(',').map((f) => f.trim())) {
    if (field === '') continue;
    if (!(INCLUDABLE as readonly string[]).includes(field)) {
      throw new EdstreamError(
        'usage.bad_option',
        `--include ${JSON.stringify(field)}: expected a comma-separated list of ${INCLUDABLE.join(', ')}`,
      );
    }
    include[field as (typeof INCLUDABLE)[number]] = true;
  }
  return include;
}
