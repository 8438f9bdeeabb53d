import type { Command } from 'commander';
import { eventFieldsJson, eventSummary, eventTreeText } from '../catalog/describe-event.js';
import { ALL_EVENTS, getEventDefinition } from '../catalog/registry.js';
import { EdstreamError } from '../errors.js';
import { formatTable, writeLine } from './io.js';

const SUBDOMAINS = ['learning', 'content_authoring', 'analytics', 'enterprise', 'authz'];

export function registerEventsCommand(program: Command): void {
  const events = program
    .command('events')
    .description('list the Open edX event catalog')
    .option('--subdomain <name>', `only one subdomain: ${SUBDOMAINS.join(', ')}`)
    .option('--json', 'one JSON object per event, for machines')
    .action(async (options: { subdomain?: string; json?: boolean }) => {
      if (options.subdomain && !SUBDOMAINS.includes(options.subdomain)) {
        throw new EdstreamError('usage.bad_option', `--subdomain must be one of ${SUBDOMAINS.join(', ')}`);
      }
      const selected = ALL_EVENTS.filter((e) => !options.subdomain || e.subdomain === options.subdomain);
      if (options.json) {
        for (const e of selected) await writeLine(JSON.stringify(eventSummary(e)));
        return;
      }
      const rows = selected.map((e) => [
        e.eventType,
        e.signalName,
        `${e.dataKey}: ${e.dataClass.name}`,
        e.eventKeyField ?? '',
        [e.deprecated ? 'deprecated' : '', e.serializable ? '' : 'not serializable']
          .filter(Boolean)
          .join(', '),
      ]);
      await writeLine(formatTable(['event type', 'signal', 'data', 'key field', 'notes'], rows));
      await writeLine(`\n${selected.length} event types`);
    });

  events
    .command('show <type>')
    .description('the fields of one event type as a tree, with types and optionality')
    .option('--json', 'the definition as JSON')
    .action(async (type: string, _options: { json?: boolean }, command: Command) => {
      const definition = getEventDefinition(type);
      // `--json` is also an option of `events`, and commander gives it to the parent command: read both.
      if (command.optsWithGlobals<{ json?: boolean }>().json) {
        await writeLine(
          JSON.stringify(
            { ...eventSummary(definition), fields: eventFieldsJson(definition.dataClass) },
            null,
            2,
          ),
        );
        return;
      }
      await writeLine(eventTreeText(definition));
    });
}
