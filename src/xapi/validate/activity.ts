/** Activities, their definitions and interaction components (xAPI Data 2.4.4.1). */
import {
  type Checker,
  invalidObjectType,
  isJsonObject,
  type JsonObject,
  missingProperty,
  objectAt,
  type PathKey,
  quote,
  report,
  unknownProperty,
  wrongType,
} from './checker.js';
import {
  checkExtensions,
  checkIri,
  checkIrl,
  checkLanguageMap,
  checkString,
  checkStringArray,
} from './values.js';

/** The interaction component lists each interactionType supports (Data 2.4.4.1.s15). */
const COMPONENT_LISTS: Readonly<Record<string, readonly string[]>> = {
  'true-false': [],
  choice: ['choices'],
  'fill-in': [],
  'long-fill-in': [],
  matching: ['source', 'target'],
  performance: ['steps'],
  sequencing: ['choices'],
  likert: ['scale'],
  numeric: [],
  other: [],
};

function isInteractionType(v: unknown): v is string {
  return typeof v === 'string' && Object.hasOwn(COMPONENT_LISTS, v);
}

/** An Activity (objectType optional, `"Activity"` when present) with an IRI id. */
export function checkActivity(c: Checker, key: PathKey, v: unknown): void {
  const o = objectAt(c, key, v, 'an Activity object');
  if (o === undefined) return;
  c.path.push(key);
  checkActivityBody(c, o);
  c.path.pop();
}

/** The properties of an Activity already known to be an object; the caller has pushed its path. */
export function checkActivityBody(c: Checker, o: JsonObject): void {
  for (const key in o) {
    const v = o[key];
    if (v === undefined) continue;
    switch (key) {
      case 'objectType':
        if (v !== 'Activity') invalidObjectType(c, v, '"Activity"');
        break;
      case 'id':
        checkIri(c, key, v, 'an Activity id');
        break;
      case 'definition':
        checkDefinition(c, v);
        break;
      default:
        unknownProperty(c, key, 'an Activity');
    }
  }
  if (o.id === undefined) missingProperty(c, 'id', 'the Activity id (an IRI)');
}

function checkDefinition(c: Checker, v: unknown): void {
  const o = objectAt(c, 'definition', v, 'an Activity definition object');
  if (o === undefined) return;
  c.path.push('definition');
  const interactionType = o.interactionType;
  const lists = isInteractionType(interactionType) ? COMPONENT_LISTS[interactionType] : undefined;
  let interactionProperty: string | undefined;
  for (const key in o) {
    const value = o[key];
    if (value === undefined) continue;
    switch (key) {
      case 'name':
      case 'description':
        checkLanguageMap(c, key, value);
        break;
      case 'type':
        checkIri(c, key, value, 'an Activity type');
        break;
      case 'moreInfo':
        checkIrl(c, key, value, 'a moreInfo document');
        break;
      case 'extensions':
        checkExtensions(c, key, value);
        break;
      case 'interactionType':
        if (typeof value !== 'string') wrongType(c, key, value, 'an interaction type string');
        else if (lists === undefined) {
          report(
            c,
            key,
            'xapi.invalid_interaction_type',
            `expected one of ${Object.keys(COMPONENT_LISTS).join(', ')} (case-sensitive), got ${quote(value)}`,
          );
        }
        break;
      case 'correctResponsesPattern':
        interactionProperty ??= key;
        checkStringArray(c, key, value);
        break;
      case 'choices':
      case 'scale':
      case 'source':
      case 'target':
      case 'steps':
        interactionProperty ??= key;
        if (lists !== undefined && !lists.includes(key)) {
          report(
            c,
            key,
            'xapi.interaction_component_not_allowed',
            `interactionType ${quote(interactionType as string)} supports ${
              lists.length === 0 ? 'no component lists' : lists.join(' and ')
            }, not ${key}`,
          );
        }
        checkComponents(c, key, value);
        break;
      default:
        unknownProperty(c, key, 'an Activity definition');
    }
  }
  if (interactionProperty !== undefined && interactionType === undefined) {
    missingProperty(
      c,
      'interactionType',
      `the interactionType of an interaction with ${interactionProperty}`,
    );
  }
  c.path.pop();
}

/** An interaction component list: `{ id, description? }` objects whose ids are distinct. */
function checkComponents(c: Checker, key: string, v: unknown): void {
  if (!Array.isArray(v)) {
    wrongType(c, key, v, 'an array of interaction components { id, description }');
    return;
  }
  c.path.push(key);
  const seen = new Set<string>();
  for (let i = 0; i < v.length; i++) {
    const item: unknown = v[i];
    if (!isJsonObject(item)) {
      wrongType(c, i, item, 'an interaction component object { id, description }');
      continue;
    }
    c.path.push(i);
    for (const prop in item) {
      const value = item[prop];
      if (value === undefined) continue;
      if (prop === 'id') {
        if (checkString(c, prop, value)) {
          if (seen.has(value)) {
            report(c, prop, 'xapi.duplicate_component_id', `component ids must be distinct within ${key}`);
          }
          seen.add(value);
        }
      } else if (prop === 'description') {
        checkLanguageMap(c, prop, value);
      } else {
        unknownProperty(c, prop, 'an interaction component');
      }
    }
    if (item.id === undefined) missingProperty(c, 'id', 'the interaction component id (a string)');
    c.path.pop();
  }
  c.path.pop();
}
