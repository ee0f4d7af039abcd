import { PARTICIPATING_ORGANISATIONS } from '../registry/organisations.js';
import { rule } from './policy.js';
import type { Principal } from './principal.js';
import { isNatoLiaison, isParticipant, readsContent } from './principal.js';

/** An entry's effective reach: who its author chose to share it with, and how. */
export interface EntryReach {
  authorUserId: string;
  authorOrg: string;
  marking: string;
  /** Participating organisations; for TLP:RED it is not consulted. */
  audience: readonly string[];
  /** E-mail addresses of the named people a TLP:RED entry is for. */
  recipients: readonly string[];
  releasableToNato: boolean;
}

export interface Reader extends Principal {
  email: string;
}

/** CONTRACT "Who sees what", one sentence per rule. */
export const readEntry = [
  rule(
    'authors see their own entries',
    (r: Reader, e: EntryReach) => readsContent(r) && r.userId === e.authorUserId,
  ),
  rule(
    "an author's organisation sees its entries unless they are TLP:RED",
    (r: Reader, e: EntryReach) =>
      readsContent(r) && e.marking !== 'TLP:RED' && r.organisation === e.authorOrg,
  ),
  rule(
    'named recipients see TLP:RED entries',
    (r: Reader, e: EntryReach) =>
      readsContent(r) &&
      e.marking === 'TLP:RED' &&
      e.recipients.some((x) => x.toLowerCase() === r.email.toLowerCase()),
  ),
  rule(
    'organisations in the audience see entries that are not TLP:RED',
    (r: Reader, e: EntryReach) =>
      readsContent(r) && e.marking !== 'TLP:RED' && isParticipant(r) && e.audience.includes(r.organisation),
  ),
  rule(
    'the NATO liaison sees entries released to NATO that are not TLP:RED',
    (r: Reader, e: EntryReach) =>
      readsContent(r) && e.marking !== 'TLP:RED' && isNatoLiaison(r) && e.releasableToNato,
  ),
];

/** The audience when the author names none: every participating organisation. */
export function defaultAudience(): string[] {
  return PARTICIPATING_ORGANISATIONS.map((o) => o.id);
}
