import { rule } from './policy.js';
import type { Principal } from './principal.js';

/** The directory of contact points is how organisations find each other: every signed-in user reads it. */
export const readDirectory = [rule('every signed-in user reads the directory', (_p: Principal) => true)];

export const editContactPoint = [
  rule(
    "org-admins keep their own organisation's contact point",
    (p: Principal, org: string) => p.role === 'org-admin' && p.organisation === org,
  ),
  rule('platform admins keep every contact point', (p: Principal, _org: string) => p.role === 'admin'),
];
