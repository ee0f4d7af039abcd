import { readerOf } from '../entries/flows.js';
import { calendarFile } from '../formats/icalendar.js';
import { openIncident } from '../incidents/flows.js';
import { visibleIncidentRow } from '../incidents/reader-log.js';
import { appendEntry } from '../log/append.js';
import type { Actor } from '../platform/actor.js';
import type { Platform } from '../platform/context.js';
import { type IdempotencyScope, inWrite } from '../platform/db/write.js';
import { Invalid, NotFound } from '../platform/errors.js';
import { isParticipatingOrganisation } from '../registry/organisations.js';
import * as policy from '../sharing/meetings.js';
import { assertAllowed, isAllowed, onlyAsRulesSay } from '../sharing/policy.js';
import { chosenAudience } from './decisions-flows.js';
import { getVisibleResponseEntries, getVisibleSupersessions } from './decisions-store.js';
import type {
  IncidentMeetings,
  Meeting,
  MeetingFormat,
  MinutesRequest,
  NewMeeting,
} from './meetings-model.js';
import { type MeetingState, projectMeetings } from './meetings-rules.js';

const KINDS = ['meeting', 'meeting-minutes', 'decision', 'action'] as const;

function meetingView(actor: Actor, m: MeetingState): Meeting {
  const b = m.entry.body;
  return {
    id: m.entry.id,
    incidentId: m.entry.incidentId,
    title: String(b.title ?? ''),
    format: b.format as MeetingFormat,
    startsAt: String(b.startsAt ?? ''),
    endsAt: String(b.endsAt ?? ''),
    agenda: String(b.agenda ?? ''),
    invited: Array.isArray(b.invited) ? (b.invited as string[]) : [],
    where: String(b.where ?? ''),
    convenedBy: { organisation: m.entry.authorOrg, name: m.entry.authorName },
    minutes: m.minutes,
    decisionIds: m.decisionIds,
    actionIds: m.actionIds,
    marking: m.entry.marking,
    audience: m.entry.audience,
    abilities: { recordMinutes: isAllowed(policy.recordMinutes, actor, { convenedBy: m.entry.authorOrg }) },
  };
}

async function meetingsIn(
  db: Parameters<typeof getVisibleResponseEntries>[0],
  actor: Actor,
  incidentId: string,
) {
  const reader = readerOf(actor);
  const entries = await getVisibleResponseEntries(db, reader, KINDS, { incidentId });
  const supersessions = await getVisibleSupersessions(
    db,
    reader,
    entries.map((e) => e.id),
  );
  return projectMeetings(entries, supersessions);
}

export async function listMeetings(
  platform: Platform,
  actor: Actor,
  incidentId: string,
): Promise<IncidentMeetings> {
  await visibleIncidentRow(platform.db.kysely, actor, incidentId);
  const meetings = await meetingsIn(platform.db.kysely, actor, incidentId);
  return {
    items: meetings.map((m) => meetingView(actor, m)),
    abilities: { convene: isAllowed(policy.conveneMeeting, actor) },
  };
}

/** A meeting the reader may see, or 404 as for anything else they may not see. */
async function meetingOrThrow(
  db: Parameters<typeof getVisibleResponseEntries>[0],
  actor: Actor,
  incidentId: string,
  meetingId: string,
): Promise<MeetingState> {
  const meeting = (await meetingsIn(db, actor, incidentId)).find((m) => m.entry.id === meetingId);
  if (!meeting) throw new NotFound(`no meeting ${meetingId} in this incident`);
  return meeting;
}

/**
 * A coordinator convenes a meeting about the incident; its invited organisations are always in its audience, so an
 * invitation never goes to someone who could not see the meeting, nor stays hidden from someone invited.
 */
export function conveneMeeting(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  input: NewMeeting,
  idempotency?: IdempotencyScope,
): Promise<Meeting> {
  return inWrite(platform, { actor, idempotency }, async (w) => {
    await openIncident(w, actor, incidentId);
    assertAllowed(policy.conveneMeeting, onlyAsRulesSay(policy.conveneMeeting), actor);
    for (const [i, o] of input.invited.entries())
      if (!isParticipatingOrganisation(o) || o === 'NATO')
        throw new Invalid(`invited: ${o} is not a participating organisation`, `invited.${i}`);
    const invited = [...new Set(input.invited)];
    const appended = await appendEntry(w, {
      incidentId,
      kind: 'meeting',
      authorUserId: actor.userId,
      authorOrg: actor.organisation,
      marking: input.marking,
      audience: chosenAudience(input.audience ?? invited, invited),
      recipients: [],
      releasableToNato: false,
      body: {
        title: input.title,
        format: input.format,
        startsAt: new Date(input.startsAt).toISOString(),
        endsAt: new Date(input.endsAt).toISOString(),
        agenda: input.agenda,
        invited,
        where: input.where,
      },
    });
    return meetingView(actor, await meetingOrThrow(w.trx, actor, incidentId, appended.id));
  });
}

/** The convener records the minutes; they carry the meeting's reach, so they reach exactly its readers. */
export function recordMinutes(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  meetingId: string,
  input: MinutesRequest,
  idempotency?: IdempotencyScope,
): Promise<Meeting> {
  return inWrite(platform, { actor, idempotency }, async (w) => {
    await openIncident(w, actor, incidentId);
    const meeting = await meetingOrThrow(w.trx, actor, incidentId, meetingId);
    assertAllowed(policy.recordMinutes, onlyAsRulesSay(policy.recordMinutes), actor, {
      convenedBy: meeting.entry.authorOrg,
    });
    const [own] = (
      await getVisibleResponseEntries(w.trx, readerOf(actor), ['meeting'], { incidentId })
    ).filter((e) => e.id === meetingId);
    await appendEntry(w, {
      incidentId,
      kind: 'meeting-minutes',
      authorUserId: actor.userId,
      authorOrg: actor.organisation,
      marking: meeting.entry.marking,
      audience: meeting.entry.audience,
      recipients: [],
      releasableToNato: own?.releasableToNato ?? false,
      body: { meetingId, minutes: input.minutes },
    });
    return meetingView(actor, await meetingOrThrow(w.trx, actor, incidentId, meetingId));
  });
}

/**
 * The meeting as an iCalendar file, for those who may see its entry only. The marking leads the summary and the
 * description, so the event keeps it in whatever calendar it is imported into.
 */
export async function meetingCalendar(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  meetingId: string,
): Promise<{ fileName: string; content: string }> {
  const incident = await visibleIncidentRow(platform.db.kysely, actor, incidentId);
  const state = await meetingOrThrow(platform.db.kysely, actor, incidentId, meetingId);
  const meeting = meetingView(actor, state);
  const exercise = incident.exercise === 1 ? 'EXERCISE ' : '';
  const content = calendarFile({
    uid: `${meeting.id}@blueprint`,
    summary: `${exercise}[${meeting.marking}] ${meeting.title}`,
    description: [
      `${exercise}${meeting.marking}`,
      `Incident: ${incident.title}`,
      `Convened by ${meeting.convenedBy.organisation}; invited: ${meeting.invited.join(', ')}`,
      '',
      meeting.agenda,
    ].join('\n'),
    location: meeting.where,
    start: meeting.startsAt,
    end: meeting.endsAt,
    stamp: state.entry.createdAt,
    url: null,
  });
  return { fileName: `meeting-${meeting.id}.ics`, content };
}
