import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.js';

export interface IncidentCollectionRow {
  id: string;
  title: string;
  exercise: boolean;
}

/** The incidents a list scope covers (`incidentListScope`), newest first. */
export async function getIncidentsInScope(
  db: Kysely<Database>,
  scope: 'all' | 'releasable-to-nato',
): Promise<IncidentCollectionRow[]> {
  let q = db.selectFrom('incidents').select(['id', 'title', 'exercise']);
  if (scope === 'releasable-to-nato') q = q.where('releasable_to_nato', '=', 1);
  const rows = await q.orderBy('created_at', 'desc').execute();
  return rows.map((r) => ({ id: r.id, title: r.title, exercise: r.exercise === 1 }));
}

export interface GroupRow {
  id: string;
  name: string;
  ownerOrg: string;
  members: string[];
}

/** Sharing groups an organisation owns or belongs to, with their members as they are now, in two queries. */
export async function getGroupsOf(db: Kysely<Database>, organisation: string): Promise<GroupRow[]> {
  const groups = await db
    .selectFrom('sharing_groups as g')
    .select(['g.id', 'g.name', 'g.owner_org'])
    .where((eb) =>
      eb.or([
        eb('g.owner_org', '=', organisation),
        eb.exists(
          eb
            .selectFrom('sharing_group_members as m')
            .select('m.group_id')
            .whereRef('m.group_id', '=', 'g.id')
            .where('m.organisation', '=', organisation),
        ),
      ]),
    )
    .orderBy('g.name')
    .execute();
  if (groups.length === 0) return [];
  const members = await db
    .selectFrom('sharing_group_members')
    .select(['group_id', 'organisation'])
    .where(
      'group_id',
      'in',
      groups.map((g) => g.id),
    )
    .execute();
  return groups.map((g) => ({
    id: g.id,
    name: g.name,
    ownerOrg: g.owner_org,
    members: members.filter((m) => m.group_id === g.id).map((m) => m.organisation),
  }));
}

/** The incidents with entries shared with a sharing group now (by their latest reach). */
export async function getIncidentsSharedWithGroup(db: Kysely<Database>, groupId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('entries')
    .innerJoin('entry_reach as r', 'r.entry_id', 'entries.id')
    .select('entries.incident_id')
    .distinct()
    .where('r.sharing_group_id', '=', groupId)
    .execute();
  return rows.map((r) => r.incident_id);
}
