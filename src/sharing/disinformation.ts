import { isParticipatingOrganisation } from '../registry/organisations.js';
import { rule } from './policy.js';
import type { Principal } from './principal.js';
import { writesContent } from './principal.js';

/** Who logs a false narrative about an incident they can see; who reads it is the entry's own reach. */
export const recordDisinformation = [
  rule(
    'coordinators of participating organisations log a false narrative they observed',
    (p: Principal) => writesContent(p) && isParticipatingOrganisation(p.organisation),
  ),
];
