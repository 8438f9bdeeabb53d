import type { Activity, ActivityDefinition, Statement } from '../../xapi/statement.js';
import { contextActivityList } from './statement-terms.js';

/** Every activity a statement mentions that carries a definition: object, context, sub-statement. */
export function definedActivities(statement: Statement): Activity[] {
  const found: Activity[] = [];
  const visit = (object: Statement['object'] | undefined, context: Statement['context']) => {
    if (object && (object.objectType === undefined || object.objectType === 'Activity')) {
      found.push(object as Activity);
    }
    found.push(...contextActivityList(context));
  };
  visit(statement.object, statement.context);
  if (statement.object.objectType === 'SubStatement') {
    visit(statement.object.object, statement.object.context);
  }
  return found.filter((a) => a.definition !== undefined && typeof a.id === 'string');
}

const LANGUAGE_MAPS = new Set(['name', 'description']);

/**
 * The canonical definition after learning `incoming`: language maps are merged entry by entry,
 * every other property present in `incoming` replaces the stored one.
 */
export function mergeDefinition(
  existing: ActivityDefinition | undefined,
  incoming: ActivityDefinition,
): ActivityDefinition {
  if (!existing) return incoming;
  const merged: Record<string, unknown> = { ...existing };
  for (const [key, value] of Object.entries(incoming)) {
    const previous = merged[key];
    merged[key] =
      LANGUAGE_MAPS.has(key) && isPlainObject(previous) && isPlainObject(value)
        ? { ...previous, ...value }
        : value;
  }
  return merged as ActivityDefinition;
}

/** Folds the definitions of a batch into one incoming definition per activity id. */
export function definitionsById(statements: readonly Statement[]): Map<string, ActivityDefinition> {
  const byId = new Map<string, ActivityDefinition>();
  for (const statement of statements) {
    for (const activity of definedActivities(statement)) {
      byId.set(activity.id, mergeDefinition(byId.get(activity.id), activity.definition!));
    }
  }
  return byId;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
