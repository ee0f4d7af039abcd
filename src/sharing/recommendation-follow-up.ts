import {
  REVIEWING_ORGANISATION,
  type RecommendationReach,
  type ReportReach,
  readReport,
} from './after-action.js';
import { isAllowed, rule } from './policy.js';
import type { Principal } from './principal.js';
import { isParticipant, readsContent, writesContent } from './principal.js';

/**
 * Following up post-incident recommendations: each organisation sees those addressed to it once the report is
 * presented (distributed) and it may read the report, and its coordinators say what it does with them.
 */
export const haveRecommendationsForUs = [
  rule(
    'the people of a participating organisation have a list of the recommendations addressed to it',
    (p: Principal) => readsContent(p) && isParticipant(p),
  ),
];

export const readRecommendationForUs = [
  rule(
    'an organisation reads the recommendations addressed to it in a distributed report it may read',
    (p: Principal, r: ReportReach, rec: RecommendationReach) =>
      r.state === 'distributed' && rec.owner === p.organisation && isAllowed(readReport, p, r),
  ),
];

export const recordFollowUp = [
  rule(
    'coordinators of the organisation a recommendation is addressed to record its follow-up once the report is distributed',
    (p: Principal, r: ReportReach, rec: RecommendationReach) =>
      writesContent(p) && r.state === 'distributed' && rec.owner === p.organisation,
  ),
];

/** Who recorded a follow-up: the organisation the recommendation was addressed to when it was recorded. */
export interface FollowUpReach {
  organisation: string;
}

/**
 * A recommendation shows the follow-ups of the organisation it is addressed to. One re-addressed to another
 * organisation starts afresh for it: what the former owner recorded stays its own account (the audit keeps it),
 * and is not handed to its successor, who is not one of those who track the recommendation.
 */
export const showFollowUp = [
  rule(
    'a recommendation shows the follow-ups recorded by the organisation it is addressed to now',
    (rec: RecommendationReach, f: FollowUpReach) => f.organisation === rec.owner,
  ),
];

/** A follow-up is the addressed organisation's account to those who track the recommendation, not to every reader. */
export const readFollowUp = [
  rule(
    'the organisation a recommendation is addressed to reads its follow-up',
    (p: Principal, _r: ReportReach, rec: RecommendationReach) =>
      readsContent(p) && rec.owner === p.organisation,
  ),
  rule(
    'the drafting organisation and CERG, who track the recommendations of a report, read their follow-up',
    (p: Principal, r: ReportReach, _rec: RecommendationReach) =>
      readsContent(p) && (p.organisation === r.authorOrg || p.organisation === REVIEWING_ORGANISATION),
  ),
];
