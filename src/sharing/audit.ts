import { rule } from './policy.js';
import type { Principal } from './principal.js';

/**
 * Who may read audit records. Records name who did what to which id, never content, so platform admins read them
 * all without reading any entry.
 */
export const readAudit = [
  rule(
    'platform admins read every audit record',
    (p: Principal, _actorOrg: string | null) => p.role === 'admin',
  ),
  rule(
    "org-admins read the records of their own organisation's people",
    (p: Principal, actorOrg: string | null) => p.role === 'org-admin' && actorOrg === p.organisation,
  ),
];

/** The SQL form of `readAudit`: every record, or those of one organisation, or none. */
export function auditScope(p: Principal): { all: true } | { organisation: string } | 'none' {
  if (p.role === 'admin') return { all: true };
  if (p.role === 'org-admin') return { organisation: p.organisation };
  return 'none';
}

/**
 * What each action's details show in the audit viewer: kinds, markings, audiences, times and ids, never content.
 * Titles, texts, sharing-group names and members, contact details and hashes of content stay out (a hash of a
 * short text confirms a guess of it). An action not listed shows no details: a new action reveals nothing until
 * someone decides here what of it may be shown.
 */
const SHOWN_DETAILS: Readonly<Record<string, readonly string[]>> = {
  'entry.appended': ['incidentId', 'kind', 'seq', 'marking'],
  'incident.reported': ['status', 'exercise'],
  'incident.merged': ['into'],
  'attachment.added': ['entryId', 'incidentId', 'size', 'marking'],
  'sitrep.compiled': ['incidentId', 'audience', 'marking'],
  'sitrep.published': ['incidentId', 'number', 'marking'],
  'sitrep.contributor-added': ['organisation'],
  'sharing-group.created': ['hiddenMembership'],
  'user.created': ['email', 'organisation', 'role'],
  'user.updated': ['role', 'active', 'onDuty', 'resetSecondFactor'],
  'user.sign-in-failed': ['address', 'reason'],
  'user.locked': ['address', 'reason'],
  'user.signed-in': ['address'],
  'user.unlocked': [],
  'user.password-reset-sent': ['expiresAt'],
  'user.password-reset-requested': ['address', 'expiresAt'],
  'user.password-reset': ['via', 'secondFactorRemoved'],
  'user.second-factor-reset': ['hadSecondFactor'],
  'user.second-factor-enabled': ['recoveryCodes'],
  'user.recovery-codes-regenerated': ['count'],
  'user.recovery-code-used': ['remaining'],
  'token.created': ['name', 'userId'],
  'display-token.created': ['name'],
  'platform-setting.changed': ['setting', 'from', 'to'],
  'exercise.run-started': ['scenario', 'speed'],
  'exercise.outside-recorded': ['heldOn', 'report'],
};

/** An audit record's details as the viewer shows them (see `SHOWN_DETAILS`). */
export function shownAuditDetails(action: string, details: Record<string, unknown>): Record<string, unknown> {
  const shown: Record<string, unknown> = {};
  for (const key of SHOWN_DETAILS[action] ?? []) if (key in details) shown[key] = details[key];
  return shown;
}
