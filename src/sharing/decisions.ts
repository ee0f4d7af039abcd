import { isParticipatingOrganisation } from '../registry/organisations.js';
import { rule } from './policy.js';
import type { Principal } from './principal.js';
import { writesContent } from './principal.js';

/** NATO's liaison follows the response, it takes no part in the EU's decisions (CONTRACT: not a participant). */
const participatingCoordinator = (p: Principal) =>
  writesContent(p) && isParticipatingOrganisation(p.organisation) && p.organisation !== 'NATO';

/** Who writes the decision log of an incident they can see. */
export const recordDecision = [
  rule('coordinators of participating organisations record a decision', (p: Principal) =>
    participatingCoordinator(p),
  ),
];

/** Who gives an organisation an action item: the same people who record decisions, for any participant. */
export const createAction = [
  rule('coordinators of participating organisations create an action item', (p: Principal) =>
    participatingCoordinator(p),
  ),
];

export interface ActionSubject {
  readonly ownerOrganisation: string;
  readonly createdByUserId: string;
}

/** An action is moved by those who carry it out, or by whoever asked for it. */
export const changeActionStatus = [
  rule(
    "coordinators of the action's owner organisation change its status",
    (p: Principal, a: ActionSubject) => writesContent(p) && p.organisation === a.ownerOrganisation,
  ),
  rule(
    'the coordinator who created the action changes its status',
    (p: Principal, a: ActionSubject) => writesContent(p) && p.userId === a.createdByUserId,
  ),
];
