import { term } from '../statements/statement-terms.js';
import type { StatementQuery } from './statement-store.js';

/**
 * The index terms a query needs, most selective first: each filter is one term, or two (either
 * matches) for related agents and related activities.
 */
export function queryTerms(query: StatementQuery): string[][] {
  const groups: string[][] = [];
  const either = (make: (related: boolean) => string, related: boolean | undefined) =>
    related ? [make(false), make(true)] : [make(false)];
  if (query.registration) groups.push([term.registration(query.registration)]);
  if (query.agent) groups.push(either((r) => term.agent(query.agent!, r), query.relatedAgents));
  if (query.activity) groups.push(either((r) => term.activity(query.activity!, r), query.relatedActivities));
  if (query.authority) groups.push([term.authority(query.authority)]);
  if (query.verb) groups.push([term.verb(query.verb)]);
  return groups;
}
