import { type LoadedEntry, loadEntriesForPresidency, mayReadLoaded, mayReadUnder } from '../entries/live.js';
import { reachOf } from '../entries/rules.js';
import type { Platform } from '../platform/context.js';
import { add, type Deliveries, EntrySender, withdrawn } from './fan-out.js';
import type { Subscriber } from './subscriber.js';

/** Whether this reader could see the entry while `holder` held the Presidency. */
export function mayReadWhilePresidency(s: Subscriber, loaded: LoadedEntry, holder: string | null): boolean {
  return mayReadUnder(s.actor, loaded.incident, { ...reachOf(loaded.entry), presidency: holder });
}

/**
 * The change of term reaches open streams like a reach change: entries addressed to `PRESIDENCY` go to the new
 * holder's streams (`entry`) and are withdrawn from the old one's (`entry-withdrawn`), unless another rule still
 * gives them the entry.
 */
export async function presidencyChanged(
  platform: Platform,
  subscribers: readonly Subscriber[],
  previous: string | null,
  next: string | null,
  out: Deliveries,
) {
  const moved = new Set([previous, next].filter((o): o is string => o !== null && o !== undefined));
  const affected = subscribers.filter((s) => moved.has(s.actor.organisation));
  if (affected.length === 0) return;
  const sender = new EntrySender(out);
  for (const loaded of await loadEntriesForPresidency(platform.db.kysely)) {
    for (const s of affected) {
      const had = mayReadWhilePresidency(s, loaded, previous);
      const has = mayReadLoaded(s.actor, loaded);
      if (has && !had) sender.send(s, loaded);
      else if (had && !has) add(out, s, withdrawn(loaded.entry.incidentId, loaded.entry.id));
    }
  }
  platform.accessLog.record(sender.reads);
}
