/**
 * Incident logs built in memory, for testing the pure projections (incident view, picture) without a database.
 */
import { assessIncidentFacts } from '../../src/blueprint/rules.js';
import type { StoredEntry } from '../../src/entries/store.js';
import { currentFacts } from '../../src/incidents/rules.js';
import type { IncidentRow } from '../../src/incidents/store.js';
import { factsOf, type IncidentLog } from '../../src/incidents/view-rules.js';
import type { Actor } from '../../src/platform/actor.js';
import { defaultAudience } from '../../src/sharing/entries.js';

export const T0 = '2026-11-28T08:00:00.000Z';

export function actorOf(organisation: string, userId = `user-${organisation}`): Actor {
  return {
    userId,
    email: `${userId}@example.eu`,
    displayName: userId,
    organisation,
    role: 'coordinator',
    via: 'session',
  };
}

let seq = 0;

/** A stored entry with GREEN reach for every participating organisation unless told otherwise. */
export function storedEntry(
  kind: string,
  body: Record<string, unknown>,
  over: Partial<StoredEntry> & { authorOrg?: string } = {},
): StoredEntry {
  seq += 1;
  const authorOrg = over.authorOrg ?? 'FI';
  return {
    id: `entry-${seq}`,
    seq,
    incidentId: 'incident-1',
    kind,
    createdAt: new Date(Date.parse(T0) + seq * 60_000).toISOString(),
    authorUserId: `user-${authorOrg}`,
    authorName: `user-${authorOrg}`,
    authorOrg,
    body: JSON.stringify(body),
    supersedes: null,
    marking: 'TLP:GREEN',
    audience: defaultAudience(),
    presidency: null,
    recipients: [],
    releasableToNato: false,
    reachChangedBy: null,
    reachChangedAt: T0,
    group: null,
    attachments: [],
    ...over,
  };
}

export function reportBody(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'Cable cut',
    reportedBy: 'FI',
    occurredAt: T0,
    impacts: [{ memberState: 'FI', level: 'significant' }],
    ...over,
  };
}

export function updateBody(over: Record<string, unknown> = {}): Record<string, unknown> {
  return { stage: 'other', text: 'update', ...over };
}

/**
 * The log as a reader sees it: `visible` names the entries they may see (the loader asks the sharing rules), the
 * row carries the assessment of all the facts, as a command stores it.
 */
export function logOf(
  entries: StoredEntry[],
  visible: readonly StoredEntry[],
  over: Partial<IncidentLog> = {},
): IncidentLog {
  const draft: IncidentLog = {
    row: rowOf('[]'),
    entries,
    visible: new Set(visible.map((e) => e.id)),
    hidden: [],
    lastActivityAt: null,
    latestContribution: new Map(),
    ...over,
  };
  const assessment = assessIncidentFacts(currentFacts(factsOf(draft)));
  return { ...draft, row: { ...rowOf(JSON.stringify(assessment)), ...over.row } };
}

function rowOf(assessment: string): IncidentRow {
  return {
    id: 'incident-1',
    title: 'Cable cut',
    search_title: 'cable cut',
    reported_by: 'FI',
    occurred_at: T0,
    created_at: T0,
    last_activity_at: T0,
    exercise: 0,
    releasable_to_nato: 0,
    status: 'applies',
    assessment,
    blueprint_state: 'none',
    activated_at: null,
    sectors: '["energy"]',
    member_states: '["FI"]',
    merged_into: null,
    presidency: null,
  };
}
