import { notificationForStreams } from '../alerting/flows.js';
import {
  hiddenNamesFor,
  incidentVisible,
  type LoadedEntry,
  loadEntityEntries,
  loadEntries,
  loadEntriesOfGroup,
  mayReadLoaded,
  mayReadUnder,
  presentLoaded,
  viewKey,
} from '../entries/live.js';
import { reachOf } from '../entries/rules.js';
import { readerAssessment } from '../incidents/flows.js';
import { type AccessRecord, isLoggedMarking } from '../platform/access-log.js';
import type { Platform } from '../platform/context.js';
import { readerLanguage } from '../platform/language.js';
import type { PlatformEvent, ReachBefore } from '../platform/realtime/events.js';
import { receiveNotification } from '../sharing/notifications.js';
import { isAllowed } from '../sharing/policy.js';
import { presidencyChanged } from './presidency-change.js';
import { reachBefore } from './reach-before.js';
import * as store from './store.js';
import { block, type Subscriber } from './subscriber.js';

/**
 * Blocks to send, per subscriber, for one stream position. Everything is loaded once for all subscribers;
 * each one's share is decided in memory with the rules of `src/sharing/`, and presented once per view.
 */
export type Deliveries = Map<Subscriber, string[]>;

export function add(out: Deliveries, s: Subscriber, text: string) {
  const list = out.get(s);
  if (list) list.push(text);
  else out.set(s, [text]);
}

/** Presents entries once per view and records every reader's read in one call to the access log. */
export class EntrySender {
  private readonly views = new Map<string, string>();
  /** The text each reader (by `readerKey`) was given, per entry: a reader's other streams reuse it as it is. */
  private readonly byReader = new Map<string, string>();
  readonly reads: AccessRecord[] = [];
  constructor(private readonly out: Deliveries) {}

  send(s: Subscriber, loaded: LoadedEntry) {
    const readerKey = `${loaded.entry.id}#${s.readerKey}`;
    let text = this.byReader.get(readerKey);
    if (text === undefined) {
      text = this.textFor(s, loaded);
      this.byReader.set(readerKey, text);
    }
    add(this.out, s, text);
    this.read(s, loaded);
  }

  /** The entry as this reader is shown it, presented once per view. */
  textFor(s: Subscriber, loaded: LoadedEntry): string {
    const key = `${loaded.entry.id}#${viewKey(s.actor, s.language, loaded)}`;
    let text = this.views.get(key);
    if (text === undefined) {
      text = block('entry', presentLoaded(s.actor, loaded));
      this.views.set(key, text);
    }
    return text;
  }

  /** Records that this reader was given the entry, for the markings the access log keeps. */
  read(s: Subscriber, loaded: LoadedEntry) {
    if (!isLoggedMarking(loaded.entry.marking)) return;
    this.reads.push({
      userId: s.actor.userId,
      organisation: s.actor.organisation,
      entryId: loaded.entry.id,
      marking: loaded.entry.marking,
      path: 'stream',
    });
  }
}

export const withdrawn = (incidentId: string, entryId: string) =>
  block('entry-withdrawn', { incidentId, entryId });

/** An entry went out, or its reach (or an attachment) changed: send it to who may see it, withdraw it from who lost it. */
async function entryChanged(
  platform: Platform,
  subscribers: readonly Subscriber[],
  incidentId: string,
  entryId: string,
  previous: ReachBefore | undefined,
  out: Deliveries,
  preloaded: Preloaded | undefined,
) {
  const loaded = preloaded?.has(entryId)
    ? preloaded.get(entryId)
    : (await loadEntries(platform.db.kysely, [entryId]))[0];
  if (!loaded) return;
  const before = previous && reachBefore(previous, loaded);
  const sender = new EntrySender(out);
  // Decided and presented once per reader, however many streams the reader has open: the text to send, or null.
  const decided = new Map<string, { text: string; read: boolean } | null>();
  const withdrawal = before ? withdrawn(incidentId, entryId) : undefined;
  for (const s of subscribers) {
    let decision = decided.get(s.readerKey);
    if (decision === undefined) {
      decision = mayReadLoaded(s.actor, loaded)
        ? { text: sender.textFor(s, loaded), read: true }
        : before && withdrawal && mayReadUnder(s.actor, loaded.incident, before)
          ? { text: withdrawal, read: false }
          : null;
      decided.set(s.readerKey, decision);
    }
    if (decision === null) continue;
    add(out, s, decision.text);
    if (decision.read) sender.read(s, loaded);
  }
  platform.accessLog.record(sender.reads);
}

