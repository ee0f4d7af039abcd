/**
 * Keeps the cached entry lists, search results and incidents in step with what the live stream reports.
 *
 * A list fetched while an event arrives may have been read before that event happened, and would then overwrite
 * it. So every change is also written to a short journal, and a fetched list has the changes that arrived while
 * it was on its way applied on top (in order, so the last word about an entry wins).
 */
import type { QueryClient } from '@tanstack/react-query';
import { keys } from './keys.js';
import type { Assessment, Entry, Incident, IncidentSummary, SearchHit } from './types.js';

type Change = { type: 'upsert'; entry: Entry } | { type: 'remove'; entryId: string };

/** The list with `entry` in it, replacing an earlier copy; kept oldest first, as the server sends it. */
export function withEntry(items: readonly Entry[], entry: Entry): Entry[] {
  const rest = items.filter((item) => item.id !== entry.id);
  const at = rest.findIndex((item) => item.seq > entry.seq);
  if (at < 0) return [...rest, entry];
  return [...rest.slice(0, at), entry, ...rest.slice(at)];
}

export function withoutEntry(items: readonly Entry[], entryId: string): Entry[] {
  return items.filter((item) => item.id !== entryId);
}

function apply(items: readonly Entry[], change: Change): Entry[] {
  return change.type === 'upsert' ? withEntry(items, change.entry) : withoutEntry(items, change.entryId);
}

const JOURNAL_SIZE = 500;
let position = 0;
const journal: { position: number; incidentId: string; change: Change }[] = [];

/** Where the journal stands now; pass it to `replayJournal` once the fetch started now has its answer. */
export function journalPosition(): number {
  return position;
}

/** A freshly fetched list with the changes that arrived after `since` applied on top. */
export function replayJournal(incidentId: string, items: Entry[], since: number): Entry[] {
  let out = items;
  for (const recorded of journal) {
    if (recorded.position > since && recorded.incidentId === incidentId) out = apply(out, recorded.change);
  }
  return out;
}

/** Forgets every recorded change (on sign-out: the next person must not inherit them). */
export function clearJournal(): void {
  journal.length = 0;
}

function record(incidentId: string, change: Change): void {
  position += 1;
  journal.push({ position, incidentId, change });
  if (journal.length > JOURNAL_SIZE) journal.splice(0, journal.length - JOURNAL_SIZE);
}

function later(a: string, b: string): string {
  return new Date(b).getTime() > new Date(a).getTime() ? b : a;
}

/** A new or changed entry (from the stream or from one's own post): insert or replace it wherever it is cached. */
export function entryArrived(queryClient: QueryClient, entry: Entry): void {
  const { incidentId } = entry;
  record(incidentId, { type: 'upsert', entry });
  queryClient.setQueryData<Entry[]>(keys.entries(incidentId), (old) => (old ? withEntry(old, entry) : old));
  queryClient.setQueriesData<SearchHit[]>({ queryKey: keys.searchAll }, (old) =>
    old?.map((hit) => (hit.entry?.id === entry.id ? { ...hit, entry } : hit)),
  );
  queryClient.setQueryData<Incident>(keys.incident(incidentId), (old) =>
    old ? { ...old, lastActivityAt: later(old.lastActivityAt, entry.createdAt) } : old,
  );
  const list = queryClient.getQueryData<IncidentSummary[]>(keys.incidents);
  if (!list) return;
  if (list.some((incident) => incident.id === incidentId)) {
    queryClient.setQueryData<IncidentSummary[]>(keys.incidents, (old) =>
      old?.map((incident) =>
        incident.id === incidentId
          ? { ...incident, lastActivityAt: later(incident.lastActivityAt, entry.createdAt) }
          : incident,
      ),
    );
  } else {
    // An incident we have not listed yet: reported just now, or newly shared with us.
    void queryClient.invalidateQueries({ queryKey: keys.incidents, exact: true });
  }
}

/** An entry the reader may no longer see: gone at once from every list. */
export function entryWithdrawn(queryClient: QueryClient, incidentId: string, entryId: string): void {
  record(incidentId, { type: 'remove', entryId });
  queryClient.setQueryData<Entry[]>(keys.entries(incidentId), (old) =>
    old ? withoutEntry(old, entryId) : old,
  );
  queryClient.setQueriesData<SearchHit[]>({ queryKey: keys.searchAll }, (old) =>
    old?.filter((hit) => hit.entry?.id !== entryId),
  );
}

/** The incident's assessment was recomputed: the same for everyone who may see the incident. */
export function assessmentChanged(
  queryClient: QueryClient,
  incidentId: string,
  assessment: Assessment,
): void {
  queryClient.setQueryData<Incident>(keys.incident(incidentId), (old) =>
    old ? { ...old, assessment, status: assessment.status } : old,
  );
  queryClient.setQueryData<IncidentSummary[]>(keys.incidents, (old) =>
    old?.map((incident) =>
      incident.id === incidentId ? { ...incident, assessment, status: assessment.status } : incident,
    ),
  );
}
