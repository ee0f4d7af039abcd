import type { Kysely } from 'kysely';
import { registerFor, registerForReader } from '../cepes/references.js';
import { mayRead, readerOf } from '../entries/flows.js';
import { hiddenNamesFor } from '../entries/live.js';
import * as entryStore from '../entries/store.js';
import type { Actor } from '../platform/actor.js';
import type { Database } from '../platform/db/schema.js';
import { NotFound } from '../platform/errors.js';
import { presidencyOf } from '../presidency/flows.js';
import * as incidentPolicy from '../sharing/incidents.js';
import { isAllowed } from '../sharing/policy.js';
import type { IncidentSummary } from './model.js';
import { logFactOf, storedAssessmentRecord } from './rules.js';
import * as store from './store.js';
import {
  CONTRIBUTION_KINDS,
  FACT_KINDS,
  type IncidentLog,
  LOG_KINDS,
  sectorsSeen,
  summaryOf,
} from './view-rules.js';

/** The incident's row when this reader may see the incident; otherwise 404, so its existence is not revealed. */
export async function visibleIncidentRow(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  lock = false,
): Promise<store.IncidentRow> {
  const row = await store.getIncident(db, id, lock);
  if (
    !row ||
    !isAllowed(incidentPolicy.readIncident, actor, { releasableToNato: row.releasable_to_nato === 1 })
  ) {
    throw new NotFound(`no incident ${id}`);
  }
  return row;
}

/**
 * An incident's log for one reader in a handful of queries whatever its length: the row, the entries every view
 * folds (with their reach, attachments and groups), and one aggregate of when the reader's visible entries were
 * written. Which entries the reader may see, and which names, is decided in memory by the sharing rules, as the
 * live stream decides.
 */
export async function loadIncidentLog(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  /** The row, when a command already read it under its lock. */
  known?: store.IncidentRow,
): Promise<IncidentLog> {
  const row = known ?? (await visibleIncidentRow(db, actor, id));
  const [entries, activity, presidency] = await Promise.all([
    loadLogEntries(db, id),
    store.getVisibleActivityByOrganisation(db, readerOf(actor), id, CONTRIBUTION_KINDS),
    presidencyOf(db, id),
  ]);
  return withRegister(db, actor, { ...readerLogOf(actor, row, entries, activity), presidency });
}

/**
 * Who holds the Presidency for the incident, as the log's rows brought it (every row read from the store carries
 * the incident's holder, `presidencyOf`): read afresh only for a log without rows.
 */
export async function presidencyOfLog(
  db: Kysely<Database>,
  incidentId: string,
  entries: readonly entryStore.StoredEntry[],
): Promise<string | null> {
  const first = entries[0];
  return first ? first.presidency : presidencyOf(db, incidentId);
}

/** The entries every view of an incident folds, whatever their reach, oldest first (see `LOG_KINDS`). */
export function loadLogEntries(db: Kysely<Database>, incidentId: string): Promise<entryStore.StoredEntry[]> {
  return entryStore.getEntriesOfIncidents(db, [incidentId], LOG_KINDS, true);
}

/**
 * The log for a reader after a command wrote to it: the row as the command left it and the entries it decided on
 * (a status change it recorded adds nothing any view folds), with when the reader's visible entries were written
 * read afresh.
 */
export async function logAfterWrite(
  db: Kysely<Database>,
  actor: Actor,
  row: store.IncidentRow,
  entries: readonly entryStore.StoredEntry[],
  /** The holder the command's log read brought with its rows (`presidencyOfLog`), so it is not read again. */
  presidency: string | null,
): Promise<IncidentLog> {
  const activity = await store.getVisibleActivityByOrganisation(
    db,
    readerOf(actor),
    row.id,
    CONTRIBUTION_KINDS,
  );
  return withRegister(db, actor, { ...readerLogOf(actor, row, entries, activity), presidency });
}

/**
 * The log with what the CEPES register says of the entities its reports and updates reference, in one query, and
 * none when no entity references it.
 */
