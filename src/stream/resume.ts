import { notificationForStream } from '../alerting/flows.js';
import {
  incidentVisible,
  type LoadedEntry,
  loadEntries,
  loadEntriesForPresidency,
  loadEntriesOfGroup,
  mayReadLoaded,
  mayReadUnder,
  presentLoaded,
} from '../entries/live.js';
import { reachOf } from '../entries/rules.js';
import { readerAssessment } from '../incidents/flows.js';
import type { AccessRecord } from '../platform/access-log.js';
import type { Platform } from '../platform/context.js';
import { eventsAfter, type ReachBefore } from '../platform/realtime/events.js';
import { receiveNotification } from '../sharing/notifications.js';
import { isAllowed } from '../sharing/policy.js';
import { reachBefore } from './reach-before.js';
import * as store from './store.js';
import { block, type Subscriber } from './subscriber.js';

const PAGE = 1_000;
/** Entries loaded and presented at a time while catching up. */
const WINDOW = 500;

/** What the reader could see of an entry at the resume point, as far as the events after it tell. */
type Before =
  | { kind: 'new' }
  | { kind: 'reach'; reach: ReachBefore }
  | { kind: 'group'; groupId: string }
  /** Addressed to `PRESIDENCY` while `holder` held it. */
  | { kind: 'presidency'; holder: string | null };

interface Touched {
  before: Before;
  /** The last position that concerned the entry: the position its outcome is sent at. */
  last: number;
}

/**
 * A reconnecting stream catches up on everything after its `Last-Event-ID`, page by page (no cap): for each entry
 * an event touched, `entry` when the reader may see it now, `entry-withdrawn` when they could see it before and
 * no longer can; the current assessment of each incident whose assessment changed; the notifications of their
 * organisation. Each is sent at the position of the last event that concerned it, in position order, so a
 * stream that drops again resumes without gaps.
 */
export async function catchUp(platform: Platform, s: Subscriber, after: number, upTo: number): Promise<void> {
  const db = platform.db.kysely;
  const touched = new Map<string, Touched>();
  const groupsBefore = new Map<string, { members: string[]; last: number }>();
  const assessments = new Map<string, number>();
  const notifications: Array<{ id: string; position: number }> = [];
  /** The holder at the resume point (the first change's `previous`) and the last change's position. */
  let presidencyBefore: { holder: string | null; last: number } | undefined;

  for (let cursor = after; cursor < upTo; ) {
    const page = await eventsAfter(db, cursor, PAGE, upTo);
    if (page.length === 0) break;
    for (const { position, event } of page) {
      switch (event.type) {
        case 'entry': {
          const t = touched.get(event.entryId);
          if (t) t.last = position;
          else touched.set(event.entryId, { before: { kind: 'new' }, last: position });
          break;
        }
        case 'reach-changed': {
          const t = touched.get(event.entryId);
          if (t) t.last = position;
          else
            touched.set(event.entryId, { before: { kind: 'reach', reach: event.previous }, last: position });
          break;
        }
        case 'group-changed': {
          const g = groupsBefore.get(event.groupId);
          if (g) g.last = position;
          else groupsBefore.set(event.groupId, { members: event.previousMembers, last: position });
          break;
        }
        case 'assessment':
          assessments.set(event.incidentId, position);
          break;
        case 'notification':
          if (isAllowed(receiveNotification, s.actor, event.organisation))
            notifications.push({ id: event.notificationId, position });
          break;
        case 'presidency-changed':
          if (presidencyBefore) presidencyBefore.last = position;
          else presidencyBefore = { holder: event.previous, last: position };
          break;
        case 'principal-changed':
          // The stream was authenticated just now; later changes reach it live.
          break;
      }
    }
    cursor = page[page.length - 1]!.position;
  }

  // Entries of a group whose membership changed are touched by the change, unless an event of their own says more.
  for (const [groupId, g] of groupsBefore) {
    for (const l of await loadEntriesOfGroup(db, groupId)) {
      const t = touched.get(l.entry.id);
      if (!t) touched.set(l.entry.id, { before: { kind: 'group', groupId }, last: g.last });
      else t.last = Math.max(t.last, g.last);
    }
  }

  // Entries addressed to the Presidency are touched by a change of term, unless an event of their own says more.
  if (presidencyBefore) {
    const { holder, last } = presidencyBefore;
    for (const l of await loadEntriesForPresidency(db)) {
      const t = touched.get(l.entry.id);
      if (!t) touched.set(l.entry.id, { before: { kind: 'presidency', holder }, last });
      else t.last = Math.max(t.last, last);
    }
  }

  // What to send, in position order; loaded and presented a window at a time, so memory stays bounded.
  const items: Item[] = [
    ...[...touched].map(([entryId, t]): Item => ({ position: t.last, entryId, touched: t })),
    ...[...assessments].map(([incidentId, position]): Item => ({ position, incidentId })),
    ...notifications.map((n): Item => ({ position: n.position, notificationId: n.id })),
  ].sort((a, b) => a.position - b.position);
  for (let i = 0; i < items.length && !s.closed; ) {
    // A window never splits a position: its blocks must go out together.
    let end = Math.min(items.length, i + WINDOW);
    while (end < items.length && items[end]!.position === items[end - 1]!.position) end++;
    const window = items.slice(i, end);
    i = end;
    const loaded = new Map<string, LoadedEntry>();
    const ids = window.flatMap((it) => ('entryId' in it ? [it.entryId] : []));
    for (const l of await loadEntries(db, ids)) loaded.set(l.entry.id, l);
    const out: Array<{ position: number; text: string }> = [];
    const reads: AccessRecord[] = [];
    for (const it of window) {
      const text = await render(platform, s, it, loaded, groupsBefore, reads);
      if (text) out.push({ position: it.position, text });
    }
    platform.accessLog.record(reads);
    sendGrouped(s, out);
  }
}

