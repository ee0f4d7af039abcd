import { rule } from './policy.js';
import type { Principal } from './principal.js';
import { readsContent, writesContent } from './principal.js';

/** The outgoing officer writes the note for their own organisation's next shift. */
export const writeHandover = [
  rule("coordinators write a handover note for their own organisation's next shift", (p: Principal) =>
    writesContent(p),
  ),
];

export interface HandoverSubject {
  readonly organisation: string;
  readonly authorUserId: string;
  /** The incoming officer the note names, or null for whoever takes the next shift. */
  readonly incomingUserId: string | null;
}

/** The incoming officer acknowledges: the one named, or (none named) anyone else of the organisation. */
export const acknowledgeHandover = [
  rule(
    'the incoming officer the note names acknowledges it',
    (p: Principal, h: HandoverSubject) =>
      readsContent(p) && h.incomingUserId !== null && p.userId === h.incomingUserId,
  ),
  rule(
    'when the note names no one, a person of the same organisation other than its author acknowledges it',
    (p: Principal, h: HandoverSubject) =>
      readsContent(p) &&
      h.incomingUserId === null &&
      p.organisation === h.organisation &&
      p.userId !== h.authorUserId,
  ),
];
