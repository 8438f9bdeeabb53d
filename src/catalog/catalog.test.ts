import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REFERENCE_DIR } from '../../test/reference.js';
import type { DataClass, Optionality, Subdomain } from './fields.js';
import { ALL_DATA_CLASSES, ALL_EVENTS, findEventDefinition, getEventDefinition } from './registry.js';

/** One signal of `catalog.json`, as the Python library describes it. */
interface ReferenceEvent {
  signal_name: string;
  event_type: string;
  subdomain: Subdomain;
  data: Record<string, string>;
  data_module: string;
  minor_version: number;
  known_unserializable: boolean;
  annotations: {
    event_key_field?: string;
    event_description: string;
    event_warning?: string;
    event_trigger_repository?: string;
  };
}

/** One attrs field of `dataclasses.json`. */
interface ReferenceField {
  name: string;
  type: string;
  required: boolean;
  /** The attrs default as Python source (`'None'`, `'True'`, `'dict'`), or null. */
  default: string | null;
  /** The attrs factory (`'list'`, `'dict'`, `'str'`), or null. */
  factory: string | null;
}

interface ReferenceClass {
  module: string;
  name: string;
  bases: string[];
  doc_summary: string;
  all_fields_attrs_order: ReferenceField[];
  referenced_by_any_signal: boolean | null;
}

function readReference<T>(file: string): T {
  return JSON.parse(readFileSync(`${REFERENCE_DIR}${file}`, 'utf8')) as T;
}

const referenceEvents = readReference<ReferenceEvent[]>('catalog.json');
const referenceClasses = readReference<ReferenceClass[]>('dataclasses.json').filter(
  (c) => c.name !== 'EventsMetadata',
);

/** `openedx_events.content_authoring.data` → `content_authoring`. */
function subdomainOf(module: string): string {
  return module.split('.')[1] ?? module;
}

function classId(subdomain: string, name: string): string {
  return `${subdomain}.${name}`;
}

const classesById = new Map<string, DataClass>(
  ALL_DATA_CLASSES.map((c) => [classId(c.subdomain, c.name), c]),
);

function expectedOptionality(field: ReferenceField): Optionality {
  if (field.required) return 'required';
  return field.default === 'None' ? 'nullable' : 'defaulted';
}

/** The JavaScript value an omitted attrs field takes, from its Python default or factory. */
function expectedDefault(field: ReferenceField): unknown {
  const python = field.factory ?? field.default;
  switch (python) {
    case 'list':
      return [];
    case 'dict':
      return {};
    case 'str':
      return '';
    case 'True':
      return true;
    case 'False':
      return false;
    default:
      throw new Error(`no JavaScript value known for the Python default ${python}`);
  }
}

describe('the event catalog', () => {
  it('has the 75 Open edX event types, each once', () => {
    expect(ALL_EVENTS).toHaveLength(75);
    expect(new Set(ALL_EVENTS.map((e) => e.eventType)).size).toBe(75);
  });

  it('has 54 payload classes, each once', () => {
    expect(ALL_DATA_CLASSES).toHaveLength(54);
    expect(new Set(ALL_DATA_CLASSES.map((c) => classId(c.subdomain, c.name))).size).toBe(54);
  });

  it('counts the event types of each subdomain as Open edX does', () => {
    const counts: Record<string, number> = {};
    for (const e of ALL_EVENTS) counts[e.subdomain] = (counts[e.subdomain] ?? 0) + 1;
    expect(counts).toEqual({ learning: 37, content_authoring: 27, enterprise: 8, authz: 2, analytics: 1 });
  });

  it('gives every event exactly one data key', () => {
    for (const e of ALL_EVENTS) {
      expect(typeof e.dataKey).toBe('string');
      expect(e.dataKey).not.toBe('');
    }
    for (const r of referenceEvents) expect(Object.keys(r.data)).toHaveLength(1);
  });

  it('lists the events in the same order as the reference catalog', () => {
    expect(ALL_EVENTS.map((e) => e.eventType)).toEqual(referenceEvents.map((r) => r.event_type));
  });

  it('holds 37 distinct top-level payload classes, and one class no event uses', () => {
    const used = new Set(ALL_EVENTS.map((e) => e.dataClass));
    expect(used.size).toBe(37);
    const reachable = new Set<DataClass>();
    const visit = (c: DataClass): void => {
      if (reachable.has(c)) return;
      reachable.add(c);
      for (const f of c.fields) {
        let t = f.type;
        while (t.element) t = t.element;
        if (t.dataClass) visit(t.dataClass);
      }
    };
    for (const c of used) visit(c);
    // A base class counts as used when a class that inherits from it is.
    const bases = new Set([...reachable].flatMap((c) => c.bases));
    const unused = ALL_DATA_CLASSES.filter((c) => !reachable.has(c) && !bases.has(c.name)).map((c) => c.name);
    expect(unused).toEqual(['LicensedEnterpriseCourseEnrollment']);
    expect(unused).toEqual(
      referenceClasses.filter((c) => c.referenced_by_any_signal === false).map((c) => c.name),
    );
  });

  it('keeps the two CourseData classes apart', () => {
    const courseData = ALL_DATA_CLASSES.filter((c) => c.name === 'CourseData');
    expect(courseData.map((c) => [c.subdomain, c.fields.length])).toEqual([
      ['learning', 4],
      ['content_authoring', 1],
    ]);
  });

  it('finds every event by its type and reports an unknown type with a code', () => {
    for (const e of ALL_EVENTS) {
      expect(getEventDefinition(e.eventType)).toBe(e);
      expect(findEventDefinition(e.eventType)).toBe(e);
    }
    expect(findEventDefinition('org.openedx.learning.nope.v1')).toBeUndefined();
    expect(() => getEventDefinition('org.openedx.learning.nope.v1')).toThrowError(
      expect.objectContaining({ code: 'catalog.unknown_event_type' }),
    );
  });

  it('marks exactly the three events the library cannot serialize', () => {
    expect(
      ALL_EVENTS.filter((e) => !e.serializable)
        .map((e) => e.eventType)
        .sort(),
    ).toEqual([
      'org.openedx.content_authoring.course.certificate_config.changed.v1',
      'org.openedx.content_authoring.course.certificate_config.deleted.v1',
      'org.openedx.learning.external_grader.score.submitted.v1',
    ]);
  });

  it('marks only CONTENT_OBJECT_TAGS_CHANGED as deprecated', () => {
    expect(ALL_EVENTS.filter((e) => e.deprecated).map((e) => e.signalName)).toEqual([
      'CONTENT_OBJECT_TAGS_CHANGED',
    ]);
  });
});

