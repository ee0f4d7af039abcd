import { recordDisinformation } from '../comms/disinformation-flows.js';
import { switchPublicPage } from '../comms/public-flows.js';
import type { Actor } from '../platform/actor.js';
import type { Platform } from '../platform/context.js';

const HOUR = 3600_000;

/**
 * On the exercise incident: a false narrative Estonia observed, shared TLP:GREEN with all, and the incident's public
 * page switched on by ERCC, which for an exercise is a preview bannered EXERCISE, without feeds.
 */
export async function seedDisinformation(
  platform: Platform,
  incidentId: string,
  who: { ee: Actor; ercc: Actor },
) {
  await recordDisinformation(platform, who.ee, incidentId, {
    narrative: 'EXERCISE: the cables were cut on purpose to justify higher electricity prices',
    platforms: ['Telegram', 'a regional video channel'],
    countries: ['EE', 'FI'],
    observedSince: new Date(platform.clock.now().getTime() - 6 * HOUR).toISOString(),
    reach: 'medium',
    rebuttal: 'The cause is being investigated; supply is secured and prices are set by the market as usual.',
    links: ['https://video.example.ee/watch/demo-1'],
    marking: 'TLP:GREEN',
  });
  await switchPublicPage(platform, who.ercc, incidentId, true);
}
