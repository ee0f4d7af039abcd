import type { Entry } from '../entries/model.js';
import type { EntryReach } from '../sharing/entries.js';

/**
 * The reach of an entry as a reader received it. A hidden sharing group's members are unknown to the reader, so the
 * entry counts as visible only to the organisations listed: the compiled product errs on the side of leaving out.
 */
export function reachOfEntry(e: Entry): EntryReach {
  return {
    authorUserId: e.author.userId,
    authorOrg: e.author.organisation,
    marking: e.marking,
    // Already resolved: `PRESIDENCY` appears here as the member state holding it when the entry was read.
    audience: e.whoCanSee.organisations,
    presidency: null,
    groupMembers: [],
    recipients: e.recipients.map((r) => r.userId),
    releasableToNato: e.releasableToNato,
  };
}
