import type { Actor } from '../platform/actor.js';
import type { Platform } from '../platform/context.js';
import { NotFound } from '../platform/errors.js';
import { presidencyOf } from '../presidency/flows.js';
import { readIncident } from '../sharing/incidents.js';
import { isAllowed } from '../sharing/policy.js';
import { readRollCallAlert, readRollCallRow } from '../sharing/roll-call.js';
import { EscalationStage, requiresAcknowledgement } from './escalation-model.js';
import { deliveriesOf } from './escalation-store.js';
import type { NotificationKind } from './model.js';
import type { RollCall, RollCallAlert, RollCallDelivery } from './roll-call-model.js';
import { subjectsSeenBy } from './roll-call-subjects.js';

/**
 * The roll call of an incident's alerts, only the organisations' rows the reader may see (src/sharing/roll-call.ts):
 * an organisation its own, ERCC and the Presidency all of them.
 */
export async function rollCallOf(platform: Platform, actor: Actor, incidentId: string): Promise<RollCall> {
  const db = platform.db.kysely;
  const incident = await db
    .selectFrom('incidents')
    .select(['id', 'releasable_to_nato'])
    .where('id', '=', incidentId)
    .executeTakeFirst();
  if (!incident || !isAllowed(readIncident, actor, { releasableToNato: incident.releasable_to_nato === 1 }))
    throw new NotFound(`no incident ${incidentId}`);
  const presidency = await presidencyOf(db, incidentId);
  const rows = (
    await db
      .selectFrom('notifications as n')
      .leftJoin('alert_escalations as e', 'e.notification_id', 'n.id')
      .select([
        'n.id',
        'n.organisation',
        'n.kind',
        'n.body',
        'n.created_at',
        'n.acknowledged_at',
        'n.acknowledged_by',
        'e.stage',
        'e.next_at',
      ])
      .where('n.incident_id', '=', incidentId)
      .orderBy('n.created_at')
      .orderBy('n.id')
      .execute()
  ).filter((n) => isAllowed(readRollCallRow, actor, { organisation: n.organisation, presidency }));
  const subjects = await subjectsSeenBy(db, actor, rows, presidency);
  const notifications = rows.filter((n) =>
    isAllowed(readRollCallAlert, actor, {
      organisation: n.organisation,
      readerSeesSubject: subjects.get(n.id) === true,
    }),
  );
  const deliveries = await deliveriesOf(db, { notificationIds: notifications.map((n) => n.id) });
  const byOrganisation = new Map<string, RollCallAlert[]>();
  for (const n of notifications) {
    const stage = n.acknowledged_at ? 'acknowledged' : n.stage;
    const sent: RollCallDelivery[] = deliveries
      .filter((d) => d.notification_id === n.id)
      .map((d) => ({
        id: d.id,
        step: d.step as RollCallDelivery['step'],
        channel: d.channel,
        recipient: d.recipient,
        at: d.at,
        state: (d.outbox_state ?? 'sent') as RollCallDelivery['state'],
        sentAt: d.outbox_sent_at ?? (d.outbox_state ? null : d.at),
      }));
    const alert: RollCallAlert = {
      notificationId: n.id,
      kind: n.kind as NotificationKind,
      alertedAt: n.created_at,
      requiresAcknowledgement: requiresAcknowledgement(n.kind) && n.stage !== null,
      acknowledgedAt: n.acknowledged_at,
      acknowledgedBy: n.acknowledged_by,
      secondsToAcknowledge: n.acknowledged_at
        ? Math.round((Date.parse(n.acknowledged_at) - Date.parse(n.created_at)) / 1000)
        : null,
      stage: stage ? EscalationStage.parse(stage) : null,
      nextEscalationAt: n.acknowledged_at ? null : (n.next_at ?? null),
      deliveries: [
        {
          id: `${n.id}:in-app`,
          step: 'alert',
          channel: 'in-app',
          recipient: n.organisation,
          at: n.created_at,
          state: 'sent',
          sentAt: n.created_at,
        },
        ...sent,
      ],
    };
    const list = byOrganisation.get(n.organisation) ?? [];
    list.push(alert);
    byOrganisation.set(n.organisation, list);
  }
  return {
    incidentId,
    organisations: [...byOrganisation.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([organisation, alerts]) => ({ organisation, alerts })),
  };
}
