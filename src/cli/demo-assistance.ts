import { moveStep, offerAssistance, requestAssistance } from '../assistance/flows.js';
import { NewAssistanceOffer, NewAssistanceRequest } from '../assistance/model.js';
import type { Actor } from '../platform/actor.js';
import type { Platform } from '../platform/context.js';

/**
 * Technical support in the demo: EE asks for generators (FI's offer taken and deployed, DE's standing by), for a
 * cable-repair vessel, still open, with Norway's offer relayed by ERCC, and for spare cable, 4 km of it taken from
 * the 10 km DE offers to the incident as standing capacity.
 */
export async function seedAssistance(
  platform: Platform,
  incidentId: string,
  actors: { ee: Actor; fi: Actor; de: Actor; ercc: Actor },
): Promise<void> {
  const now = platform.clock.now().getTime();
  const at = (hours: number) => new Date(now + hours * 3600_000).toISOString();
  const generators = await requestAssistance(
    platform,
    actors.ee,
    incidentId,
    NewAssistanceRequest.parse({
      category: 'power-generators',
      description: 'Mobile generators for the Narva water works while the interconnector is down',
      quantity: 2,
      unit: 'MW',
      location: { country: 'EE', place: 'Narva' },
      neededFrom: at(-2),
      neededUntil: at(24 * 7),
      priority: 'urgent',
      constraints: ['400 V three-phase', 'CE marked'],
      ucpm: { formal: true, cecisReference: 'CECIS-EX-2026-0042' },
      marking: 'TLP:GREEN',
    }),
  );
  const offer = (actor: Actor, fields: Record<string, unknown>) =>
    offerAssistance(
      platform,
      actor,
      incidentId,
      NewAssistanceOffer.parse({
        category: 'power-generators',
        unit: 'MW',
        conditions: 'Fuel provided by the requester',
        costs: 'free-of-charge',
        marking: 'TLP:GREEN',
        ...fields,
      }),
    );
  const fiOffer = await offer(actors.fi, {
    requestId: generators.id,
    what: 'Two 1 MW diesel generators with two operators',
    quantity: 2,
    location: { country: 'FI', place: 'Kotka' },
    availableFrom: at(-3),
  });
  await offer(actors.de, {
    requestId: generators.id,
    what: 'One 1 MW generator from THW',
    quantity: 1,
    location: { country: 'DE', place: 'Rostock' },
    availableFrom: at(20),
    costs: 'ucpm-co-financed',
  });
  for (const [actor, step] of [
    [actors.ee, 'accepted'],
    [actors.fi, 'in-transit'],
    [actors.fi, 'deployed'],
  ] as const) {
    await moveStep(platform, actor, incidentId, generators.id, { offerId: fiOffer.id, step, note: '' });
  }

  const vessel = await requestAssistance(
    platform,
    actors.ee,
    incidentId,
    NewAssistanceRequest.parse({
      category: 'cable-repair-vessel',
      description: 'A cable ship able to lift and splice a 150 kV subsea cable at 80 m depth',
      quantity: 1,
      unit: 'vessel',
      location: { country: 'EE', place: 'Gulf of Finland, 20 km off Paldiski' },
      neededFrom: at(48),
      priority: 'critical',
      constraints: ['HVDC splicing certification'],
      ucpm: { formal: true },
      marking: 'TLP:GREEN',
    }),
  );
  await offer(actors.ercc, {
    requestId: vessel.id,
    category: 'cable-repair-vessel',
    unit: 'vessel',
    what: 'Cable-repair ship from Bergen with a splicing crew',
    quantity: 1,
    location: { country: 'NO', place: 'Bergen' },
    availableFrom: at(60),
    costs: 'cost-shared',
    onBehalfOf: 'NO',
  });

  // A standing offer of capacity to the incident as a whole, taken in part: 6 km of the 10 are left.
  const cablePool = await offer(actors.de, {
    category: 'spare-parts',
    unit: 'km',
    what: '150 kV subsea cable on drums, from the German grid operators’ spare pool',
    quantity: 10,
    location: { country: 'DE', place: 'Rostock' },
    availableFrom: at(-1),
    costs: 'reimbursed',
  });
  const cable = await requestAssistance(
    platform,
    actors.ee,
    incidentId,
    NewAssistanceRequest.parse({
      category: 'spare-parts',
      description: 'Spare 150 kV subsea cable to replace the damaged section',
      quantity: 4,
      unit: 'km',
      location: { country: 'EE', place: 'Paldiski' },
      neededFrom: at(36),
      priority: 'urgent',
      marking: 'TLP:GREEN',
    }),
  );
  await moveStep(platform, actors.ee, incidentId, cable.id, {
    offerId: cablePool.id,
    step: 'accepted',
    note: '',
  });
}
