import {
  correctNationalPublication,
  recordNationalPublication,
  withdrawNationalPublication,
} from '../comms/divergence-flows.js';
import type { Actor } from '../platform/actor.js';
import type { Platform } from '../platform/context.js';

const HOUR = 3600_000;

/**
 * On the exercise incident's divergence view: Estonia records a publication meant for another incident and
 * withdraws it with a reason, and Finland corrects the link of its own publication; both stay in the log.
 */
export async function seedPublicationWithdrawal(
  platform: Platform,
  incidentId: string,
  who: { fi: Actor; ee: Actor },
) {
  const recorded = await recordNationalPublication(platform, who.ee, incidentId, {
    publishedAt: new Date(platform.clock.now().getTime() - HOUR / 2).toISOString(),
    link: 'https://kriis.example.ee/harjoitus/other-incident',
  });
  const publications = recorded.states.flatMap((s) => s.publications);
  const mistaken = publications.find((p) => p.link?.endsWith('/other-incident'))!;
  const finnish = publications.find((p) => p.link?.endsWith('/tiedote-1'))!;
  await withdrawNationalPublication(platform, who.ee, incidentId, mistaken.id, {
    reason: 'EXERCISE: recorded on the wrong incident.',
  });
  await correctNationalPublication(platform, who.fi, incidentId, finnish.id, {
    reason: 'EXERCISE: the press release moved to a permanent address.',
    link: 'https://valtioneuvosto.example.fi/harjoitus/tiedote-1-pysyva',
  });
}