type Item =
  | { position: number; entryId: string; touched: Touched }
  | { position: number; incidentId: string }
  | { position: number; notificationId: string };

async function render(
  platform: Platform,
  s: Subscriber,
  it: Item,
  loaded: ReadonlyMap<string, LoadedEntry>,
  groupsBefore: ReadonlyMap<string, { members: string[] }>,
  reads: AccessRecord[],
): Promise<string | undefined> {
  if ('entryId' in it) {
    const l = loaded.get(it.entryId);
    if (!l) return undefined;
    if (mayReadLoaded(s.actor, l)) {
      reads.push({
        userId: s.actor.userId,
        organisation: s.actor.organisation,
        entryId: it.entryId,
        marking: l.entry.marking,
        path: 'stream',
      });
      return block('entry', presentLoaded(s.actor, l));
    }
    if (hadBefore(s, l, it.touched.before, groupsBefore))
      return block('entry-withdrawn', { incidentId: l.entry.incidentId, entryId: it.entryId });
    return undefined;
  }
  if ('incidentId' in it) {
    const db = platform.db.kysely;
    const row = await store.getIncidentAssessmentRow(db, it.incidentId);
    if (!row || !incidentVisible(s.actor, { id: row.id, releasableToNato: row.releasable_to_nato === 1 }))
      return undefined;
    return block('assessment', {
      incidentId: it.incidentId,
      assessment: await readerAssessment(db, s.actor, row),
    });
  }
  const notification = await notificationForStream(platform, s.actor, it.notificationId);
  return notification && block('notification', notification);
}

/** The blocks of one position go out together, the last of them with the id. */
function sendGrouped(s: Subscriber, out: ReadonlyArray<{ position: number; text: string }>) {
  for (let i = 0; i < out.length; ) {
    let j = i;
    while (j < out.length && out[j]!.position === out[i]!.position) j++;
    s.sendCaughtUp(
      out[i]!.position,
      out.slice(i, j).map((o) => o.text),
    );
    i = j;
  }
}

function hadBefore(
  s: Subscriber,
  l: LoadedEntry,
  before: Before,
  groupsBefore: ReadonlyMap<string, { members: string[] }>,
): boolean {
  switch (before.kind) {
    case 'new':
      return false;
    case 'reach':
      return mayReadUnder(s.actor, l.incident, reachBefore(before.reach, l));
    case 'presidency':
      return mayReadUnder(s.actor, l.incident, { ...reachOf(l.entry), presidency: before.holder });
    case 'group': {
      const members = groupsBefore.get(before.groupId)?.members ?? l.entry.group?.members ?? [];
      return mayReadUnder(s.actor, l.incident, { ...reachOf(l.entry), groupMembers: members });
    }
  }
}
