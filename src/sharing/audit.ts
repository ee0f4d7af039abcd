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
