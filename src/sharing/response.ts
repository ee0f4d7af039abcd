import { isMemberState } from '../registry/countries.js';
import { rule } from './policy.js';
import type { Principal } from './principal.js';
import { writesContent } from './principal.js';

/** CER Art. 15 binds member states' authorities and contact points: their coordinators record the steps they took. */
export const recordCerStep = [
  rule(
    'coordinators of a member state record a CER Art. 15 step their state took',
    (p: Principal) => writesContent(p) && isMemberState(p.organisation),
  ),
];

/** Only a state knows whether its own capacity is overwhelmed, so only it says so. */
export const reportCapacity = [
  rule(
    'coordinators of a member state say whether their own capacity to respond is overwhelmed',
    (p: Principal) => writesContent(p) && isMemberState(p.organisation),
  ),
];
