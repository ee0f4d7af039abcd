import { rule } from './policy.js';
import type { Principal } from './principal.js';

/**
 * Who a notification addressed to the platform's administrators goes to. Administrators run the platform and
 * read no content, so what they are told (the Presidency calendar running out) names no incident detail.
 */
export const PLATFORM_ADMINISTRATORS = 'PLATFORM-ADMINISTRATORS';

/** Who receives a notification addressed to `addressee` (an organisation, or the platform's administrators). */
export const receiveNotification = [
  rule(
    "an organisation's people, administrators aside, receive its notifications",
    (p: Principal, addressee: string) => p.role !== 'admin' && p.organisation === addressee,
  ),
  rule(
    "the platform's administrators receive the notifications addressed to them",
    (p: Principal, addressee: string) => p.role === 'admin' && addressee === PLATFORM_ADMINISTRATORS,
  ),
];
