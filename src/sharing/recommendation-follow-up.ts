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
