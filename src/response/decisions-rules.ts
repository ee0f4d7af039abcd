import type { ActionStatus } from './decisions-model.js';

/** A log entry of the response as a reader may see it: what the projections below need, nothing of the I/O. */
export interface ResponseEntry {
  id: string;
  seq: number;
  incidentId: string;
  incidentTitle: string;
  kind: string;
  createdAt: string;
  authorUserId: string;
  authorOrg: string;
  authorName: string;
  body: Record<string, unknown>;
  marking: string;
  audience: string[];
}

export interface ActionState {
  entry: ResponseEntry;
  status: ActionStatus;
  overdue: boolean;
  lastChange: { status: ActionStatus; organisation: string; name: string; at: string; note: string } | null;
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** Open and past its due time: done and cancelled actions are never overdue, and one without a due time never is. */
export function isOverdue(status: ActionStatus, dueAt: string | null, now: Date): boolean {
  return status === 'open' && dueAt !== null && Date.parse(dueAt) < now.getTime();
}

/**
 * The current state of each action: its own entry, then its status entries in log order, the latest winning. A
 * status entry for an action the reader cannot see (or of another incident) changes nothing, so the projection is
 * the same whatever else is in the log.
 */
export function projectActions(entries: readonly ResponseEntry[], now: Date): ActionState[] {
  const ordered = [...entries].sort((a, b) => a.seq - b.seq);
  const actions = new Map<string, ActionState>();
  for (const e of ordered) {
    if (e.kind === 'action')
      actions.set(e.id, { entry: e, status: 'open', overdue: false, lastChange: null });
    else if (e.kind === 'action-status') {
      const target = actions.get(str(e.body.actionId) ?? '');
      const status = str(e.body.status) as ActionStatus | null;
      if (!target || target.entry.incidentId !== e.incidentId || !status) continue;
      target.status = status;
      target.lastChange = {
        status,
        organisation: e.authorOrg,
        name: e.authorName,
        at: e.createdAt,
        note: str(e.body.note) ?? '',
      };
    }
  }
  return [...actions.values()].map((a) => ({
    ...a,
    overdue: isOverdue(a.status, str(a.entry.body.dueAt), now),
  }));
}

/** Open ones first, the overdue among them first, then by due time (none last), then as they were created. */
export function byUrgency(a: ActionState, b: ActionState): number {
  const rank = (s: ActionState) => (s.status !== 'open' ? 2 : s.overdue ? 0 : 1);
  const due = (s: ActionState) => str(s.entry.body.dueAt) ?? '\uffff';
  return rank(a) - rank(b) || due(a).localeCompare(due(b)) || a.entry.seq - b.entry.seq;
}

/** Whether moving an action to `next` changes anything: the same status twice is refused, not written again. */
export function statusChangeProblem(current: ActionStatus, next: ActionStatus): 'unchanged' | null {
  return current === next ? 'unchanged' : null;
}

/** A correction (a note superseding the entry) or a retraction of a response entry, as the reader may see it. */
export interface Supersession {
  id: string;
  seq: number;
  supersedes: string;
  kind: string;
  text: string;
  /** The correction's text is withheld from this reader by its author's organisation. */
  textWithheld: boolean;
  createdAt: string;
  authorOrg: string;
  authorName: string;
}

/**
 * Decisions in the order they were taken, strategic and operational alike (the level is shown beside each), as the
 * log now says: a decision has no command of its own that withdraws or rewords it, so the log's retraction and
 * correction are how a wrongly recorded one is put right. The newest of them wins: a retracted decision leaves the
 * decision log (the retraction, with its reason, stays in the log), a corrected one reads as its correction says.
 */
export function decisionsOf(
  entries: readonly ResponseEntry[],
  supersessions: readonly Supersession[],
): ResponseEntry[] {
  return asTheLogSays(
    entries.filter((e) => e.kind === 'decision').sort((a, b) => a.seq - b.seq),
    supersessions,
    { decision: 'what' },
  );
}

/**
 * The entries as their newest correction or retraction leaves them: a retracted one is gone, a corrected one has
 * the correction's text in its main text field (`textField` per kind), unless that text is withheld from the reader.
 */
export function asTheLogSays(
  entries: readonly ResponseEntry[],
  supersessions: readonly Supersession[],
  textField: Readonly<Record<string, string>>,
): ResponseEntry[] {
  const latest = new Map<string, Supersession>();
  for (const s of [...supersessions].sort((a, b) => a.seq - b.seq)) latest.set(s.supersedes, s);
  return entries.flatMap((e) => {
    const s = latest.get(e.id);
    if (!s) return [e];
    if (s.kind === 'retraction') return [];
    const field = textField[e.kind];
    if (s.textWithheld || !field) return [e];
    return [{ ...e, body: { ...e.body, [field]: s.text } }];
  });
}

/**
 * An action changes only by its own status steps (done, cancelled, open again), which every list, count, overdue
 * mark and "my actions" follow: a log correction or retraction of an action or of one of its steps is refused and
 * names the step to take instead, so the log never says withdrawn while the action is still counted open.
 */
export const ACTION_OWN_COMMAND = {
  kinds: ['action', 'action-status'],
  code: 'action-step',
  command:
    'an action changes by its status: cancel it (or set it open or done again) with POST /api/incidents/{id}/actions/{actionId}/status and a note saying why',
} as const;
