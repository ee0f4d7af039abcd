import type { Role } from '../accounts/model.js';
import { isParticipatingOrganisation } from '../registry/organisations.js';
import { rule } from './policy.js';
import type { Principal } from './principal.js';
import { isParticipant, writesContent } from './principal.js';

/** An account as the choice of TLP:RED recipients sees it. */
export interface RecipientCandidate {
  userId: string;
  organisation: string;
  role: Role;
  active: boolean;
}

/** What the author asked for that widens the choice: `releasableToNato` on a RED entry admits the NATO liaison. */
export interface RecipientChoice {
  releasableToNato: boolean;
}

/**
 * Who may be named as a recipient of TLP:RED (CONTRACT "Who sees what"): people with an active account. Platform
 * admins read no content, so naming one would hand them nothing but a reason to be sent it; they are never chosen.
 */
const isPerson = (a: RecipientCandidate) => a.active && a.role !== 'admin';

export const receiveRed = [
  rule(
    'active people of participating organisations may be named as TLP:RED recipients',
    (a: RecipientCandidate, _c: RecipientChoice) =>
      isPerson(a) && isParticipatingOrganisation(a.organisation),
  ),
  rule(
    "the NATO liaison's people may be named only when the author releases the entry to NATO",
    (a: RecipientCandidate, c: RecipientChoice) =>
      isPerson(a) && a.organisation === 'NATO' && c.releasableToNato,
  ),
];

/** Who may look through the people that can be named as TLP:RED recipients: those who write entries. */
export const findRecipients = [
  rule(
    'coordinators of participating organisations look up the people they may name',
    (p: Principal) => writesContent(p) && isParticipant(p),
  ),
];
