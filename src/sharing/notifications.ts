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

/**
 * What a notification is about, for deciding whom it may be sent to: the incident's release to NATO as the write
 * that notifies reads it (null when the notification points at no incident), and whether the thing notified (a
 * post-incident report, a sitrep, the incident's own release, a fact released with the incident) is itself released
 * to NATO, or NATO in its audience.
 */
export interface NotifiedSubject {
  incidentReleasedToNato: boolean | null;
  releasedToNato: boolean;
  /**
   * The notification is about the addressee's own standing on the platform and names no incident (its own webhook
   * paused): nothing in it can be kept from whoever it is addressed to.
   */
  ownAffair?: boolean;
}

/**
 * Which addressed organisations may be sent a notification. Participating organisations see every incident, so the
 * flow that addresses them decides; the NATO liaison sees only what is released to it, so it is told only what it
 * may then open: never of an incident kept from NATO, whoever names it.
 */
export const sendNotificationTo = [
  rule(
    'every addressee but the NATO liaison is sent the notifications its flow addresses to it',
    (organisation: string, _s: NotifiedSubject) => organisation !== 'NATO',
  ),
  rule(
    'the NATO liaison is sent a notification only about an incident released to NATO, of something itself released to NATO',
    (organisation: string, s: NotifiedSubject) =>
      organisation === 'NATO' && s.incidentReleasedToNato === true && s.releasedToNato,
  ),
  rule(
    'the NATO liaison is sent a notification about no incident that concerns only its own standing (its webhook)',
    (organisation: string, s: NotifiedSubject) =>
      organisation === 'NATO' && s.incidentReleasedToNato === null && s.ownAffair === true,
  ),
];
