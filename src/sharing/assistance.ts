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

/** What is left of a standing offer: as every acceptance of it holds it (`actual`), and as the caller's view shows it. */
export interface LeftOfOffer {
  readonly offeredBy: string;
  readonly actual: number;
  readonly shown: number;
}

/**
 * What is left of a standing offer is the offer less what every request holds of it, and some of those acceptances
 * may lie outside the caller's reach: a refusal states the figure only to whom it tells nothing they do not see.
 */
export const tellWhatIsLeftOfOffer = [
  rule(
    'the offering organisation is told what is left of its standing offer: every step on an offer reaches it',
    (p: Principal, left: LeftOfOffer) => p.organisation === left.offeredBy,
  ),
  rule(
    'others are told what is left of a standing offer when it is what their own view of the offer shows',
    (_p: Principal, left: LeftOfOffer) => left.shown === left.actual,
  ),
];
