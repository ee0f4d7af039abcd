import type { Actor } from '../platform/actor.js';
import type { Platform } from '../platform/context.js';
import { inWrite } from '../platform/db/write.js';
import { Invalid } from '../platform/errors.js';
import { ORGANISATIONS, organisationById } from '../registry/organisations.js';
import * as contactPointPolicy from '../sharing/contact-points.js';
import { assertAllowed } from '../sharing/policy.js';
import type { ContactPoint, UpdateContactPointRequest } from './model.js';

/** Every organisation's contact point, including those not yet designated (so gaps are visible). */
export async function getDirectory(platform: Platform, actor: Actor): Promise<ContactPoint[]> {
  assertAllowed(contactPointPolicy.readDirectory, 'you may not read the directory', actor);
  const db = platform.db.kysely;
  const [points, onDuty] = await Promise.all([
    db.selectFrom('contact_points').selectAll().execute(),
    db
      .selectFrom('users')
      .select(['id', 'display_name', 'email', 'organisation'])
      .where('on_duty', '=', 1)
      .where('active', '=', 1)
      .orderBy('display_name')
      .execute(),
  ]);
  const byOrg = new Map(points.map((p) => [p.organisation, p]));
  return ORGANISATIONS.map((org) => {
    const p = byOrg.get(org.id);
    return {
      organisation: org.id,
      organisationName: org.name,
      kind: org.kind,
      mailbox: p?.mailbox ?? null,
      phone: p?.phone ?? null,
      notes: p?.notes ?? null,
      onDuty: onDuty
        .filter((u) => u.organisation === org.id)
        .map((u) => ({ id: u.id, displayName: u.display_name, email: u.email })),
      updatedAt: p?.updated_at ?? null,
      updatedBy: p?.updated_by ?? null,
    };
  });
}

export async function updateContactPoint(
  platform: Platform,
  actor: Actor,
  organisation: string,
  change: UpdateContactPointRequest,
): Promise<ContactPoint> {
  const org = organisationById(organisation);
  if (!org) throw new Invalid(`organisation: unknown organisation "${organisation}"`, 'organisation');
  assertAllowed(
    contactPointPolicy.editContactPoint,
    `you may not change the contact point of ${org.id}`,
    actor,
    org.id,
  );
  await inWrite(platform, { actor }, async (w) => {
    const values = {
      mailbox: change.mailbox,
      phone: change.phone,
      notes: change.notes ?? null,
      updated_at: w.now,
      updated_by: actor.email,
    };
    await w.trx
      .insertInto('contact_points')
      .values({ organisation: org.id, ...values })
      .onConflict((oc) => oc.column('organisation').doUpdateSet(values))
      .execute();
    await w.audit({
      action: 'contact-point.updated',
      subjectType: 'contact-point',
      subjectId: org.id,
      details: { ...change },
    });
  });
  const all = await getDirectory(platform, actor);
  return all.find((c) => c.organisation === org.id)!;
}
