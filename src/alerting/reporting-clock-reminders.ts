import { incidentFor } from '../incidents/flows.js';
import type { Actor } from '../platform/actor.js';
import type { WriteContext } from '../platform/db/write.js';
import type { JobHandler } from '../platform/jobs/runner.js';
import { schedule } from '../platform/jobs/store.js';
import { notify } from './flows.js';

/**
 * Reminders "for information" of the national reporting clocks an incident's entities run under (CER, NIS2,
 * DORA): to the organisation that named the entity, some time before a stage falls due. They remind; they never
 * say that anyone is late (sharing under the Blueprint is voluntary), so none is sent for a time that has passed
 * or a stage already recorded. Only people who opted in receive them: every channel is off by default.
 */
export const CLOCKS_CHANGED_JOB = 'alert.reporting-clocks';
export const CLOCK_REMINDER_JOB = 'alert.reporting-clock-reminder';

/** How long before a stage falls due its reminder goes out. */
export const REMINDER_LEAD_MS = 2 * 3_600_000;

interface ReminderPayload {
  incidentId: string;
  organisation: string;
  entity: string | null;
  regime: string;
  stage: string;
  dueAt: string;
}

/** Called where a report or an update is written: the clocks are looked at again after the commit, in a job. */
export async function reportingClocksMayHaveChanged(w: WriteContext, incidentId: string): Promise<void> {
  await schedule(w, {
    kind: CLOCKS_CHANGED_JOB,
    runAt: w.now,
    payload: { incidentId },
    key: `reporting-clocks:${incidentId}`,
  });
}

/** The organisation as a whole, reading what all its people may read (TLP:RED aside, which names people). */
function organisationReader(organisation: string): Actor {
  return {
    userId: '',
    email: '',
    displayName: organisation,
    organisation,
    role: 'viewer',
    via: 'cli',
  };
}

async function clocksAsSeenBy(w: WriteContext, organisation: string, incidentId: string) {
  const incident = await incidentFor(w.trx, organisationReader(organisation), incidentId, new Date(w.now));
  return incident.reportingClocks.filter((c) => c.reportedBy === organisation);
}

export function reportingClockJobs(): JobHandler[] {
  return [
    {
      kind: CLOCKS_CHANGED_JOB,
      async run(w, job) {
        const { incidentId } = job.payload as { incidentId: string };
        const row = await w.trx
          .selectFrom('incidents')
          .select(['id'])
          .where('id', '=', incidentId)
          .executeTakeFirst();
        if (!row) return;
        const naming = await w.trx
          .selectFrom('entries')
          .select('author_org')
          .distinct()
          .where('incident_id', '=', incidentId)
          .where('kind', 'in', ['report', 'update'])
          .execute();
        for (const { author_org: organisation } of naming) {
          for (const clock of await clocksAsSeenBy(w, organisation, incidentId)) {
            for (const stage of clock.stages) {
              if (stage.dueAt === null || stage.recordedAt !== null) continue;
              if (Date.parse(stage.dueAt) <= Date.parse(w.now)) continue;
              const payload: ReminderPayload = {
                incidentId,
                organisation,
                entity: clock.entity,
                regime: stage.regime,
                stage: stage.stage,
                dueAt: stage.dueAt,
              };
              await schedule(w, {
                kind: CLOCK_REMINDER_JOB,
                runAt: new Date(Math.max(Date.parse(w.now), Date.parse(stage.dueAt) - REMINDER_LEAD_MS)),
                payload,
                key: `reporting-clock:${incidentId}:${organisation}:${clock.entity ?? clock.sector}:${stage.stage}:${stage.dueAt}`,
              });
            }
          }
        }
      },
    },
    {
      kind: CLOCK_REMINDER_JOB,
      async run(w, job) {
        const p = job.payload as ReminderPayload;
        if (Date.parse(p.dueAt) <= Date.parse(w.now)) return;
        // Still the same clock, still open, as the organisation sees the incident now.
        const open = (await clocksAsSeenBy(w, p.organisation, p.incidentId)).some(
          (c) =>
            c.entity === p.entity &&
            c.stages.some((s) => s.stage === p.stage && s.dueAt === p.dueAt && s.recordedAt === null),
        );
        if (!open) return;
        await notify(w, {
          organisations: [p.organisation],
          kind: 'reporting-clock-reminder',
          incidentId: p.incidentId,
          // No entity name: the sentence says "an entity", and the incident's page shows what the reader may see.
          body: { regime: p.regime, stage: p.stage, dueAt: p.dueAt },
        });
      },
    },
  ];
}
