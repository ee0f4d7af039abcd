import { rule } from './policy.js';
import type { Principal } from './principal.js';
import { isNatoLiaison, readsContent, writesContent } from './principal.js';

/**
 * Post-incident (CERG) reports. CERG holds the lessons-learned role (BLUEPRINT.md, actors); ERCC drafts with it
 * because ERCC follows every incident from the first report and holds the operational record, so either may start
 * the draft. CERG alone marks a report reviewed, as the group the Blueprint gives the report to.
 */
export const REVIEWING_ORGANISATION = 'CERG';

export type ReportState = 'draft' | 'reviewed' | 'distributed';

export interface ReportReach {
  state: ReportState;
  authorOrg: string;
  audience: readonly string[];
  nato: boolean;
  /** Organisations a section is assigned to. */
  sectionOwners: readonly string[];
}

/** Whether an incident is over, so that its lessons can be drawn. */
export interface ReportedIncident {
  deactivated: boolean;
  exercise: boolean;
}

export const incidentReportable = [
  rule(
    'a report is drafted once the Blueprint is deactivated for the incident',
    (i: ReportedIncident) => i.deactivated,
  ),
  rule(
    'a report is drafted for an exercise incident once played: the exercise ends when its injects stop',
    (i: ReportedIncident) => i.exercise,
  ),
];

export const draftReport = [
  rule(
    'CERG coordinators draft post-incident reports',
    (p: Principal) => writesContent(p) && p.organisation === REVIEWING_ORGANISATION,
  ),
  rule(
    'ERCC coordinators draft post-incident reports',
    (p: Principal) => writesContent(p) && p.organisation === 'ERCC',
  ),
];

/** Before distribution a report stays with those who write or review it, always within its audience. */
export const readReport = [
  rule(
    'the drafting organisation reads its reports',
    (p: Principal, r: ReportReach) => readsContent(p) && p.organisation === r.authorOrg,
  ),
  rule(
    'CERG reads the reports it reviews',
    (p: Principal, r: ReportReach) =>
      readsContent(p) && p.organisation === REVIEWING_ORGANISATION && r.audience.includes(p.organisation),
  ),
  rule(
    'an organisation assigned a section reads the report it writes in',
    (p: Principal, r: ReportReach) =>
      readsContent(p) && r.sectionOwners.includes(p.organisation) && r.audience.includes(p.organisation),
  ),
  rule(
    'the audience reads a distributed report',
    (p: Principal, r: ReportReach) =>
      readsContent(p) && r.state === 'distributed' && r.audience.includes(p.organisation),
  ),
  rule(
    'the NATO liaison reads a distributed report released to NATO',
    (p: Principal, r: ReportReach) =>
      readsContent(p) && r.state === 'distributed' && r.nato && isNatoLiaison(p),
  ),
];

export const editReport = [
  rule(
    'coordinators of the drafting organisation edit the draft and assign its sections',
    (p: Principal, r: ReportReach) =>
      writesContent(p) && r.state === 'draft' && p.organisation === r.authorOrg,
  ),
];

export interface SectionReach {
  owner: string | null;
}

export const writeSection = [
  rule(
    'coordinators of the organisation a section is assigned to write it while the report is a draft',
    (p: Principal, r: ReportReach, s: SectionReach) =>
      writesContent(p) && r.state === 'draft' && s.owner === p.organisation,
  ),
  rule(
    'coordinators of the drafting organisation write any section of the draft',
    (p: Principal, r: ReportReach, _s: SectionReach) =>
      writesContent(p) && r.state === 'draft' && p.organisation === r.authorOrg,
  ),
];

export const reviewReport = [
  rule(
    'CERG coordinators mark a draft reviewed',
    (p: Principal, r: ReportReach) =>
      writesContent(p) && r.state === 'draft' && p.organisation === REVIEWING_ORGANISATION,
  ),
];

export const distributeReport = [
  rule(
    'coordinators of the drafting organisation or of CERG distribute a reviewed report to its audience',
    (p: Principal, r: ReportReach) =>
      writesContent(p) &&
      r.state === 'reviewed' &&
      (p.organisation === r.authorOrg || p.organisation === REVIEWING_ORGANISATION),
  ),
];

/** Recommendations are added and re-planned by those who own the report; they follow it up after distribution too. */
export const planRecommendation = [
  rule(
    'coordinators of the drafting organisation or of CERG add and change recommendations',
    (p: Principal, r: ReportReach) =>
      writesContent(p) && (p.organisation === r.authorOrg || p.organisation === REVIEWING_ORGANISATION),
  ),
];

export interface RecommendationReach {
  owner: string;
}

/** The owner reports progress on its own recommendation once it can read the report. */
export const updateRecommendationStatus = [
  rule(
    'coordinators of the organisation that owns a recommendation set its status',
    (p: Principal, _r: ReportReach, rec: RecommendationReach) =>
      writesContent(p) && p.organisation === rec.owner,
  ),
  rule(
    'coordinators of the drafting organisation or of CERG set the status of any recommendation',
    (p: Principal, r: ReportReach, _rec: RecommendationReach) =>
      writesContent(p) && (p.organisation === r.authorOrg || p.organisation === REVIEWING_ORGANISATION),
  ),
];

/**
 * Who learns how many entries the drafter saw but left out because not every reader may see them: to anyone else
 * that count would say that entries hidden from them exist.
 */
export const seeLeftOutReportSources = [
  rule(
    'the drafting organisation sees how many of its sources were left out',
    (p: Principal, r: Pick<ReportReach, 'authorOrg'>) => readsContent(p) && p.organisation === r.authorOrg,
  ),
];

/**
 * The follow-up figures on the admin page: counts per owning organisation, never a recommendation's text, so a
 * platform admin (who reads no content) sees that follow-up lags without reading what it is about.
 */
export const seeOverdueCounts = [
  rule(
    'platform admins see how many recommendations each organisation has overdue',
    (p: Principal) => p.role === 'admin',
  ),
  rule(
    'CERG sees how many recommendations each organisation has overdue',
    (p: Principal) => readsContent(p) && p.organisation === REVIEWING_ORGANISATION,
  ),
];
