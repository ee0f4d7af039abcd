import { rule } from './policy.js';
import type { Principal } from './principal.js';
import { isNatoLiaison, isParticipant, readsContent, writesContent } from './principal.js';

export interface IncidentReach {
  releasableToNato: boolean;
}

/** Who may see that an incident exists, its title and its assessment. */
export const readIncident = [
  rule(
    'people of participating organisations see every incident',
    (p: Principal, _i: IncidentReach) => readsContent(p) && isParticipant(p),
  ),
  rule(
    'the NATO liaison sees incidents released to NATO',
    (p: Principal, i: IncidentReach) => readsContent(p) && isNatoLiaison(p) && i.releasableToNato,
  ),
];

/** Who may report a new incident (the report's own checks make sure it speaks for the reporter's organisation). */
export const reportIncident = [
  rule(
    'coordinators of participating organisations report incidents',
    (p: Principal) => writesContent(p) && isParticipant(p),
  ),
];

/** The SQL form of `readIncident`, so lists filter in the database; a test holds the two in agreement. */
export function incidentListScope(p: Principal): 'all' | 'releasable-to-nato' | 'none' {
  if (!readsContent(p)) return 'none';
  if (isParticipant(p)) return 'all';
  if (isNatoLiaison(p)) return 'releasable-to-nato';
  return 'none';
}

/** Over the API a state's own assessment comes only from that state. */
export const giveOwnAssessment = [
  rule(
    "coordinators of a member state give that state's own assessment",
    (p: Principal, memberState: string) => writesContent(p) && p.organisation === memberState,
  ),
];

/** Who may merge duplicate reports of one event. */
export const mergeIncidents = [
  rule(
    'ERCC coordinators merge duplicate incidents',
    (p: Principal, _reporters: readonly string[]) => writesContent(p) && p.organisation === 'ERCC',
  ),
  rule(
    'coordinators of a reporting organisation merge its incident with a duplicate',
    (p: Principal, reporters: readonly string[]) => writesContent(p) && reporters.includes(p.organisation),
  ),
];
