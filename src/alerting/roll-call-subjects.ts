import type { Kysely } from 'kysely';
import { reportsForAlert } from '../after-action/alert-facts.js';
import { loadEntries, mayReadLoaded } from '../entries/live.js';
import type { Actor } from '../platform/actor.js';
import type { Database } from '../platform/db/schema.js';
import { isAllowed } from '../sharing/policy.js';
import { readSitrep, sitrepApprovers } from '../sharing/sitreps.js';

interface AlertRow {
  id: string;
  kind: string;
  body: string;
}

/**
 * Whether the reader may see what each alert is about (`readRollCallAlert`): the published sitrep, the action's
 * entry, the distributed post-incident report, or nothing for a reporting clock (kept from the organisation's own
 * entities). Other alerts are about the incident's shared facts. Three queries, however many alerts.
 */
export async function subjectsSeenBy(
  db: Kysely<Database>,
  actor: Actor,
  rows: readonly AlertRow[],
  presidency: string | null,
): Promise<Map<string, boolean>> {
  const bodies = new Map(rows.map((r) => [r.id, JSON.parse(r.body) as Record<string, unknown>]));
  const idOf = (r: AlertRow, field: string) => {
    const v = bodies.get(r.id)?.[field];
    return typeof v === 'string' ? v : null;
  };
  const sitrepIds = rows
    .filter((r) => r.kind === 'sitrep-published')
    .map((r) => idOf(r, 'sitrepId'))
    .filter((v): v is string => v !== null);
  const entryIds = rows
    .filter((r) => r.kind === 'action-assigned')
    .map((r) => idOf(r, 'entryId'))
    .filter((v): v is string => v !== null);
  const sitreps = new Map(
    (sitrepIds.length > 0
      ? await db
          .selectFrom('sitreps')
          .select(['id', 'state', 'created_org', 'audience', 'nato', 'contributors'])
          .where('id', 'in', sitrepIds)
          .execute()
      : []
    ).map((s) => [s.id, s]),
  );
  const entries = new Map((await loadEntries(db, entryIds)).map((l) => [l.entry.id, l]));
  const readableReports = await reportsForAlert(
    db,
    actor,
    rows
      .filter((r) => r.kind === 'after-action-report-distributed')
      .map((r) => idOf(r, 'reportId'))
      .filter((v): v is string => v !== null),
  );
  const seen = new Map<string, boolean>();
  for (const r of rows) {
    if (r.kind === 'sitrep-published') {
      const s = sitreps.get(idOf(r, 'sitrepId') ?? '');
      seen.set(
        r.id,
        s !== undefined &&
          isAllowed(readSitrep, actor, {
            state: s.state as 'draft' | 'published',
            authorOrg: s.created_org,
            audience: JSON.parse(s.audience) as string[],
            nato: Number(s.nato) === 1,
            contributors: JSON.parse(s.contributors) as string[],
            approvers: sitrepApprovers(presidency),
          }),
      );
    } else if (r.kind === 'action-assigned') {
      const e = entries.get(idOf(r, 'entryId') ?? '');
      seen.set(r.id, e !== undefined && mayReadLoaded(actor, e));
    } else if (r.kind === 'after-action-report-distributed') {
      seen.set(r.id, readableReports.has(idOf(r, 'reportId') ?? ''));
    } else seen.set(r.id, r.kind !== 'reporting-clock-reminder');
  }
  return seen;
}
