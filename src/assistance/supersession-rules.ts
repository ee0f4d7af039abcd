/**
 * A request or an offer has no command that withdraws or rewords it, so the log's retraction and correction are how
 * a wrong one is put right, and every assistance list, board, count and export follows them: a retracted request
 * is gone with the offers made against it and the steps taken on it (capacity a standing offer gave it is free
 * again), a retracted offer is gone with its steps, and a correction's text stands for the request's description or
 * the offer's "what". Steps are not retracted at all (ASSISTANCE_STEP_OWN_COMMAND): they have their own correction.
 */

/** What the rules need of an assistance entry. */
export interface AssistanceEntry {
  id: string;
  kind: string;
  body: unknown;
}

/** What the rules need of a correction or retraction. */
export interface AssistanceSupersession {
  seq: number;
  supersedes: string;
  kind: string;
  text: string;
  /** The correction's text is withheld from this reader by its author's organisation. */
  textWithheld: boolean;
}

const TEXT_FIELD: Readonly<Record<string, string>> = {
  'assistance-request': 'description',
  'assistance-offer': 'what',
};

const field = (body: unknown, name: string): string | null => {
  const v = (body as Record<string, unknown> | null)?.[name];
  return typeof v === 'string' ? v : null;
};

/** The entries as their newest correction or retraction leaves them. */
export function standingAssistance<E extends AssistanceEntry>(
  entries: readonly E[],
  supersessions: readonly AssistanceSupersession[],
): E[] {
  const latest = new Map<string, AssistanceSupersession>();
  for (const s of [...supersessions].sort((a, b) => a.seq - b.seq)) latest.set(s.supersedes, s);
  const gone = new Set([...latest.values()].filter((s) => s.kind === 'retraction').map((s) => s.supersedes));
  return entries.flatMap((e) => {
    if (gone.has(e.id)) return [];
    if (e.kind === 'assistance-offer' && gone.has(field(e.body, 'requestId') ?? '')) return [];
    if (e.kind === 'assistance-step') {
      if (gone.has(field(e.body, 'requestId') ?? '') || gone.has(field(e.body, 'offerId') ?? '')) return [];
    }
    const s = latest.get(e.id);
    const text = TEXT_FIELD[e.kind];
    if (!s || s.kind === 'retraction' || s.textWithheld || !text) return [e];
    return [{ ...e, body: { ...(e.body as Record<string, unknown>), [text]: s.text } }];
  });
}

/**
 * A step moves an offer along and has its own correction: ERCC, which keeps the record for the Mechanism, sets any
 * other step, recorded as a correction, with the quantities checked again. A log retraction would skip that check.
 */
export const ASSISTANCE_STEP_OWN_COMMAND = {
  kinds: ['assistance-step'],
  code: 'assistance-step',
  command:
    'a step is put right by another step: ERCC sets the offer to the step it should be at, recorded as a correction, with POST /api/incidents/{id}/assistance/requests/{requestId}/steps',
} as const;
