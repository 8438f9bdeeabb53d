import type { Activity, Context, Statement, SubStatement } from '../../xapi/statement.js';
import { actorIfiKeys, isActorObject } from './agent-ifi.js';

export const VOIDED_VERB = 'http://adlnet.gov/expapi/verbs/voided';

/**
 * Index terms: every filter of GET statements is a lookup of one or two terms. The prefixes are
 * `v|` verb, `a|` agent as actor or object, `A|` agent only in another role (authority,
 * instructor, team, context agents, sub-statement), `o|` object activity, `O|` activity only
 * elsewhere (context activities, sub-statement), `r|` registration and `u|` authority (for the
 * `statements/read/mine` scope). A related filter looks up both `a|` and `A|` (or `o|` and `O|`):
 * keeping the sets disjoint halves the random index writes of every insert.
 */
export const term = {
  verb: (id: string) => `v|${id}`,
  agent: (ifi: string, related: boolean) => `${related ? 'A' : 'a'}|${ifi}`,
  activity: (id: string, related: boolean) => `${related ? 'O' : 'o'}|${id}`,
  registration: (uuid: string) => `r|${uuid.toLowerCase()}`,
  authority: (ifi: string) => `u|${ifi}`,
};

/** Terms that a statement targeting this one by StatementRef does not inherit. */
export function isInheritedTerm(value: string): boolean {
  return !value.startsWith('u|');
}

/** The index terms of one statement, without those inherited through a StatementRef. */
export function statementTerms(statement: Statement): string[] {
  const direct = new Set<string>();
  const related = new Set<string>();
  const activities = new Set<string>();
  const relatedActivities = new Set<string>();
  for (const ifi of actorIfiKeys(statement.actor)) direct.add(ifi);
  const object = statement.object;
  if (isActorObject(object)) {
    for (const ifi of actorIfiKeys(object)) direct.add(ifi);
  } else if (object.objectType === 'SubStatement') {
    addSubStatement(related, relatedActivities, object);
  } else if (object.objectType !== 'StatementRef') {
    activities.add(object.id);
  }
  addContext(related, relatedActivities, statement.context);
  const authority = actorIfiKeys(statement.authority);
  for (const ifi of authority) related.add(ifi);
  const terms = [term.verb(statement.verb.id)];
  for (const ifi of direct) terms.push(term.agent(ifi, false));
  for (const ifi of related) if (!direct.has(ifi)) terms.push(term.agent(ifi, true));
  for (const id of activities) terms.push(term.activity(id, false));
  for (const id of relatedActivities) if (!activities.has(id)) terms.push(term.activity(id, true));
  if (statement.context?.registration) terms.push(term.registration(statement.context.registration));
  for (const ifi of authority) terms.push(term.authority(ifi));
  return terms;
}

function addSubStatement(agents: Set<string>, activities: Set<string>, sub: SubStatement): void {
  for (const ifi of actorIfiKeys(sub.actor)) agents.add(ifi);
  const object = sub.object;
  if (isActorObject(object)) {
    for (const ifi of actorIfiKeys(object)) agents.add(ifi);
  } else if (object.objectType !== 'StatementRef') {
    activities.add(object.id);
  }
  addContext(agents, activities, sub.context);
}

function addContext(agents: Set<string>, activities: Set<string>, context: Context | undefined): void {
  if (!context) return;
  for (const ifi of actorIfiKeys(context.instructor)) agents.add(ifi);
  for (const ifi of actorIfiKeys(context.team)) agents.add(ifi);
  for (const contextAgent of context.contextAgents ?? []) {
    for (const ifi of actorIfiKeys(contextAgent.agent)) agents.add(ifi);
  }
  for (const contextGroup of context.contextGroups ?? []) {
    for (const ifi of actorIfiKeys(contextGroup.group)) agents.add(ifi);
  }
  for (const activity of contextActivityList(context)) activities.add(activity.id);
}

/** Every activity in a context's `contextActivities`, whether sent as arrays or single objects. */
export function contextActivityList(context: Context | undefined): Activity[] {
  const groups = context?.contextActivities;
  if (!groups) return [];
  const all: Activity[] = [];
  for (const value of [groups.parent, groups.grouping, groups.category, groups.other]) {
    if (Array.isArray(value)) all.push(...value);
    else if (value && typeof value === 'object') all.push(value as Activity);
  }
  return all;
}

/** The id a statement targets with a StatementRef object, lowercased, if any. */
export function statementRefTarget(statement: Statement): string | undefined {
  return statement.object.objectType === 'StatementRef' ? statement.object.id.toLowerCase() : undefined;
}

export function isVoidingStatement(statement: Statement): boolean {
  return statement.verb.id === VOIDED_VERB && statement.object.objectType === 'StatementRef';
}
