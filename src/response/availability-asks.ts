import { notify } from '../alerting/flows.js';
import type { NotificationKind } from '../alerting/model.js';
import type { WriteContext } from '../platform/db/write.js';
import type { Availability } from './availability-model.js';

export interface AskedAvailability {
  availability: Availability;
  note: string;
}

/**
 * The availability for EU asks of the given member states as it stands in this transaction; states that never set
 * one, or set it back to normal, are absent: only a stretched state has anything to say to whoever asks it.
 */
export async function stretchedStates(
  w: WriteContext,
  states: readonly string[],
): Promise<Map<string, AskedAvailability>> {
  if (states.length === 0) return new Map();
  const rows = await w.trx
    .selectFrom('eu_ask_availability')
    .select(['member_state', 'availability', 'note'])
    .where('member_state', 'in', [...new Set(states)])
    .where('availability', '!=', 'normal')
    .execute();
  return new Map(
    rows.map((r) => [r.member_state, { availability: r.availability as Availability, note: r.note }]),
  );
}

/**
 * Tells each asked state, with the ask's notification, how available it said it was at that moment. The notice is
 * for information: the ask and its deadline are the same for every state, and a state on "only urgent" is told so,
 * because its availability does not change how its silence is counted.
 */
export async function notifyAsked(
  w: WriteContext,
  input: {
    organisations: readonly string[];
    kind: NotificationKind;
    incidentId: string | null;
    body: Record<string, unknown>;
  },
): Promise<void> {
  const stretched = await stretchedStates(w, input.organisations);
  const normal = input.organisations.filter((o) => !stretched.has(o));
  await notify(w, { ...input, organisations: normal });
  for (const [state, own] of stretched)
    await notify(w, {
      ...input,
      organisations: [state],
      body: { ...input.body, availability: own.availability, availabilityNote: own.note },
    });
}
