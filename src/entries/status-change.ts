import { type DerivedFacts, StatusChangeBody } from '../blueprint/derived-model.js';
import { type HiddenNames, renderReasons } from '../blueprint/derived-text.js';
import { AssessmentStatus } from '../blueprint/model.js';
import { assessIncidentFacts } from '../blueprint/rules.js';
import { currentFacts, type LogFact, logFactOf } from '../incidents/rules.js';
import type { Language } from '../platform/language.js';

/**
 * What presenting a status-change entry needs beyond the entry: the entity names this reader may not see in its
 * incident, and, for entries stored before their reasons were kept as facts, the facts found again by assessing the
 * log as it stood when the entry was written (null when that no longer gives the stored status).
 */
export interface DerivedTextView {
  hidden: HiddenNames;
  /** The reader's language (English when absent). */
  language?: Language;
  replayed?: ReadonlyMap<string, DerivedFacts | null>;
}

/** A status-change entry written before its reasons were stored as facts: it holds their text, naming entities. */
export function isLegacyStatusChange(kind: string, body: Record<string, unknown>): boolean {
  return kind === 'status-change' && body.facts === undefined;
}

/**
 * The body of a status-change entry as this reader receives it: the transition, the triggers met, and the reasons
 * rendered from their facts for this reader. A stored reason text is never served: an older entry's reasons come
 * from its replayed facts, or are left out when they cannot be found again, which shows the transition only.
 */
export function presentStatusChange(
  entryId: string,
  stored: Record<string, unknown>,
  view: DerivedTextView | undefined,
): Record<string, unknown> {
  const hidden: HiddenNames = view?.hidden ?? 'every-name';
  const current = StatusChangeBody.safeParse(stored);
  if (current.success) {
    const { facts, ...transition } = current.data;
    return { ...transition, reasons: renderReasons(facts, hidden, view?.language) };
  }
  const to = AssessmentStatus.safeParse(stored.to);
  const from = AssessmentStatus.nullable().safeParse(stored.from ?? null);
  const met = Array.isArray(stored.met)
    ? stored.met.filter((t): t is string => /^T[123]$/.test(String(t)))
    : [];
  const facts = view?.replayed?.get(entryId);
  return {
    from: from.success ? from.data : null,
    to: to.success ? to.data : null,
    met,
    reasons: facts ? renderReasons(facts, hidden, view?.language) : [],
  };
}

/** The kinds of entry the assessment is computed from: what `currentFacts` folds. */
export const ASSESSED_KINDS = [
  'report',
  'update',
  'own-assessment',
  'silence-procedure-concluded',
] as const satisfies readonly LogFact['kind'][];

/** A stored fact entry with its position in the log. */
export interface FactRow {
  seq: number;
  kind: string;
  author_org: string;
  created_at: string;
  body: string;
}

/**
 * The facts of older status-change entries' reasons, found again by assessing the log as it stood just before each
 * was written (the status change is recorded in the write that changed the facts). When that assessment no longer
 * gives the stored status and triggers (the rules have changed since), or the log cannot be read, the answer is
 * null and the entry shows its transition only.
 */
export function replayStatusChanges(
  rows: readonly FactRow[],
  legacy: ReadonlyArray<{ id: string; seq: number; body: Record<string, unknown> }>,
): Map<string, DerivedFacts | null> {
  const out = new Map<string, DerivedFacts | null>();
  const ordered = [...rows].sort((a, b) => a.seq - b.seq);
  for (const entry of legacy) {
    try {
      const before = ordered.filter((r) => r.seq < entry.seq).map(logFactOf);
      const record = assessIncidentFacts(currentFacts(before));
      const met = record.facts.triggers.filter((t) => t.met).map((t) => t.id);
      const storedMet = Array.isArray(entry.body.met) ? entry.body.met : [];
      const same =
        record.status === entry.body.to &&
        met.length === storedMet.length &&
        met.every((id, i) => storedMet[i] === id);
      out.set(entry.id, same ? record.facts : null);
    } catch {
      out.set(entry.id, null);
    }
  }
  return out;
}
