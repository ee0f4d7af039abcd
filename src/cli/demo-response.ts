import type { Actor } from '../platform/actor.js';
import type { Platform } from '../platform/context.js';
import { changeActionStatus, createAction, recordDecision } from '../response/decisions-flows.js';
import { NewAction, NewDecision } from '../response/decisions-model.js';
import { conveneMeeting, recordMinutes } from '../response/meetings-flows.js';
import { NewMeeting } from '../response/meetings-model.js';

const HOUR = 3600_000;

/**
 * The response on the exercise incident: the Presidency's IPCR roundtable an hour ago with its minutes, the
 * strategic decision taken there, and two actions ERCC gives Estonia's duty officer, one of them already done.
 */
export async function seedResponse(
  platform: Platform,
  incidentId: string,
  who: { ee: Actor; ercc: Actor; presidency: Actor },
) {
  const { ee, ercc, presidency } = who;
  const now = platform.clock.now().getTime();
  const at = (offset: number) => new Date(now + offset).toISOString();
  const meeting = await conveneMeeting(
    platform,
    presidency,
    incidentId,
    NewMeeting.parse({
      title: 'EXERCISE: Gulf of Finland cables, first roundtable',
      format: 'ipcr-roundtable',
      startsAt: at(-2 * HOUR),
      endsAt: at(-HOUR),
      agenda: 'Situation in Estonia; repair vessels; public line.',
      invited: ['FI', 'EE', 'ERCC', presidency.organisation],
      where: 'Video conference (exercise bridge)',
    }),
  );
  await recordMinutes(platform, presidency, incidentId, meeting.id, {
    minutes: 'EXERCISE. Estonia needs generators for Harju county; ERCC relays offers through UCPM.',
  });
  const decision = await recordDecision(
    platform,
    presidency,
    incidentId,
    NewDecision.parse({
      level: 'strategic',
      decidedBy: 'IPCR roundtable',
      what: 'EXERCISE. Pool mobile generators for Estonia through the Union Civil Protection Mechanism.',
      rationale: 'Rotating supply cuts are expected to last the week.',
      meetingId: meeting.id,
      audience: ['FI', 'EE', 'ERCC', presidency.organisation],
    }),
  );
  const action = (title: string, dueAt: string) =>
    createAction(
      platform,
      ercc,
      incidentId,
      NewAction.parse({
        title,
        ownerOrganisation: 'EE',
        assigneeUserId: ee.userId,
        dueAt,
        decisionId: decision.id,
      }),
    );
  const site = await action('EXERCISE: confirm the landing site and fuel for the generators', at(2 * HOUR));
  await action('EXERCISE: send ERCC the rotating-cut schedule for tomorrow', at(20 * HOUR));
  await changeActionStatus(platform, ee, incidentId, site.id, {
    status: 'done',
    note: 'Tallinn port, fuel from the national reserve.',
  });
}
