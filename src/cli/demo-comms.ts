import { decideOnMessage, draftPublicMessage, recordPublication } from '../comms/flows.js';
import type { Actor } from '../platform/actor.js';
import type { Platform } from '../platform/context.js';

/**
 * A line to take on the exercise incident, in English, Finnish and Estonian: Finland drafts and approves it,
 * Estonia approves it in Estonian and records its national publication; its embargo is already over.
 */
export async function seedPublicLine(platform: Platform, incidentId: string, who: { fi: Actor; ee: Actor }) {
  const drafted = await draftPublicMessage(platform, who.fi, incidentId, {
    marking: 'TLP:CLEAR',
    event: 'Damage to subsea electricity and data cables (exercise)',
    category: 'Infra',
    urgency: 'Expected',
    severity: 'Moderate',
    certainty: 'Observed',
    embargoUntil: platform.clock.now().toISOString(),
    texts: [
      {
        language: 'en',
        headline: 'EXERCISE: Reduced electricity imports across the Gulf of Finland',
        text: 'Two subsea cables are damaged. Supply is secured; prices may rise for some days.',
        instruction: 'No action is needed. Follow your national authorities for updates.',
      },
      {
        language: 'fi',
        headline: 'HARJOITUS: Sähkön tuonti Suomenlahden yli on vähentynyt',
        text: 'Kaksi merikaapelia on vaurioitunut. Sähkön saanti on turvattu; hinnat voivat nousta muutamaksi päiväksi.',
        instruction: 'Toimenpiteitä ei tarvita. Seuraa viranomaisten tiedotteita.',
      },
      {
        language: 'et',
        headline: 'ÕPPUS: Elektri import üle Soome lahe on vähenenud',
        text: 'Kaks merekaablit on kahjustatud. Varustus on tagatud; hinnad võivad mõneks päevaks tõusta.',
        instruction: 'Midagi ei pea tegema. Jälgige riiklike asutuste teateid.',
      },
    ],
  });
  const messageId = drafted.messages[drafted.messages.length - 1]!.messageId;
  await decideOnMessage(platform, who.fi, incidentId, messageId, {
    decision: 'approved',
    languages: ['en', 'fi'],
    reason: '',
  });
  await decideOnMessage(platform, who.ee, incidentId, messageId, {
    decision: 'approved',
    languages: ['en', 'et'],
    reason: '',
  });
  await recordPublication(platform, who.ee, incidentId, messageId, {
    link: 'https://kriis.example.ee/oppus/teade-1',
  });
}
