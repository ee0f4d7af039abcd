/**
 * The pure rules of the divergence view: which value of a key fact each state stands by now, and where the states'
 * values contradict each other. Values are compared after normalising what does not change their meaning (case,
 * spacing, a closing full stop; for the expected restoration, the same instant written another way).
 */
import { KEY_FACTS, type KeyFact } from './divergence-model.js';

export interface Publication {
  id: string;
  organisation: string;
  source: 'line' | 'entered';
  publishedAt: string;
  link: string | null;
  text: string | null;
  recordedBy: string;
  /** Where it falls in the log, to order publications made at the same time. */
  order: number;
}

export interface FactMark {
  publicationId: string;
  fact: KeyFact;
  value: string;
}

export interface StateFacts {
  organisation: string;
  /** The value of each fact the state stands by now, with the publication it comes from. */
  current: Array<{ fact: KeyFact; value: string; publicationId: string }>;
}

export interface Flag {
  fact: KeyFact;
  values: Array<{ value: string; organisations: string[] }>;
}

const INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/;

/** The form in which two values of a fact are compared. */
export function normaliseFact(fact: KeyFact, value: string): string {
  const trimmed = value.trim();
  if (fact === 'restoration' && INSTANT.test(trimmed)) return new Date(trimmed).toISOString();
  return trimmed
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/[.!]+$/, '');
}

/** Each publication's marked facts: the latest mark of a fact wins, and an empty one takes it away. */
export function marksByPublication(marks: readonly FactMark[]): Map<string, Map<KeyFact, string>> {
  const out = new Map<string, Map<KeyFact, string>>();
  for (const m of marks) {
    const facts = out.get(m.publicationId) ?? new Map<KeyFact, string>();
    out.set(m.publicationId, facts);
    if (m.value.trim() === '') facts.delete(m.fact);
    else facts.set(m.fact, m.value.trim());
  }
  return out;
}

/** Newest first: by the time published, then by when it was recorded. */
export function newestFirst(publications: readonly Publication[]): Publication[] {
  return [...publications].sort(
    (a, b) => Date.parse(b.publishedAt) - Date.parse(a.publishedAt) || b.order - a.order,
  );
}

/** What a state stands by now on each fact: the value in its latest publication that has the fact marked. */
export function currentFacts(
  organisation: string,
  publications: readonly Publication[],
  marks: ReadonlyMap<string, ReadonlyMap<KeyFact, string>>,
): StateFacts {
  const own = newestFirst(publications.filter((p) => p.organisation === organisation));
  const current: StateFacts['current'] = [];
  for (const fact of KEY_FACTS) {
    const from = own.find((p) => marks.get(p.id)?.has(fact));
    if (from) current.push({ fact, value: marks.get(from.id)!.get(fact)!, publicationId: from.id });
  }
  return { organisation, current };
}

/** The facts on which two or more states stand by different values; states that marked nothing are no side. */
export function divergenceFlags(states: readonly StateFacts[]): Flag[] {
  const flags: Flag[] = [];
  for (const fact of KEY_FACTS) {
    const groups = new Map<string, { value: string; organisations: string[] }>();
    for (const s of states) {
      const said = s.current.find((c) => c.fact === fact);
      if (!said) continue;
      const key = normaliseFact(fact, said.value);
      const group = groups.get(key) ?? { value: said.value, organisations: [] };
      groups.set(key, group);
      group.organisations.push(s.organisation);
    }
    if (groups.size > 1) flags.push({ fact, values: [...groups.values()] });
  }
  return flags;
}

/** The publications recorded with an entry that a later withdrawal took back, by that entry's id. */
export function withdrawnPublications(withdrawals: ReadonlyArray<{ publicationId: string }>): Set<string> {
  return new Set(withdrawals.map((w) => w.publicationId));
}

export type WithdrawalProblem = { code: 'unknown'; message: string } | { code: 'withdrawn'; message: string };

/**
 * Why a publication cannot be withdrawn, or undefined: it must be one of the incident's publications (entered or a
 * line's) and not withdrawn already; `publications` are all recorded, withdrawn ones included.
 */
export function withdrawalProblem(
  publications: readonly Pick<Publication, 'id'>[],
  withdrawn: ReadonlySet<string>,
  publicationId: string,
): WithdrawalProblem | undefined {
  if (!publications.some((p) => p.id === publicationId))
    return { code: 'unknown', message: `no national publication ${publicationId} in this incident` };
  if (withdrawn.has(publicationId))
    return { code: 'withdrawn', message: `the national publication ${publicationId} is already withdrawn` };
  return undefined;
}

export interface PublicationCorrection {
  publicationId: string;
  link: string | null;
  text: string | null;
}

/** The publications as corrected, in log order: a correction's link or text replaces the recorded one. */
export function correctedPublications(
  publications: readonly Publication[],
  corrections: readonly PublicationCorrection[],
): Publication[] {
  return publications.map((p) => {
    const q = { ...p };
    for (const c of corrections)
      if (c.publicationId === p.id) {
        q.link = c.link ?? q.link;
        q.text = c.text ?? q.text;
      }
    return q;
  });
}

/** Why a correction does not fit its publication, or undefined: a line's publication reads the line's own text. */
export function correctionProblem(
  publication: Pick<Publication, 'source'>,
  correction: { text?: string | undefined },
): { field: 'text'; message: string } | undefined {
  if (publication.source === 'line' && correction.text !== undefined)
    return {
      field: 'text',
      message:
        "text: a line's publication reads the line's own wording; correct its link, or change the line",
    };
  return undefined;
}
