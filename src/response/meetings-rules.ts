import { asTheLogSays, type ResponseEntry, type Supersession } from './decisions-rules.js';

export interface MeetingState {
  entry: ResponseEntry;
  minutes: { text: string; organisation: string; name: string; at: string } | null;
  decisionIds: string[];
  actionIds: string[];
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/**
 * Each meeting with its latest minutes and what came out of it, from the entries a reader may see: a decision or
 * action names its meeting, and minutes replace earlier minutes. Meetings by start time, earliest first.
 * A meeting has no command that calls it off or rewords it, so the log's retraction and correction are how a wrong
 * one is put right, and this follows them: a retracted meeting, minutes or decision is gone (earlier minutes show
 * again), a correction's text stands for the agenda or the minutes it corrects.
 */
export function projectMeetings(
  entries: readonly ResponseEntry[],
  supersessions: readonly Supersession[],
): MeetingState[] {
  const ordered = asTheLogSays(
    [...entries].sort((a, b) => a.seq - b.seq),
    supersessions,
    { meeting: 'agenda', 'meeting-minutes': 'minutes', decision: 'what' },
  );
  const meetings = new Map<string, MeetingState>();
  for (const e of ordered) {
    if (e.kind === 'meeting') meetings.set(e.id, { entry: e, minutes: null, decisionIds: [], actionIds: [] });
  }
  for (const e of ordered) {
    const meeting = meetings.get(str(e.body.meetingId) ?? '');
    if (!meeting || meeting.entry.incidentId !== e.incidentId) continue;
    if (e.kind === 'meeting-minutes')
      meeting.minutes = {
        text: str(e.body.minutes) ?? '',
        organisation: e.authorOrg,
        name: e.authorName,
        at: e.createdAt,
      };
    else if (e.kind === 'decision') meeting.decisionIds.push(e.id);
    else if (e.kind === 'action') meeting.actionIds.push(e.id);
  }
  return [...meetings.values()].sort(
    (a, b) =>
      (str(a.entry.body.startsAt) ?? '').localeCompare(str(b.entry.body.startsAt) ?? '') ||
      a.entry.seq - b.entry.seq,
  );
}
