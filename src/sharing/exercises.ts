import { rule } from './policy.js';
import { isParticipant, type Principal } from './principal.js';

/**
 * Who runs exercises from the web. The ERCC coordinates the Blueprint and its exercises, so its coordinators may
 * run any; an organisation's org-admin may run one for their organisation (a national exercise), as they are the
 * ones who answer for their organisation's preparedness. Players (other coordinators, viewers) never facilitate:
 * the injects they receive must come from someone outside their own play. Platform admins read no content and run
 * no exercises.
 */
export const startExercise = [
  rule(
    'ERCC coordinators start exercises',
    (p: Principal) => p.role === 'coordinator' && p.organisation === 'ERCC',
  ),
  rule(
    'org-admins of participating organisations start exercises for their organisation',
    (p: Principal) => p.role === 'org-admin' && isParticipant(p),
  ),
];

/** The session a facilitator would steer: who started it. */
export interface SessionOwner {
  startedByOrganisation: string;
}

/** Pausing, resuming, adding injects and following the progress of a running exercise. */
export const steerExercise = [
  rule(
    'ERCC coordinators steer any exercise',
    (p: Principal, _s: SessionOwner) => p.role === 'coordinator' && p.organisation === 'ERCC',
  ),
  rule(
    'org-admins steer the exercises their organisation started',
    (p: Principal, s: SessionOwner) => p.role === 'org-admin' && p.organisation === s.startedByOrganisation,
  ),
];
