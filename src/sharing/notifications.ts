import type { Actor } from '../platform/actor.js';
import { rule } from './policy.js';
import type { Principal } from './principal.js';

/**
 * Who a notification addressed to the platform's administrators goes to. Administrators run the platform and
 * read no content, so what they are told (the Presidency calendar running out) names no incident detail.
 */
export const PLATFORM_ADMINISTRATORS = 'PLATFORM-ADMINISTRATORS';

/**
 * Who receives a notification addressed to `addressee` (an organisation, or the platform's administrators). A
 * notification asks a person to act; a wall screen, which shows only the picture to a room and has no bell (its
 * gate refuses it, src/sharing/wall-screens.ts), gets none, on its stream either.
 */
export const receiveNotification = [
  rule(
    "an organisation's people, administrators aside, receive its notifications",
    (p: Principal & { via?: Actor['via'] }, addressee: string) =>
      p.role !== 'admin' && p.via !== 'display' && p.organisation === addressee,
  ),
  rule(
    "the platform's administrators receive the notifications addressed to them",
    (p: Principal, addressee: string) => p.role === 'admin' && addressee === PLATFORM_ADMINISTRATORS,
  ),
];