describe('each event against catalog.json of openedx-events 11.2.0', () => {
  for (const reference of referenceEvents) {
    it(`describes ${reference.event_type} as the library does`, () => {
      const definition = findEventDefinition(reference.event_type);
      expect(definition).toBeDefined();
      if (!definition) return;
      const [[dataKey, className]] = Object.entries(reference.data) as [[string, string]];
      const { annotations } = reference;
      expect({
        eventType: definition.eventType,
        signalName: definition.signalName,
        subdomain: definition.subdomain,
        dataKey: definition.dataKey,
        dataClass: classId(definition.dataClass.subdomain, definition.dataClass.name),
        eventKeyField: definition.eventKeyField,
        description: definition.description,
        warning: definition.warning,
        deprecated: definition.deprecated,
        serializable: definition.serializable,
        minorVersion: definition.minorVersion,
        triggerRepository: definition.triggerRepository,
      }).toEqual({
        eventType: reference.event_type,
        signalName: reference.signal_name,
        subdomain: reference.subdomain,
        dataKey,
        dataClass: classId(subdomainOf(reference.data_module), className),
        eventKeyField: annotations.event_key_field ?? null,
        description: annotations.event_description,
        warning: annotations.event_warning ?? null,
        deprecated: (annotations.event_warning ?? '').includes('DEPRECATED'),
        serializable: !reference.known_unserializable,
        minorVersion: reference.minor_version,
        triggerRepository: annotations.event_trigger_repository ?? null,
      });
    });
  }
});

describe('each payload class against dataclasses.json of openedx-events 11.2.0', () => {
  it('declares the same 54 classes as the library', () => {
    expect([...classesById.keys()].sort()).toEqual(
      referenceClasses.map((c) => classId(subdomainOf(c.module), c.name)).sort(),
    );
  });

  for (const reference of referenceClasses) {
    const id = classId(subdomainOf(reference.module), reference.name);
    it(`declares ${id} with the library's fields, in attrs order`, () => {
      const dataClass = classesById.get(id);
      expect(dataClass).toBeDefined();
      if (!dataClass) return;
      expect(dataClass.doc).toBe(reference.doc_summary);
      expect(dataClass.bases).toEqual(reference.bases);
      expect(
        dataClass.fields.map((f) => ({
          name: f.name,
          python: f.type.python,
          optionality: f.optionality,
          pythonDefault: f.pythonDefault ?? null,
        })),
      ).toEqual(
        reference.all_fields_attrs_order.map((f) => ({
          name: f.name,
          python: f.type,
          optionality: expectedOptionality(f),
          pythonDefault: f.default ?? f.factory,
        })),
      );
    });

    const defaulted = reference.all_fields_attrs_order.filter((f) => expectedOptionality(f) === 'defaulted');
    if (defaulted.length > 0) {
      it(`gives the defaulted fields of ${id} the library's default values, fresh each time`, () => {
        const dataClass = classesById.get(id);
        for (const field of defaulted) {
          const declared = dataClass?.fields.find((f) => f.name === field.name);
          expect(declared?.makeDefault, field.name).toBeDefined();
          const makeDefault = declared?.makeDefault ?? (() => undefined);
          const first = makeDefault();
          expect(first, field.name).toEqual(expectedDefault(field));
          if (typeof first === 'object' && first !== null) expect(makeDefault()).not.toBe(first);
        }
      });
    }
  }
});
