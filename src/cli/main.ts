#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { EDSTREAM_VERSION } from '../envelope/index.js';
import { EXIT_FAILURE, EXIT_USAGE, exitCodeFor, isEdstreamError } from '../errors.js';
import { registerBusCommand } from './bus-command.js';
import { registerCodecCommand } from './codec-command.js';
import { registerConsumeCommand } from './consume-command.js';
import { registerConvertCommand } from './convert-command.js';
import { registerDemoCommand } from './demo-command.js';
import { registerDlqCommand } from './dlq-command.js';
import { registerEventsCommand } from './events-command.js';
import { writeError } from './io.js';
import { registerLrsCommand } from './lrs-command.js';
import { registerProduceCommand } from './produce-command.js';
import { registerSchemaCommand } from './schema-command.js';
import { registerServeCommand } from './serve-command.js';
import { registerStreamCommand } from './stream-command.js';
import { registerValidateCommand } from './validate-command.js';

export function buildProgram(): Command {
  const program = new Command('edstream')
    .description('Open edX events in TypeScript: catalog, codecs, event bus, xAPI data streams and an LRS')
    .version(EDSTREAM_VERSION)
    .showHelpAfterError()
    .exitOverride();
  registerEventsCommand(program);
  registerSchemaCommand(program);
  registerValidateCommand(program);
  registerCodecCommand(program);
  registerProduceCommand(program);
  registerConsumeCommand(program);
  registerDlqCommand(program);
  registerBusCommand(program);
  registerStreamCommand(program);
  registerConvertCommand(program);
  registerLrsCommand(program);
  registerServeCommand(program);
  registerDemoCommand(program);
  const overrideAll = (command: Command): void => {
    command.exitOverride();
    for (const child of command.commands) overrideAll(child);
  };
  overrideAll(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version output are successes; anything else commander rejects is a usage error.
      return error.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    if (isEdstreamError(error)) {
      writeError(`edstream: ${error.message} (${error.code})`);
      return exitCodeFor(error.code);
    }
    writeError(`edstream: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return EXIT_FAILURE;
  }
}

main(process.argv).then((code) => {
  process.exitCode = code;
});
