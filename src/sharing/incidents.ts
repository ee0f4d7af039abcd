import { isMemberState } from '../registry/countries.js';
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

/**
 * A country outside the EU has no account: over the API its own assessment of itself reaches the platform through
 * ERCC, recorded as given by that country and relayed by ERCC (CONTRACT, HTTP).
 */
export const relayOwnAssessment = [
  rule(
    'ERCC coordinators relay the own assessment of a country outside the EU about itself',
    (p: Principal, impact: { memberState: string; assessedBy?: string | undefined }) =>
      writesContent(p) &&
      p.organisation === 'ERCC' &&
      impact.assessedBy === impact.memberState &&
      !isMemberState(impact.memberState),
  ),
];

/** The incident as the facts that develop are changed on: who reported it, and the affected states now. */
export interface DevelopingFactsSubject {
  reportedBy: string;
  affectedStates: readonly string[];
}

/**
 * Who may change the cause, a suspected deliberate act and the domain by an update (BLUEPRINT.md §2). Out of scope
 * is a property of the facts: nothing here, nor anywhere, refuses a write because the incident is out of scope.
 */
export const changeDevelopingFacts = [
  rule(
    "coordinators of the incident's reporting organisation change its cause, suspected deliberate act and domain",
    (p: Principal, s: DevelopingFactsSubject) => writesContent(p) && p.organisation === s.reportedBy,
  ),
  rule(
    'coordinators of an affected member state change them',
    (p: Principal, s: DevelopingFactsSubject) =>
      writesContent(p) && s.affectedStates.includes(p.organisation),
  ),
];

/**
 * Who may release an incident to NATO after it was reported: its reporter's organisation only, by releasing the
 * first report (others release their own entries once the incident is released).
 */
export const releaseIncidentToNato = [
  rule(
    "coordinators of the incident's reporting organisation release it to NATO, with its first report",
    (p: Principal, report: { authorOrg: string; firstReport: boolean }) =>
      writesContent(p) && report.firstReport && p.organisation === report.authorOrg,
  ),
];

/**
 * The shared assessment and workflow facts (written to every participating organisation by design) that reach the
 * NATO liaison together with the incident once it is released; compiled products and handover notes keep theirs.
 */
export const RELEASED_WITH_THE_INCIDENT: readonly string[] = [
  'status-change',
  'own-assessment',
  'activation',
  'activation-joined',
  'deactivation',
  'reopening',
  'merge',
  'mechanism',
  'consultation-opened',
  'consultation-position',
  'consultation-advice',
  'consultation-decision',
  'consultation-requested',
  'silence-procedure-opened',
  'silence-procedure-consulted',
  'silence-procedure-objection',
  'silence-procedure-objection-withdrawn',
  'silence-procedure-consent',
  'silence-procedure-view',
  'silence-procedure-concluded',
  'capacity-overwhelmed',
  'cer-commission-notified',
  'cer-spoc-informed',
];

/** The two incidents of a merge: the duplicate that is merged away and the incident it is merged into. */
export interface Merge {
  duplicateReportedBy: string;
  targetReportedBy: string;
}

/**
 * Who may merge a duplicate report of one event into another incident. Merging closes the duplicate, so only its
 * reporter (or ERCC) decides it; the target's reporter is asked to check (a `duplicate-merged-in` notification).
 */
/**
 * An exercise never mixes with the real world: an exercise incident is merged only with another exercise, a real
 * incident only with another real one, whoever asks. Nor do two exercise worlds mix: a merge carries entries
 * addressed to `PRESIDENCY`, which would then reach the other world's Presidency, so only incidents with the same
 * Presidency of their own (a scenario's; none: the calendar's) merge.
 */
export const mergeWithinKind = [
  rule(
    'exercises merge only with exercises of the same Presidency, and real incidents only with real incidents',
    (m: {
      duplicateExercise: boolean;
      targetExercise: boolean;
      duplicatePresidency: string | null;
      targetPresidency: string | null;
    }) => m.duplicateExercise === m.targetExercise && m.duplicatePresidency === m.targetPresidency,
  ),
];

export const mergeIncidents = [
  rule(
    'ERCC coordinators merge a duplicate incident into another',
    (p: Principal, _m: Merge) => writesContent(p) && p.organisation === 'ERCC',
  ),
  rule(
    'coordinators of the organisation that reported the duplicate merge it into another incident',
    (p: Principal, m: Merge) => writesContent(p) && p.organisation === m.duplicateReportedBy,
  ),
];
