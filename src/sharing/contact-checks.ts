import { rule } from './policy.js';
import type { Principal } from './principal.js';
import { readsContent } from './principal.js';

/** ERCC's people who act for it: it keeps the Commission's view of who is reachable around the clock. */
const actsForErcc = (p: Principal) =>
  p.organisation === 'ERCC' && (p.role === 'coordinator' || p.role === 'org-admin');

/** Who schedules a communication check of the contact points in `targets`. */
export const scheduleContactCheck = [
  rule(
    'ERCC coordinators and org-admins check any contact points',
    (p: Principal, _targets: readonly string[]) => actsForErcc(p),
  ),
  rule(
    "org-admins check their own organisation's contact point",
    (p: Principal, targets: readonly string[]) =>
      p.role === 'org-admin' && targets.length > 0 && targets.every((t) => t === p.organisation),
  ),
];

/** Whose result of a check a reader sees: how fast an organisation answered is for it and for ERCC. */
export const readContactCheckResult = [
  rule(
    "an organisation's people see how their own contact point answered",
    (p: Principal, organisation: string) => readsContent(p) && p.organisation === organisation,
  ),
  rule(
    'ERCC sees how every contact point answered',
    (p: Principal, _organisation: string) => readsContent(p) && p.organisation === 'ERCC',
  ),
];

/** Whoever is on duty answers a check for their organisation, whatever their role there. */
export const acknowledgeContactCheck = [
  rule(
    "an organisation's people answer the checks of its contact point",
    (p: Principal, organisation: string) => readsContent(p) && p.organisation === organisation,
  ),
];

/** The SQL form of `readContactCheckResult`, for lists filtered in the database: every organisation, or these. */
export function contactCheckResultScope(p: Principal): 'all' | string[] {
  if (!readsContent(p)) return [];
  return p.organisation === 'ERCC' ? 'all' : [p.organisation];
}
