import type { Db } from '../platform/db/index.js';

/** What is fixed about an incident from the moment it is created. */
export interface FixedFacts {
  id: string;
  exercise: boolean;
}

/** Enough for every incident a busy platform writes to, bounded all the same. */
const MAX_KNOWN = 10_000;

/**
 * Incidents this process has seen committed, with what never changes about them: they exist (an incident is never
 * deleted; a merge keeps it) and whether they are exercises. No event needs to invalidate this, and a write may
 * decide on it inside its transaction as on a fresh read. Only what a committed write read is added.
 */
export class KnownIncidents {
  readonly #known = new Map<string, FixedFacts>();

  get(id: string): FixedFacts | undefined {
    return this.#known.get(id);
  }

  remember(facts: FixedFacts): void {
    if (this.#known.has(facts.id)) return;
    this.#known.set(facts.id, { id: facts.id, exercise: facts.exercise });
    if (this.#known.size > MAX_KNOWN) this.#known.delete(this.#known.keys().next().value!);
  }
}

const perDb = new WeakMap<Db, KnownIncidents>();

export function knownIncidents(db: Db): KnownIncidents {
  let known = perDb.get(db);
  if (!known) {
    known = new KnownIncidents();
    perDb.set(db, known);
  }
  return known;
}
