import { rule } from './policy.js';
import type { Principal } from './principal.js';
import { writesContent } from './principal.js';

/** Who switches an incident's public page on or off: its reporter's coordinators, or ERCC's. */
export const switchPublicPage = [
  rule(
    "coordinators of the incident's reporting organisation switch its public page",
    (p: Principal, c: { reportedBy: string }) => writesContent(p) && p.organisation === c.reportedBy,
  ),
  rule(
    'ERCC coordinators switch an incident’s public page',
    (p: Principal, _c: { reportedBy: string }) => writesContent(p) && p.organisation === 'ERCC',
  ),
];

/** What a version of a line to take is, for the decision whether anyone without an account may read it. */
export interface PublicLineCandidate {
  marking: string;
  approvedByDrafter: boolean;
  embargoPassed: boolean;
}

/**
 * What a public page shows, for anyone without an account: of the lines to take, only the versions that are
 * TLP:CLEAR, approved by their drafter and past their embargo. Nothing else of the incident has a rule here.
 */
export const readOnPublicPage = [
  rule(
    'anyone reads a TLP:CLEAR line to take approved by its drafter once its embargo has passed',
    (c: PublicLineCandidate) => c.marking === 'TLP:CLEAR' && c.approvedByDrafter && c.embargoPassed,
  ),
];

/** An exercise's page is a preview only: a feed carries real alerts, so it has none for an exercise. */
export const publicFeed = [
  rule(
    'a public page has feeds unless its incident is an exercise',
    (c: { exercise: boolean }) => !c.exercise,
  ),
];
