import { markKeyFact, recordNationalPublication } from '../comms/divergence-flows.js';
import { listPublicMessages } from '../comms/flows.js';
import { commentOnMessage, resolveComment, translateMessage } from '../comms/review-flows.js';
import type { Actor } from '../platform/actor.js';
import type { Platform } from '../platform/context.js';

const HOUR = 3600_000;

/**
 * On the exercise incident's line to take: Estonia's comment on a passage, resolved by Finland, and one still open
 * from ERCC; a Swedish version Finland started from English, left a draft translation (so it is not on the public
 * page); and what Finland published nationally beside Estonia's publication of the line, the cause marked in both
 * and contradicting, so the divergence view flags it.
 */
export async function seedCommsReview(
  platform: Platform,
  incidentId: string,
  who: { fi: Actor; ee: Actor; ercc: Actor },
) {
  const line = (await listPublicMessages(platform, who.fi, incidentId)).messages[0]!;
  const messageId = line.messageId;
  const commented = await commentOnMessage(platform, who.ee, incidentId, messageId, {
    text: 'EXERCISE: say for how many days, as our operator does.',
    language: 'en',
    passage: 'prices may rise for some days',
  });
  const comment = commented.messages[0]!.versions.at(-1)!.comments.at(-1)!;
  await resolveComment(platform, who.fi, incidentId, messageId, comment.id, true);
  await commentOnMessage(platform, who.ercc, incidentId, messageId, {
    text: 'EXERCISE: the next version could name the ERCC as the source of the common picture.',
  });
  await translateMessage(platform, who.fi, incidentId, messageId, {
    language: 'sv',
    translatedFrom: 'en',
    headline: 'ÖVNING: Minskad elimport över Finska viken',
    text: 'Två undervattenskablar är skadade. Försörjningen är tryggad; priserna kan stiga under några dagar.',
    instruction: 'Inga åtgärder behövs. Följ myndigheternas meddelanden.',
  });

  const fiPublished = await recordNationalPublication(platform, who.fi, incidentId, {
    publishedAt: new Date(platform.clock.now().getTime() - HOUR).toISOString(),
    text: 'EXERCISE: A ship’s anchor damaged two subsea cables. Repairs are expected to take two weeks.',
    link: 'https://valtioneuvosto.example.fi/harjoitus/tiedote-1',
  });
  const publicationOf = (state: string) =>
    fiPublished.states.find((s) => s.organisation === state)!.publications[0]!.id;
  await markKeyFact(platform, who.ercc, incidentId, {
    publicationId: publicationOf('FI'),
    fact: 'cause',
    value: 'anchor damage',
  });
  await markKeyFact(platform, who.ercc, incidentId, {
    publicationId: publicationOf('EE'),
    fact: 'cause',
    value: 'under investigation',
  });
}
