import type { Command } from 'commander';
import type { EventDefinition } from '../catalog/event-definition.js';
import type { DataClass, FieldType, ResolvedField } from '../catalog/fields.js';
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
        for (const e of selected) await writeLine(JSON.stringify(summarize(e)));
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
          JSON.stringify({ ...summarize(definition), fields: fieldsJson(definition.dataClass) }, null, 2),
        );
        return;
      }
      const lines = [
        definition.eventType,
        `  signal       ${definition.signalName}`,
        `  subdomain    ${definition.subdomain}`,
        `  key field    ${definition.eventKeyField ?? '(none annotated)'}`,
        `  serializable ${definition.serializable ? 'yes' : 'no'}${definition.deprecated ? ' (deprecated)' : ''}`,
        `  description  ${definition.description}`,
        ...(definition.warning ? [`  warning      ${definition.warning}`] : []),
        '',
        `${definition.dataKey}: ${definition.dataClass.name}`,
        ...treeLines(definition.dataClass, '', new Set()),
      ];
      await writeLine(lines.join('\n'));
    });
}

function summarize(e: EventDefinition) {
  return {
    event_type: e.eventType,
    signal: e.signalName,
    subdomain: e.subdomain,
    data_key: e.dataKey,
    data_class: e.dataClass.name,
    event_key_field: e.eventKeyField,
    description: e.description,
    deprecated: e.deprecated,
    serializable: e.serializable,
  };
}

function optionalityLabel(field: ResolvedField): string {
  if (field.optionality === 'nullable') return 'optional, null by default';
  if (field.optionality === 'defaulted') return `optional, default ${JSON.stringify(field.makeDefault?.())}`;
  return 'required';
}

function treeLines(dataClass: DataClass, indent: string, path: Set<DataClass>): string[] {
  const out: string[] = [];
  dataClass.fields.forEach((field, i) => {
    const last = i === dataClass.fields.length - 1;
    out.push(
      `${indent}${last ? '└─ ' : '├─ '}${field.name}: ${field.type.python}  (${optionalityLabel(field)})`,
    );
    const nested = innermostClass(field.type);
    if (nested && !path.has(nested)) {
      out.push(...treeLines(nested, `${indent}${last ? '   ' : '│  '}`, new Set([...path, nested])));
    }
  });
  return out;
}

function innermostClass(type: FieldType): DataClass | undefined {
  let t: FieldType = type;
  while (t.element) t = t.element;
  return t.dataClass;
}

function fieldsJson(dataClass: DataClass): unknown[] {
  return dataClass.fields.map((f) => {
    const nested = innermostClass(f.type);
    return {
      name: f.name,
      type: f.type.python,
      optionality: f.optionality,
      ...(f.pythonDefault ? { default: f.pythonDefault } : {}),
      ...(nested ? { fields: fieldsJson(nested) } : {}),
    };
  });
}
