import { rule } from './policy.js';
import type { Principal } from './principal.js';
import { writesContent } from './principal.js';

/** The co-authors of an ISAA report: the Commission through ERCC, and the EEAS (BLUEPRINT.md §3). */
export const ISAA_CO_AUTHORS: readonly string[] = ['ERCC', 'EEAS'];

/** The Presidency states what it needs to know; the member state holding it at this instant. */
export const openIsaaReport = [
  rule(
    'Presidency coordinators open an ISAA report and state the questions it answers',
    (p: Principal, presidency: string | null) =>
      writesContent(p) && presidency !== null && p.organisation === presidency,
  ),
];

export const askIsaaQuestion = openIsaaReport;

/** ERCC and EEAS write the answers and issue its versions. */
export const answerIsaaQuestion = [
  rule(
    'ERCC and EEAS coordinators, the co-authors, answer its questions and issue its versions',
    (p: Principal) => writesContent(p) && ISAA_CO_AUTHORS.includes(p.organisation),
  ),
];

export const issueIsaaVersion = answerIsaaQuestion;
