import type { DataClass, FieldType } from './fields.js';

type Filler = (value: unknown) => unknown;

const fillers = new WeakMap<DataClass, Filler>();
const identity: Filler = (value) => value;

/**
 * Fills omitted fields the way Open edX does: `null` for a field whose default is None, the
 * default (a fresh one each time) for a field with a factory or another default. Returns the
 * same object when nothing was omitted. Assumes a value that passed validation.
 */
export function withDefaults<T>(dataClass: DataClass, value: T): T {
  return compileRecordFiller(dataClass)(value) as T;
}

function compileFiller(type: FieldType): Filler {
  switch (type.kind) {
    case 'record':
      return compileRecordFiller(type.dataClass!);
    case 'array': {
      const item = compileFiller(type.element!);
      if (item === identity) return identity;
      return (value) => {
        if (!Array.isArray(value)) return value;
        let out: unknown[] | undefined;
        for (let i = 0; i < value.length; i++) {
          const filled = item(value[i]);
          if (filled !== value[i]) {
            out ??= value.slice();
            out[i] = filled;
          }
        }
        return out ?? value;
      };
    }
    case 'map': {
      const item = compileFiller(type.element!);
      if (item === identity) return identity;
      return (value) => {
        if (typeof value !== 'object' || value === null) return value;
        const source = value as Record<string, unknown>;
        let out: Record<string, unknown> | undefined;
        for (const k of Object.keys(source)) {
          const filled = item(source[k]);
          if (filled !== source[k]) {
            out ??= { ...source };
            out[k] = filled;
          }
        }
        return out ?? value;
      };
    }
    default:
      return identity;
  }
}

function compileRecordFiller(dataClass: DataClass): Filler {
  const cached = fillers.get(dataClass);
  if (cached) return cached;
  let steps: { name: string; fill: Filler; makeDefault: (() => unknown) | undefined; nullable: boolean }[] =
    [];
  const filler: Filler = (value) => {
    if (typeof value !== 'object' || value === null) return value;
    const source = value as Record<string, unknown>;
    let out: Record<string, unknown> | undefined;
    for (let i = 0; i < steps.length; i++) {
      const step = steps[i]!;
      const current = source[step.name];
      let next: unknown;
      if (current === undefined) {
        if (step.makeDefault) next = step.makeDefault();
        else if (step.nullable) next = null;
        else continue;
      } else if (current === null) {
        continue;
      } else {
        next = step.fill(current);
        if (next === current) continue;
      }
      out ??= { ...source };
      out[step.name] = next;
    }
    return out ?? value;
  };
  fillers.set(dataClass, filler);
  steps = dataClass.fields.map((f) => ({
    name: f.name,
    fill: compileFiller(f.type),
    makeDefault: f.makeDefault,
    nullable: f.optionality === 'nullable',
  }));
  return filler;
}
