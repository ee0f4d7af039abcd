import { asTheLogSays, type ResponseEntry, type Supersession } from './decisions-rules.js';

export interface HandoverState {
  entry: ResponseEntry;
  acknowledged: { name: string; at: string; note: string } | null;
}

/**
 * Each handover note with its first acknowledgement (one is enough: the shift has been taken over), latest first.
 * A handover has no command that withdraws or rewords it, so the log's retraction and correction put a wrong one
 * right and this follows them: a retracted note is gone (it no longer waits for anyone), a retracted
 * acknowledgement leaves the note waiting again, and a correction's text stands for what changed or for the
 * acknowledgement's note.
 */
export function projectHandovers(
  entries: readonly ResponseEntry[],
  supersessions: readonly Supersession[],
): HandoverState[] {
  const ordered = asTheLogSays(
    [...entries].sort((a, b) => a.seq - b.seq),
    supersessions,
    { 'shift-handover': 'changed', 'shift-handover-acknowledged': 'note' },
  );
  const notes = new Map<string, HandoverState>();
  for (const e of ordered) {
    if (e.kind === 'shift-handover') notes.set(e.id, { entry: e, acknowledged: null });
    else if (e.kind === 'shift-handover-acknowledged') {
      const note = notes.get(typeof e.body.handoverId === 'string' ? e.body.handoverId : '');
      if (note && !note.acknowledged && note.entry.incidentId === e.incidentId)
        note.acknowledged = {
          name: e.authorName,
          at: e.createdAt,
          note: typeof e.body.note === 'string' ? e.body.note : '',
        };
    }
  }
  return [...notes.values()].sort((a, b) => b.entry.seq - a.entry.seq);
}
