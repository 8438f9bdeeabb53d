import type {
  Activity,
  ActivityDefinition,
  Actor,
  Context,
  Statement,
  StatementObject,
  SubStatement,
} from '../../../xapi/statement.js';
import { isActorObject } from '../../statements/agent-ifi.js';
import { contextActivityList } from '../../statements/statement-terms.js';
import { pickLanguage } from './accept-language.js';

export type StatementFormat = 'exact' | 'ids' | 'canonical';

/** `format=ids`: agents, groups, activities and verbs reduced to what identifies them. */
export function toIdsFormat(statement: Statement): Statement {
  return mapStatement(statement, {
    actor: idsActor,
    activity: (a) => ({ ...(a.objectType ? { objectType: a.objectType } : {}), id: a.id }),
    verb: (v) => ({ id: v.id }),
  });
}

/**
 * `format=canonical`: activities carry the LRS's canonical definition and every language map (of
 * activities and verb displays) keeps one language, chosen by Accept-Language.
 */
export function toCanonicalFormat(
  statement: Statement,
  definitions: ReadonlyMap<string, ActivityDefinition>,
  languages: readonly string[],
): Statement {
  return mapStatement(statement, {
    actor: (a) => a,
    activity: (a) => {
      const definition = definitions.get(a.id) ?? a.definition;
      return definition ? { ...a, definition: oneLanguage(definition, languages) } : a;
    },
    verb: (v) => (v.display ? { ...v, display: pickLanguage(v.display, languages) } : v),
  });
}

/** Every activity id a statement mentions, for fetching canonical definitions in one go. */
export function activityIdsOf(statement: Statement): string[] {
  const ids: string[] = [];
  const visit = (object: StatementObject, context: Context | undefined) => {
    if (
      !isActorObject(object) &&
      object.objectType !== 'StatementRef' &&
      object.objectType !== 'SubStatement'
    ) {
      ids.push(object.id);
    }
    ids.push(...contextActivityList(context).map((a) => a.id));
  };
  visit(statement.object, statement.context);
  if (statement.object.objectType === 'SubStatement')
    visit(statement.object.object, statement.object.context);
  return ids;
}

function oneLanguage(definition: ActivityDefinition, languages: readonly string[]): ActivityDefinition {
  const out: Record<string, unknown> = { ...definition };
  for (const key of ['name', 'description'] as const) {
    const map = definition[key];
    if (map) out[key] = pickLanguage(map, languages);
  }
  for (const key of ['choices', 'scale', 'source', 'target', 'steps']) {
    const components = out[key];
    if (Array.isArray(components)) {
      out[key] = components.map((c: { description?: Record<string, string> }) =>
        c?.description ? { ...c, description: pickLanguage(c.description, languages) } : c,
      );
    }
  }
  return out as ActivityDefinition;
}

function idsActor(actor: Actor): Actor {
  const out: Record<string, unknown> = { objectType: actor.objectType ?? 'Agent' };
  for (const key of ['mbox', 'mbox_sha1sum', 'openid', 'account'] as const) {
    if (actor[key] !== undefined) out[key] = actor[key];
  }
  const identified = Object.keys(out).length > 1;
  if (actor.objectType === 'Group' && !identified && actor.member) out.member = actor.member.map(idsActor);
  return out as unknown as Actor;
}

interface Mappers {
  actor: (actor: Actor) => Actor;
  activity: (activity: Activity) => Activity;
  verb: (verb: Statement['verb']) => Statement['verb'];
}

function mapStatement<T extends Statement | SubStatement>(statement: T, m: Mappers): T {
  const out = { ...statement, actor: m.actor(statement.actor), verb: m.verb(statement.verb) } as T;
  out.object = mapObject(statement.object, m) as T['object'];
  if (statement.context) out.context = mapContext(statement.context, m);
  if ('authority' in statement && statement.authority)
    (out as Statement).authority = m.actor(statement.authority);
  return out;
}

function mapObject(object: StatementObject, m: Mappers): StatementObject {
  if (isActorObject(object)) return m.actor(object) as StatementObject;
  if (object.objectType === 'StatementRef') return object;
  if (object.objectType === 'SubStatement') return mapStatement(object, m);
  return m.activity(object);
}

function mapContext(context: Context, m: Mappers): Context {
  const out: Context = { ...context };
  if (context.instructor) out.instructor = m.actor(context.instructor);
  if (context.team) out.team = m.actor(context.team) as NonNullable<Context['team']>;
  if (context.contextActivities) {
    out.contextActivities = Object.fromEntries(
      Object.entries(context.contextActivities).map(([kind, list]) => [
        kind,
        (list as Activity[]).map(m.activity),
      ]),
    );
  }
  if (context.contextAgents) {
    out.contextAgents = context.contextAgents.map((c) => ({
      ...c,
      agent: m.actor(c.agent) as typeof c.agent,
    }));
  }
  if (context.contextGroups) {
    out.contextGroups = context.contextGroups.map((c) => ({
      ...c,
      group: m.actor(c.group) as typeof c.group,
    }));
  }
  return out;
}