async function assessmentChanged(
  platform: Platform,
  subscribers: readonly Subscriber[],
  incidentId: string,
  out: Deliveries,
) {
  const db = platform.db.kysely;
  const row = await store.getIncidentAssessmentRow(db, incidentId);
  if (!row) return;
  const incident = { id: row.id, releasableToNato: row.releasable_to_nato === 1 };
  const readers = subscribers.filter((s) => incidentVisible(s.actor, incident));
  if (readers.length === 0) return;
  const named = await loadEntityEntries(db, incidentId);
  // The assessment differs between readers only by the names they may not see: render it once per such set.
  const views = new Map<string, string>();
  for (const s of readers) {
    const key = `${readerLanguage(s.actor)}|${JSON.stringify(hiddenNamesFor(s.actor, incident, named))}`;
    let text = views.get(key);
    if (text === undefined) {
      text = block('assessment', { incidentId, assessment: await readerAssessment(db, s.actor, row) });
      views.set(key, text);
    }
    add(out, s, text);
  }
}

async function notificationSent(
  platform: Platform,
  subscribers: readonly Subscriber[],
  organisation: string,
  notificationId: string,
  out: Deliveries,
) {
  const readers = subscribers.filter((s) => isAllowed(receiveNotification, s.actor, organisation));
  if (readers.length === 0) return;
  const found = await notificationForStreams(
    platform,
    readers.map((s) => s.actor),
    notificationId,
  );
  if (!found) return;
  const text = block('notification', found.notification);
  for (const s of readers) if (!found.hiddenFrom.has(s.actor.userId)) add(out, s, text);
}

/** Membership is evaluated when read: who left the group loses its entries, who joined gains them, at once. */
async function groupChanged(
  platform: Platform,
  subscribers: readonly Subscriber[],
  previousMembers: readonly string[],
  members: readonly string[],
  groupId: string,
  out: Deliveries,
) {
  const moved = new Set([
    ...previousMembers.filter((o) => !members.includes(o)),
    ...members.filter((o) => !previousMembers.includes(o)),
  ]);
  const affected = subscribers.filter((s) => moved.has(s.actor.organisation));
  if (affected.length === 0) return;
  const entries = await loadEntriesOfGroup(platform.db.kysely, groupId);
  const sender = new EntrySender(out);
  for (const loaded of entries) {
    const before = { ...reachOf(loaded.entry), groupMembers: previousMembers };
    for (const s of affected) {
      const had = mayReadUnder(s.actor, loaded.incident, before);
      const has = mayReadLoaded(s.actor, loaded);
      if (has && !had) sender.send(s, loaded);
      else if (had && !has) add(out, s, withdrawn(loaded.entry.incidentId, loaded.entry.id));
    }
  }
  platform.accessLog.record(sender.reads);
}

/** Entries of a run of events, loaded together; an id present with `undefined` was looked for and is not there. */
export type Preloaded = ReadonlyMap<string, LoadedEntry | undefined>;

/**
 * The entries a run of events is about, in one load for all of them rather than one per event: a batch of writes
 * arrives as a run of events, and each would otherwise read its entry, incident and corrections on its own.
 */
export async function preloadEntries(
  platform: Platform,
  events: readonly PlatformEvent[],
): Promise<Preloaded> {
  const ids = [
    ...new Set(events.flatMap((e) => (e.type === 'entry' || e.type === 'reach-changed' ? [e.entryId] : []))),
  ];
  const out = new Map<string, LoadedEntry | undefined>(ids.map((id) => [id, undefined]));
  if (ids.length > 0) for (const l of await loadEntries(platform.db.kysely, ids)) out.set(l.entry.id, l);
  return out;
}

/** What one event means for every open stream of this instance. Access changes are handled by the hub. */
export async function deliveriesFor(
  platform: Platform,
  subscribers: readonly Subscriber[],
  event: PlatformEvent,
  preloaded?: Preloaded,
): Promise<Deliveries> {
  const out: Deliveries = new Map();
  switch (event.type) {
    case 'entry':
      await entryChanged(platform, subscribers, event.incidentId, event.entryId, undefined, out, preloaded);
      break;
    case 'reach-changed':
      await entryChanged(
        platform,
        subscribers,
        event.incidentId,
        event.entryId,
        event.previous,
        out,
        preloaded,
      );
      break;
    case 'assessment':
      await assessmentChanged(platform, subscribers, event.incidentId, out);
      break;
    case 'notification':
      await notificationSent(platform, subscribers, event.organisation, event.notificationId, out);
      break;
    case 'group-changed':
      await groupChanged(platform, subscribers, event.previousMembers, event.members, event.groupId, out);
      break;
    case 'presidency-changed':
      await presidencyChanged(platform, subscribers, event.previous, event.next, out);
      break;
    case 'principal-changed':
      break;
  }
  return out;
}
