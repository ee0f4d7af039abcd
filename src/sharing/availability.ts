import { rule } from './policy.js';
import type { Principal } from './principal.js';
import { isParticipant, readsContent, writesContent } from './principal.js';

/** A state speaks for itself alone about what it can take on. */
export const setAvailability = [
  rule(
    "a member state's coordinators set its availability for EU asks",
    (p: Principal, memberState: string) => writesContent(p) && p.organisation === memberState,
  ),
];

/** Whoever may ask a state something sees how available it is. */
export const readAvailability = [
  rule(
    "people of participating organisations see member states' availability",
    (p: Principal) => readsContent(p) && isParticipant(p),
  ),
];