async function withRegister(db: Kysely<Database>, actor: Actor, log: IncidentLog): Promise<IncidentLog> {
  const naming = log.entries.filter((e) => e.kind === 'report' || e.kind === 'update');
  if (!naming.some((e) => e.body.includes('"cepesId"'))) return log;
  const cepes = await registerForReader(
    db,
    actor,
    naming,
    naming.filter((e) => log.visible.has(e.id)),
  );
  return { ...log, cepes };
}

/** What this reader may see of these entries, decided in memory by the sharing rules. */
function readerLogOf(
  actor: Actor,
  row: store.IncidentRow,
  entries: readonly entryStore.StoredEntry[],
  activity: Awaited<ReturnType<typeof store.getVisibleActivityByOrganisation>>,
): IncidentLog {
  const incident = { id: row.id, releasableToNato: row.releasable_to_nato === 1 };
  const visible = new Set(entries.filter((e) => mayRead(actor, incident, e)).map((e) => e.id));
  const latestContribution = new Map<string, string>();
  let lastActivityAt: string | null = null;
  for (const a of activity) {
    if (a.latestContribution !== null) latestContribution.set(a.organisation, a.latestContribution);
    if (lastActivityAt === null || a.latest > lastActivityAt) lastActivityAt = a.latest;
  }
  return {
    row,
    entries,
    visible,
    hidden: hiddenNamesFor(
      actor,
      incident,
      entries.filter((e) => e.kind === 'report' || e.kind === 'update'),
    ),
    lastActivityAt,
    latestContribution,
  };
}

/**
 * Summaries of many incidents for one reader in a constant number of queries: last activity, the entries naming
 * entities and, for rows stored before assessments were kept as facts, their facts, each for all incidents at once.
 */
export async function loadSummaries(
  db: Kysely<Database>,
  actor: Actor,
  rows: readonly store.IncidentRow[],
): Promise<IncidentSummary[]> {
  const out: IncidentSummary[] = [];
  for (let i = 0; i < rows.length; i += 500) {
    const batch = rows.slice(i, i + 500);
    const ids = batch.map((r) => r.id);
    // Rows stored before assessments were kept as facts are assessed again from their facts.
    const legacy = batch.filter((r) => storedAssessmentRecord(r.assessment) === undefined).map((r) => r.id);
    const [activity, naming, legacyFacts] = await Promise.all([
      store.getLastVisibleActivity(db, readerOf(actor), ids),
      entryStore.getEntriesOfIncidents(db, ids, ['report', 'update']),
      store.getFactEntriesOf(db, legacy, FACT_KINDS),
    ]);
    const namingOf = groupBy(naming, (e) => e.incidentId);
    const factsOf = groupBy(legacyFacts, (f) => f.incident_id);
    // Verdicts for the entities those facts reference: one query for the page, none when nothing references one.
    const register = await registerFor(db, legacyFacts.flatMap(entitiesNamed));
    for (const row of batch) {
      const incident = { id: row.id, releasableToNato: row.releasable_to_nato === 1 };
      const named = namingOf.get(row.id) ?? [];
      const seen = {
        hidden: hiddenNamesFor(actor, incident, named),
        lastActivityAt: activity.get(row.id) ?? null,
        sectors: sectorsSeen(
          actor,
          named.filter((e) => mayRead(actor, incident, e)),
        ),
      };
      const facts = () => (factsOf.get(row.id) ?? []).map(logFactOf);
      out.push(summaryOf(row, seen, facts, actor, register));
    }
  }
  return out;
}

/** The entities a stored report or update names (none for other kinds). */
function entitiesNamed(fact: { body: string }): Array<{ cepesId?: string }> {
  const body = JSON.parse(fact.body) as { entities?: unknown };
  return Array.isArray(body.entities) ? (body.entities as Array<{ cepesId?: string }>) : [];
}

function groupBy<T>(list: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of list) {
    const group = out.get(key(item));
    if (group) group.push(item);
    else out.set(key(item), [item]);
  }
  return out;
}
