import { notificationForStream } from '../alerting/flows.js';
import {
  incidentVisible,
  type LoadedEntry,
  loadEntries,
  loadEntriesOfGroup,
  mayReadLoaded,
  mayReadUnder,
  presentLoaded,
} from '../entries/live.js';
import { reachOf } from '../entries/rules.js';
import { readerAssessment } from '../incidents/flows.js';
import type { AccessRecord } from '../platform/access-log.js';
import type { Platform } from '../platform/context.js';
import { eventsAfter } from '../platform/realtime/events.js';
import type { EntryReach } from '../sharing/entries.js';
import * as store from './store.js';
import { block, type Subscriber } from './subscriber.js';

const PAGE = 1_000;

/** What the reader could see of an entry at the resume point, as far as the events after it tell. */
type Before = { kind: 'new' } | { kind: 'reach'; reach: EntryReach } | { kind: 'group'; groupId: string };

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
export async function catchUp(
  platform: Platform,
  s: Subscriber,
  after: number,
  upTo: number,
): Promise<Array<{ position: number; blocks: string[] }>> {
  const db = platform.db.kysely;
  const touched = new Map<string, Touched>();
  const groupsBefore = new Map<string, { members: string[]; last: number }>();
  const assessments = new Map<string, number>();
  const notifications: Array<{ id: string; position: number }> = [];

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
          if (event.organisation === s.actor.organisation)
            notifications.push({ id: event.notificationId, position });
          break;
        case 'principal-changed':
          // The stream was authenticated just now; later changes reach it live.
          break;
      }
    }
    cursor = page[page.length - 1]!.position;
  }

  const loaded = new Map<string, LoadedEntry>();
  for (const l of await loadEntries(db, [...touched.keys()])) loaded.set(l.entry.id, l);
  // Entries of a group whose membership changed are touched by the change, unless an event of their own says more.
  for (const [groupId, g] of groupsBefore) {
    for (const l of await loadEntriesOfGroup(db, groupId)) {
      const t = touched.get(l.entry.id);
      if (!t) touched.set(l.entry.id, { before: { kind: 'group', groupId }, last: g.last });
      else t.last = Math.max(t.last, g.last);
      loaded.set(l.entry.id, l);
    }
  }

  const out: Array<{ position: number; text: string }> = [];
  const reads: AccessRecord[] = [];
  for (const [entryId, t] of touched) {
    const l = loaded.get(entryId);
    if (!l) continue;
    const had = hadBefore(s, l, t.before, groupsBefore);
    if (mayReadLoaded(s.actor, l)) {
      out.push({ position: t.last, text: block('entry', presentLoaded(s.actor, l)) });
      reads.push({
        userId: s.actor.userId,
        organisation: s.actor.organisation,
        entryId,
        marking: l.entry.marking,
        path: 'stream',
      });
    } else if (had) {
      out.push({
        position: t.last,
        text: block('entry-withdrawn', { incidentId: l.entry.incidentId, entryId }),
      });
    }
  }
  for (const [incidentId, position] of assessments) {
    const row = await store.getIncidentAssessmentRow(db, incidentId);
    if (!row || !incidentVisible(s.actor, { id: row.id, releasableToNato: row.releasable_to_nato === 1 }))
      continue;
    out.push({
      position,
      text: block('assessment', { incidentId, assessment: await readerAssessment(db, s.actor, row) }),
    });
  }
  for (const n of notifications) {
    const notification = await notificationForStream(platform, s.actor, n.id);
    if (notification) out.push({ position: n.position, text: block('notification', notification) });
  }
  platform.accessLog.record(reads);

  out.sort((a, b) => a.position - b.position);
  const byPosition: Array<{ position: number; blocks: string[] }> = [];
  for (const o of out) {
    const last = byPosition[byPosition.length - 1];
    if (last?.position === o.position) last.blocks.push(o.text);
    else byPosition.push({ position: o.position, blocks: [o.text] });
  }
  return byPosition;
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
      return mayReadUnder(s.actor, l.incident, before.reach);
    case 'group': {
      const members = groupsBefore.get(before.groupId)?.members ?? l.entry.group?.members ?? [];
      return mayReadUnder(s.actor, l.incident, { ...reachOf(l.entry), groupMembers: members });
    }
  }
}
