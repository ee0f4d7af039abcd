import { isParticipatingOrganisation } from '../registry/organisations.js';
import { rule } from './policy.js';
import type { Principal } from './principal.js';
import { writesContent } from './principal.js';

/** Who convenes a meeting about an incident they can see: the Presidency's roundtable, ERCC's or a group's call. */
export const conveneMeeting = [
  rule(
    'coordinators of participating organisations convene a meeting',
    (p: Principal) =>
      writesContent(p) && isParticipatingOrganisation(p.organisation) && p.organisation !== 'NATO',
  ),
];

/** The minutes are the convener's record of the meeting. */
export const recordMinutes = [
  rule(
    'coordinators of the convening organisation record the minutes',
    (p: Principal, m: { convenedBy: string }) => writesContent(p) && p.organisation === m.convenedBy,
  ),
];
