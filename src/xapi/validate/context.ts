/** The Context object, context activities and (2.0) context agents and groups (xAPI Data 2.4.6). */
import { checkActivity } from './activity.js';
import { checkActor, checkAgent, checkGroup } from './actor.js';
import {
  type Checker,
  invalidObjectType,
  isJsonObject,
  missingProperty,
  objectAt,
  type PathKey,
  report,
  unknownProperty,
  wrongType,
} from './checker.js';
import { checkStatementRef } from './object.js';
import { checkExtensions, checkIriArray, checkLanguageTag, checkString, checkUuid } from './values.js';

/** A statement's (or SubStatement's) context; `objectIsActivity` decides whether revision/platform may appear. */
export function checkContext(c: Checker, key: PathKey, v: unknown, objectIsActivity: boolean): void {
  const o = objectAt(c, key, v, 'a Context object');
  if (o === undefined) return;
  c.path.push(key);
  for (const prop in o) {
    const value = o[prop];
    if (value === undefined) continue;
    switch (prop) {
      case 'registration':
        checkUuid(c, prop, value);
        break;
      case 'instructor':
        checkActor(c, prop, value);
        break;
      case 'team':
        checkGroup(c, prop, value);
        break;
      case 'contextActivities':
        checkContextActivities(c, value);
        break;
      case 'revision':
      case 'platform':
        checkString(c, prop, value);
        if (!objectIsActivity) {
          report(
            c,
            prop,
            'xapi.context_property_requires_activity',
            `context.${prop} may only be used when the statement's object is an Activity`,
          );
        }
        break;
      case 'language':
        checkLanguageTag(c, prop, value);
        break;
      case 'statement':
        checkStatementRef(c, prop, value);
        break;
      case 'extensions':
        checkExtensions(c, prop, value);
        break;
      case 'contextAgents':
      case 'contextGroups':
        if (c.version !== '2.0.0') {
          report(
            c,
            prop,
            'xapi.unknown_property',
            `${prop} is an xAPI 2.0 property; it is not part of a 1.0.3 Context`,
          );
        } else if (prop === 'contextAgents') {
          checkContextMembers(c, prop, value, 'contextAgent');
        } else {
          checkContextMembers(c, prop, value, 'contextGroup');
        }
        break;
      default:
        unknownProperty(c, prop, 'a Context');
    }
  }
  c.path.pop();
}

const CONTEXT_ACTIVITY_KINDS = 'parent, grouping, category or other';

/**
 * parent / grouping / category / other, each an array of Activities. A single Activity object is
 * accepted too, as the specification allows for 0.95 compatibility (an LRS returns it as an array).
 */
function checkContextActivities(c: Checker, v: unknown): void {
  const o = objectAt(c, 'contextActivities', v, `an object of ${CONTEXT_ACTIVITY_KINDS} → Activities`);
  if (o === undefined) return;
  c.path.push('contextActivities');
  for (const prop in o) {
    const value = o[prop];
    if (value === undefined) continue;
    if (prop !== 'parent' && prop !== 'grouping' && prop !== 'category' && prop !== 'other') {
      unknownProperty(c, prop, `contextActivities, whose keys are ${CONTEXT_ACTIVITY_KINDS}`);
    } else if (Array.isArray(value)) {
      c.path.push(prop);
      for (let i = 0; i < value.length; i++) checkActivity(c, i, value[i]);
      c.path.pop();
    } else if (isJsonObject(value)) {
      checkActivity(c, prop, value);
    } else {
      wrongType(c, prop, value, 'an array of Activity objects');
    }
  }
  c.path.pop();
}

/** xAPI 2.0 `contextAgents` / `contextGroups`: arrays of `{ objectType, agent | group, relevantTypes? }`. */
function checkContextMembers(
  c: Checker,
  key: string,
  v: unknown,
  objectType: 'contextAgent' | 'contextGroup',
): void {
  if (!Array.isArray(v)) {
    wrongType(c, key, v, `an array of ${objectType} objects`);
    return;
  }
  const target = objectType === 'contextAgent' ? 'agent' : 'group';
  c.path.push(key);
  for (let i = 0; i < v.length; i++) {
    const item = objectAt(c, i, v[i], `a ${objectType} object`);
    if (item === undefined) continue;
    c.path.push(i);
    for (const prop in item) {
      const value = item[prop];
      if (value === undefined) continue;
      if (prop === 'objectType') {
        if (value !== objectType) invalidObjectType(c, value, `"${objectType}"`);
      } else if (prop === target) {
        if (target === 'agent') checkAgent(c, prop, value, false);
        else checkGroup(c, prop, value);
      } else if (prop === 'relevantTypes') {
        checkIriArray(c, prop, value, 'relevant type');
      } else {
        unknownProperty(c, prop, `a ${objectType}`);
      }
    }
    if (item.objectType === undefined) missingProperty(c, 'objectType', `"${objectType}"`);
    if (item[target] === undefined) {
      missingProperty(c, target, target === 'agent' ? 'the context Agent' : 'the context Group');
    }
    c.path.pop();
  }
  c.path.pop();
}
