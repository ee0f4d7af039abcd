import { postEntry } from '../entries/flows.js';
import { recordOwnAssessment, reportIncident } from '../incidents/flows.js';
import { IncidentReport } from '../incidents/model.js';
import type { Actor } from '../platform/actor.js';
import type { Platform } from '../platform/context.js';
import { setAvailability } from '../response/availability-flows.js';
import { changeActionStatus, createAction, recordDecision } from '../response/decisions-flows.js';
import { NewAction, NewDecision } from '../response/decisions-model.js';
import { recordMechanism } from '../response/flows.js';
import { writeHandover } from '../response/handover-flows.js';
import { conveneMeeting, recordMinutes } from '../response/meetings-flows.js';
import { NewMeeting } from '../response/meetings-model.js';

const HOUR = 3600_000;

/**
 * A hybrid incident run on both tracks: a data cable between Finland and Estonia cut, a deliberate act by a state
 * actor suspected. Consequence management (rerouting traffic, a repair vessel) is open to every participant; the
 * EEAS leads attribution, whose notes reach only the EEAS and the affected states. IPCR is in information-sharing
 * mode, the Hybrid Toolbox engaged; a technical call with its minutes, decisions at both levels, actions (one done),
 * Estonia's limited availability for EU asks and Finland's shift handover waiting for the next officer.
 */
export async function seedHybrid(
  platform: Platform,
  who: { fi: Actor; ee: Actor; ercc: Actor; eeas: Actor; presidency: Actor },
): Promise<string> {
  const { fi, ee, ercc, eeas, presidency } = who;
  const now = platform.clock.now().getTime();
  const at = (offset: number) => new Date(now + offset).toISOString();
  const incident = await reportIncident(
    platform,
    fi,
    IncidentReport.parse({
      title: 'EXERCISE: Baltic data cable cut, deliberate act by a state actor suspected',
      reportedBy: 'FI',
      occurredAt: at(-8 * HOUR),
      detectedAt: at(-7.5 * HOUR),
      description:
        'Exercise scenario. The FI–EE data cable went dark at 02:10. A vessel under a third-country flag slowed over the route with its anchor down; its tracking signal was off for three hours.',
      cause: 'hybrid',
      suspectedDeliberate: true,
      internationalSecurity: true,
      sectors: [{ sector: 'digital-infrastructure', subsector: 'electronic-communications' }],
      impacts: [
        { memberState: 'FI', level: 'significant', service: 'international data capacity' },
        { memberState: 'EE', level: 'significant', service: 'data links to Finland', assessedBy: 'FI' },
      ],
      releasableToNato: true,
      exercise: true,
    }),
  );
  const id = incident.id;
  await recordOwnAssessment(platform, ee, id, { memberState: 'EE', level: 'significant' });
  await setAvailability(platform, ee, 'EE', {
    availability: 'limited',
    note: 'EXERCISE: national crisis cell fully taken by the storm response until Friday.',
  });

  await recordMechanism(platform, presidency, id, {
    mechanism: 'ipcr',
    state: 'activated',
    mode: 'information-sharing',
    reference: 'IPCR exercise case 2026-11',
  });
  await recordMechanism(platform, eeas, id, {
    mechanism: 'hybrid-toolbox',
    state: 'activated',
    reference: 'HT-EXERCISE-3',
    leadContact: 'EEAS hybrid cell, duty desk (exercise)',
  });

  const note = (actor: Actor, text: string, track: 'consequence-management' | 'attribution') =>
    postEntry(platform, actor, id, {
      kind: 'note',
      text,
      marking: track === 'attribution' ? 'TLP:AMBER' : 'TLP:GREEN',
      releasableToNato: false,
      withheld: [],
      track,
    });
  await note(
    fi,
    'EXERCISE. Traffic rerouted through Sweden; latency up, no loss of service for hospitals or the emergency number.',
    'consequence-management',
  );
  await note(
    ee,
    'EXERCISE. Estonian banks report slower card payments; the operator expects normal capacity within 48 hours.',
    'consequence-management',
  );
  // No audience named: an attribution-track note goes to the EEAS and the affected states only.
  await note(
    eeas,
    'EXERCISE. The vessel’s owner is linked to a state-controlled shipping group; a joint attribution assessment with FI and EE is under way.',
    'attribution',
  );

  const call = await conveneMeeting(
    platform,
    ercc,
    id,
    NewMeeting.parse({
      title: 'EXERCISE: cable repair and rerouting, technical call',
      format: 'technical-call',
      startsAt: at(-3 * HOUR),
      endsAt: at(-2.5 * HOUR),
      agenda: 'Rerouting capacity; repair vessel availability; what the operators need from the EU.',
      invited: ['FI', 'EE', 'ERCC', 'ENISA'],
      where: 'Exercise bridge 2',
    }),
  );
  await recordMinutes(platform, ercc, id, call.id, {
    minutes:
      'EXERCISE. The operator has a repair vessel booked for Thursday; FI asks for a second route through Sweden to be kept open until then.',
  });
  const repair = await recordDecision(
    platform,
    ercc,
    id,
    NewDecision.parse({
      level: 'operational',
      decidedBy: 'Technical call of FI, EE, ERCC and ENISA',
      what: 'EXERCISE. Keep the Swedish backup route at full capacity until the repair is done.',
      rationale: 'Rerouted traffic has no other path with the capacity needed.',
      meetingId: call.id,
    }),
  );
  await recordDecision(
    platform,
    eeas,
    id,
    NewDecision.parse({
      level: 'strategic',
      decidedBy: 'EEAS with FI and EE',
      what: 'EXERCISE. Prepare options under the Hybrid Toolbox for a coordinated response to the actor.',
      rationale: 'Attribution is likely; the options must be ready for the next IPCR roundtable.',
      marking: 'TLP:AMBER',
      audience: ['EEAS', 'FI', 'EE', presidency.organisation],
    }),
  );
  const route = await createAction(
    platform,
    ercc,
    id,
    NewAction.parse({
      title: 'EXERCISE: confirm backup route capacity with the Swedish operator',
      ownerOrganisation: 'FI',
      assigneeUserId: fi.userId,
      dueAt: at(-HOUR),
      decisionId: repair.id,
      meetingId: call.id,
    }),
  );
  await changeActionStatus(platform, fi, id, route.id, {
    status: 'done',
    note: 'Confirmed until Friday.',
  });
  await createAction(
    platform,
    ercc,
    id,
    NewAction.parse({
      title: 'EXERCISE: send ERCC the repair vessel’s schedule',
      ownerOrganisation: 'EE',
      dueAt: at(-0.5 * HOUR),
      meetingId: call.id,
    }),
  );
  await writeHandover(platform, fi, id, {
    changed: 'EXERCISE. Traffic rerouted through Sweden; the Hybrid Toolbox is engaged by the EEAS.',
    openAsks: 'EE still owes ERCC the repair vessel’s schedule (overdue).',
    nextCover: 'Next shift: follow the attribution track with the EEAS; technical questions to the operator.',
  });
  return id;
}
