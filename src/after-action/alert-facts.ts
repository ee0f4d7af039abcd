import type { Kysely } from 'kysely';
import type { Actor } from '../platform/actor.js';
import type { Database } from '../platform/db/schema.js';
import { readReport } from '../sharing/after-action.js';
import { isAllowed } from '../sharing/policy.js';
import { reachOf } from './reach.js';

/** What an alert may say about a report to someone who may read it: its title, under the report's marking. */
export interface ReportForAlert {
  id: string;
  title: string;
  marking: string;
}

/**
 * The reports among `ids` this person may read now, for the alerts composed for them; a report they may not read
 * is left out, so its alert says only that there is something to look at.
 */
export async function reportsForAlert(
  db: Kysely<Database>,
  actor: Actor,
  ids: readonly string[],
): Promise<Map<string, ReportForAlert>> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return new Map();
  const rows = await db.selectFrom('after_action_reports').selectAll().where('id', 'in', wanted).execute();
  return new Map(
    rows
      .filter((row) => isAllowed(readReport, actor, reachOf(row)))
      .map((row) => [row.id, { id: row.id, title: row.title, marking: row.marking }]),
  );
}
