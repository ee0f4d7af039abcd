import { rule } from './policy.js';
import type { Principal } from './principal.js';

/** Who may choose their own alert channels: every person with an account, through their own session or token. */
export const chooseOwnAlerts = [
  rule('people choose their own alert channels', (_p: Principal, via: string) => via !== 'display'),
];

/** Who may register, pause, resume and remove an organisation's webhooks, and read their delivery log. */
export const manageWebhooks = [
  rule(
    "an organisation's org-admins manage its webhooks",
    (p: Principal, organisation: string) => p.role === 'org-admin' && p.organisation === organisation,
  ),
];
