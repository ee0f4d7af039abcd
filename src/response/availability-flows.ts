import type { Actor } from '../platform/actor.js';
import type { Platform } from '../platform/context.js';
import { type IdempotencyScope, inWrite } from '../platform/db/write.js';
import { NotFound } from '../platform/errors.js';
import { isMemberState, MEMBER_STATES } from '../registry/countries.js';
import * as policy from '../sharing/availability.js';
import { assertAllowed, onlyAsRulesSay } from '../sharing/policy.js';
import type { AvailabilityRequest, MemberStateAvailability } from './availability-model.js';

type Row = { member_state: string; availability: string; note: string; set_at: string };

const view = (memberState: string, row: Row | undefined): MemberStateAvailability => ({
  memberState,
  availability: (row?.availability ?? 'normal') as MemberStateAvailability['availability'],
  note: row?.note ?? '',
  setAt: row?.set_at ?? null,
});

/** Every member state's availability, `normal` for those that never set one: one query. */
export async function listAvailability(platform: Platform, actor: Actor): Promise<MemberStateAvailability[]> {
  assertAllowed(policy.readAvailability, onlyAsRulesSay(policy.readAvailability), actor);
  const rows = await platform.db.kysely.selectFrom('eu_ask_availability').selectAll().execute();
  const byState = new Map(rows.map((r) => [r.member_state, r]));
  return MEMBER_STATES.map((s) => view(s.code, byState.get(s.code)));
}

/** A member state's coordinators set its availability; the change and the previous value go to the audit chain. */
export function setAvailability(
  platform: Platform,
  actor: Actor,
  memberState: string,
  input: AvailabilityRequest,
  idempotency?: IdempotencyScope,
): Promise<MemberStateAvailability> {
  return inWrite(platform, { actor, idempotency }, async (w) => {
    if (!isMemberState(memberState)) throw new NotFound(`no member state ${memberState}`);
    assertAllowed(policy.setAvailability, onlyAsRulesSay(policy.setAvailability), actor, memberState);
    const previous = await w.trx
      .selectFrom('eu_ask_availability')
      .selectAll()
      .where('member_state', '=', memberState)
      .executeTakeFirst();
    const row = {
      member_state: memberState,
      availability: input.availability,
      note: input.note,
      set_at: w.now,
      set_by_user_id: actor.userId,
    };
    await w.trx
      .insertInto('eu_ask_availability')
      .values(row)
      .onConflict((oc) =>
        oc.column('member_state').doUpdateSet({
          availability: row.availability,
          note: row.note,
          set_at: row.set_at,
          set_by_user_id: row.set_by_user_id,
        }),
      )
      .execute();
    await w.audit({
      action: 'availability.set',
      subjectType: 'member-state',
      subjectId: memberState,
      details: { availability: input.availability, previous: previous?.availability ?? 'normal' },
    });
    return view(memberState, row);
  });
}
