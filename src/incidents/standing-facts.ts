/**
 * The assessment, the picture and every product folded from an incident's facts read the log as its corrections
 * and retractions leave it. A retracted update, own assessment or merged report is withdrawn by its author: its
 * claims no longer count, and those it had replaced stand again. A correction is a note that rewords the entry's
 * text; the facts stand as the entry gave them, counted once (a state changes its claims by a new update or own
 * assessment, which replaces its earlier ones).
 */

/** What the fold needs of an entry of the log. */
export interface SupersedableEntry {
  id: string;
  kind: string;
  supersedes: string | null;
}

/**
 * The entries of `kinds` no retraction has withdrawn, of one incident's log given oldest first: the newest correction
 * or retraction of an entry decides, as in every list that follows the log. The incident's first report always
 * stands (its retraction is refused; one recorded before that was refused is not followed).
 */
export function standingFacts<E extends SupersedableEntry>(
  entries: readonly E[],
  kinds: readonly string[],
): E[] {
  const newest = new Map<string, string>();
  for (const e of entries) if (e.supersedes) newest.set(e.supersedes, e.kind);
  const first = entries.find((e) => e.kind === 'report');
  return entries.filter((e) => kinds.includes(e.kind) && (e === first || newest.get(e.id) !== 'retraction'));
}

/**
 * Whether this entry is the incident's own first report: the report written when it was reported. Every other report
 * in its log was merged in from a duplicate and says where it came from (`mergedFrom`).
 */
export function isFirstReport(kind: string, body: { mergedFrom?: unknown }): boolean {
  return kind === 'report' && body.mergedFrom === undefined;
}

/**
 * The incident's first report is what the incident is: withdrawing it would leave an incident with no facts at all.
 * A duty officer who reported wrongly changes the facts by an update, or merges a duplicate into the incident it
 * repeats; the report's text is reworded by a correction.
 */
export const FIRST_REPORT_OWN_COMMAND = {
  code: 'first-report',
  command:
    'the first report is not retracted: send an update with the facts as they are (POST /api/incidents/{id}/updates, impacts at level none), merge a duplicate into the incident it repeats (POST /api/incidents/{id}/merge), or correct its text with a note',
} as const;
