import type Database from 'better-sqlite3';
import type { ActivityDefinition, Statement } from '../../../xapi/statement.js';
import { definitionsById, mergeDefinition } from '../../statements/activity-definitions.js';

/** Canonical activity definitions, merged from every statement that (re)defines an activity. */
export class SqliteActivities {
  /** The incoming definition last merged per activity id, so that re-sending it costs no query. */
  private readonly lastIncoming = new Map<string, string>();
  private readonly sql;

  constructor(db: Database.Database) {
    this.sql = {
      get: db.prepare('SELECT definition FROM activities WHERE activity_id = ?').pluck(),
      upsert: db.prepare(
        `INSERT INTO activities (activity_id, definition) VALUES (?, ?)
         ON CONFLICT (activity_id) DO UPDATE SET definition = excluded.definition`,
      ),
    };
  }

  /** Merges the definitions in `statements`; runs inside the caller's transaction. */
  learn(statements: readonly Statement[]): void {
    for (const [id, incoming] of definitionsById(statements)) {
      // Merging the definition merged last time again changes nothing: skip the common case.
      const incomingJson = JSON.stringify(incoming);
      if (this.lastIncoming.get(id) === incomingJson) continue;
      const currentJson = this.sql.get.get(id) as string | undefined;
      const merged = JSON.stringify(
        mergeDefinition(currentJson ? JSON.parse(currentJson) : undefined, incoming),
      );
      if (merged !== currentJson) this.sql.upsert.run(id, merged);
      if (this.lastIncoming.size > 100_000) this.lastIncoming.clear();
      this.lastIncoming.set(id, incomingJson);
    }
  }

  get(activityId: string): ActivityDefinition | undefined {
    const json = this.sql.get.get(activityId) as string | undefined;
    return json ? JSON.parse(json) : undefined;
  }

  getMany(activityIds: readonly string[]): Map<string, ActivityDefinition> {
    const found = new Map<string, ActivityDefinition>();
    for (const id of new Set(activityIds)) {
      const definition = this.get(id);
      if (definition) found.set(id, definition);
    }
    return found;
  }

  /** Forgets the cache, after a transaction that learned definitions rolled back. */
  reset(): void {
    this.lastIncoming.clear();
  }
}
