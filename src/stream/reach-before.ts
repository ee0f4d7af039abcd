import type { LoadedEntry } from '../entries/live.js';
import type { ReachBefore } from '../platform/realtime/events.js';
import type { EntryReach } from '../sharing/entries.js';

/**
 * A reach change's `previous`, as the sharing rules read it. A change does not move the Presidency, so an event
 * stored before it carried the holder is read with the holder the entry has now.
 */
export function reachBefore(previous: ReachBefore, loaded: LoadedEntry): EntryReach {
  return { ...previous, presidency: previous.presidency ?? loaded.entry.presidency };
}
