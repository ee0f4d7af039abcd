import { isParticipatingOrganisation } from '../registry/organisations.js';
import { rule } from './policy.js';
import type { Principal } from './principal.js';
import { readsContent, writesContent } from './principal.js';

/** The incident as requesting help depends on it: who the Blueprint counts as affected (src/blueprint/rules.ts). */
export interface AffectedIncident {
  readonly activatingStates: readonly string[];
}

/** Help is asked for by those who need it: a state the incident affects, in its own name. */
export const requestAssistance = [
  rule(
    'coordinators of a member state the incident affects (its own assessment of minor or significant impact, or served by a disrupted CEPES) request assistance',
    (p: Principal, incident: AffectedIncident) =>
      writesContent(p) && incident.activatingStates.includes(p.organisation),
  ),
];

export interface OfferSubject {
  /** The requesting state, or null for a standing offer. */
  readonly requester: string | null;
  /** The UCPM participating state outside the EU the offer is made for, when relayed. */
  readonly onBehalfOf: string | null;
}

/** Any participating organisation offers what it has, except to itself; ERCC also relays third countries' offers. */
export const offerAssistance = [
  rule(
    'coordinators of a participating organisation offer assistance to another organisation, in their own name',
    (p: Principal, s: OfferSubject) =>
      writesContent(p) &&
      isParticipatingOrganisation(p.organisation) &&
      p.organisation !== 'NATO' &&
      s.onBehalfOf === null &&
      s.requester !== p.organisation,
  ),
  rule(
    "ERCC's coordinators relay the offer of a UCPM participating state outside the EU, naming it",
    (p: Principal, s: OfferSubject) => writesContent(p) && p.organisation === 'ERCC' && s.onBehalfOf !== null,
  ),
];

/** Moving an offer along: only coordinators; which step whose is decided by `judgeStep` (src/assistance/rules.ts). */
export const moveAssistance = [
  rule('coordinators of the requesting or offering organisation, or of ERCC, record a step', (p: Principal) =>
    writesContent(p),
  ),
];

/** ERCC follows every request under the Mechanism: its board lists the open ones across incidents. */
export const readAssistanceBoard = [
  rule(
    "ERCC's people see the board of open requests across incidents",
    (p: Principal) => readsContent(p) && p.organisation === 'ERCC',
  ),
];
