import { TLP_MARKINGS } from '../api/types.js';
import type { ReachDraft } from './ReachFields.js';
import { parseRecipients } from './report/reportForm.js';

/**
 * The reach of the author's last note in an incident, kept for the tab's session so that a quick follow-up starts
 * where the last one ended instead of at a wider default. Per user and incident: another person signing in on
 * the same tab starts afresh.
 */
const remembered = new Map<string, ReachDraft>();

function key(userId: string, incidentId: string): string {
  return `blueprint.lastReach.${userId}.${incidentId}`;
}

export function recallLastReach(userId: string, incidentId: string): ReachDraft | null {
  const k = key(userId, incidentId);
  const known = remembered.get(k);
  if (known) return known;
  try {
    const stored = globalThis.sessionStorage?.getItem(k);
    if (!stored) return null;
    const draft = JSON.parse(stored) as ReachDraft;
    remembered.set(k, draft);
    return draft;
  } catch {
    return null;
  }
}

export function rememberLastReach(userId: string, incidentId: string, draft: ReachDraft): void {
  const k = key(userId, incidentId);
  remembered.set(k, draft);
  try {
    globalThis.sessionStorage?.setItem(k, JSON.stringify(draft));
  } catch {
    // A browser refusing storage only loses the reach across a reload, never the note.
  }
}

/** How a note reaches further than the last one; empty when it does not. */
export type Widening = 'marking' | 'audience' | 'sharingGroup' | 'recipients' | 'nato';

/** Lower index = less restrictive. */
const openness = (marking: ReachDraft['marking']) => TLP_MARKINGS.indexOf(marking);

/**
 * Compares two reaches as drafts: an audience holds the organisations it names, so that "all participating"
 * after a few counts as adding organisations. A TLP:RED note reaches its recipients only.
 */
export function widenings(next: ReachDraft, last: ReachDraft): Widening[] {
  const found: Widening[] = [];
  if (openness(next.marking) < openness(last.marking)) found.push('marking');
  const nextRed = next.marking === 'TLP:RED';
  const lastRed = last.marking === 'TLP:RED';
  if (nextRed && lastRed) {
    const before = new Set(parseRecipients(last.recipients).map((email) => email.toLowerCase()));
    if (parseRecipients(next.recipients).some((email) => !before.has(email.toLowerCase())))
      found.push('recipients');
  } else if (!nextRed && !lastRed) {
    const before = new Set(last.audience);
    if (next.audience.some((id) => !before.has(id))) found.push('audience');
    if (next.sharingGroup && next.sharingGroup !== last.sharingGroup) found.push('sharingGroup');
  }
  if (next.releasableToNato && !last.releasableToNato) found.push('nato');
  return found;
}

export function sameReach(a: ReachDraft, b: ReachDraft): boolean {
  return widenings(a, b).length === 0 && widenings(b, a).length === 0;
}
