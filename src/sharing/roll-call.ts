import { rule } from './policy.js';
import type { Principal } from './principal.js';
import { readsContent } from './principal.js';

/**
 * Whose row of an incident's roll call a reader sees (who of that organisation was alerted, by which channel, who
 * acknowledged). The caller must already see the incident; `presidency` is the holder at the time of reading.
 * Names of another organisation's duty officers are for those who coordinate the response across organisations.
 */
export interface RollCallRow {
  organisation: string;
  presidency: string | null;
}

export const readRollCallRow = [
  rule(
    "an organisation's people see its own row of the roll call",
    (p: Principal, r: RollCallRow) => readsContent(p) && p.organisation === r.organisation,
  ),
  rule(
    "ERCC sees every organisation's row, as the Commission's contact point for the response",
    (p: Principal, _r: RollCallRow) => readsContent(p) && p.organisation === 'ERCC',
  ),
  rule(
    "the Presidency sees every organisation's row, as it steers the response",
    (p: Principal, r: RollCallRow) =>
      readsContent(p) && r.presidency !== null && p.organisation === r.presidency,
  ),
];

/** The platform's acknowledgement and escalation times are the administrators' to set. */
export const changePlatformAlertingTimings = [
  rule('platform admins set the platform-wide alerting times', (p: Principal) => p.role === 'admin'),
];

/** An organisation may answer faster than the platform asks (a 24/7 room) or need longer: its org-admins say so. */
export const changeOrganisationAlertingTimings = [
  rule(
    "org-admins set their own organisation's alerting times",
    (p: Principal, organisation: string) => p.role === 'org-admin' && p.organisation === organisation,
  ),
  rule(
    "platform admins set any organisation's alerting times",
    (p: Principal, _organisation: string) => p.role === 'admin',
  ),
];

/** The times say nothing confidential; every signed-in user may read them. */
export const readAlertingTimings = [
  rule('every signed-in user reads the alerting times', (_p: Principal) => true),
];

/**
 * One alert in a row the reader sees, with whether the reader may see what it is about. That an organisation was
 * told of a sitrep, an action, a post-incident report or a reporting clock, and when, says that the thing exists: it is for those who may
 * see it. Every other alert is about the incident's shared facts, which every participant sees.
 */
export interface RollCallAlertSubject {
  organisation: string;
  /** The sitrep, entry, report or clock behind the alert, as far as the reader may see it; true for shared facts. */
  readerSeesSubject: boolean;
}

export const readRollCallAlert = [
  rule(
    "an organisation's people see every alert sent to it",
    (p: Principal, a: RollCallAlertSubject) => readsContent(p) && p.organisation === a.organisation,
  ),
  rule(
    "those who see another organisation's row see an alert of it only when they may see what it is about",
    (p: Principal, a: RollCallAlertSubject) => readsContent(p) && a.readerSeesSubject,
  ),
];
