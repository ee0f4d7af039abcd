import { rule } from './policy.js';
import type { Principal } from './principal.js';
import { writesContent } from './principal.js';

/** Who may supersede an entry with a correction or a retraction. */
export const correctEntry = [
  rule(
    "the author's organisation corrects or retracts its own entries",
    (p: Principal, e: { authorOrg: string }) => writesContent(p) && p.organisation === e.authorOrg,
  ),
];

/**
 * Entries whose reach their author chose. Assessment and workflow facts (status changes, activations,
 * consultations, sitreps…) are shared with every participating organisation by design, and keep that reach.
 */
const CHOSEN_REACH_KINDS: ReadonlySet<string> = new Set(['note', 'report', 'update', 'retraction']);

/** Which entries may be reshared (their audience, marking or NATO release changed) at all. */
export const reshareEntry = [
  rule(
    'notes, reports, updates and retractions, whose reach their author chose, may be reshared',
    (e: { kind: string }) => CHOSEN_REACH_KINDS.has(e.kind),
  ),
];
