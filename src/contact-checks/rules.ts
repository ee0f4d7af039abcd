import type { StandingFlag } from './model.js';

const DAY = 86_400_000;

/**
 * A contact point is flagged when there is none to check (no mailbox and nobody on duty), when it never answered a
 * check, or when its last answer is older than the platform's period.
 */
export function standingFlag(facts: {
  hasContactPoint: boolean;
  lastReachedAt: string | null;
  now: Date;
  staleAfterDays: number;
}): StandingFlag | null {
  if (!facts.hasContactPoint) return 'no-contact-point';
  if (facts.lastReachedAt === null) return 'never-reached';
  if (facts.now.getTime() - Date.parse(facts.lastReachedAt) > facts.staleAfterDays * DAY) return 'stale';
  return null;
}

/** Whole seconds between sending and answering. */
export function secondsBetween(from: string | null, to: string | null): number | null {
  if (!from || !to) return null;
  return Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));
}
