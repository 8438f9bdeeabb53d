import type { EventDefinition } from './event-definition.js';
import type { DataClass, FieldType, ResolvedField } from './fields.js';

/** An event type in a few plain fields, as `edstream events --json` and the dashboard list it. */
export interface EventSummary {
  event_type: string;
  signal: string;
  subdomain: string;
  data_key: string;
  data_class: string;
  event_key_field: string | null;
  description: string;
  deprecated: boolean;
  serializable: boolean;
}

export function eventSummary(e: EventDefinition): EventSummary {
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

/** The text of `edstream events show`: the header, then every field as a tree with its type and optionality. */
export function eventTreeText(definition: EventDefinition): string {
  return [
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
  ].join('\n');
}

/** The fields as nested JSON (name, Python type, optionality, default, nested fields). */
export function eventFieldsJson(dataClass: DataClass): unknown[] {
  return dataClass.fields.map((f) => {
    const nested = innermostClass(f.type);
    return {
      name: f.name,
      type: f.type.python,
      optionality: f.optionality,
      ...(f.pythonDefault ? { default: f.pythonDefault } : {}),
      ...(nested ? { fields: eventFieldsJson(nested) } : {}),
    };
  });
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
