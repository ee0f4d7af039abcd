import { z } from 'zod';
import { defaultAudience } from './entries.js';

/**
 * The two tracks of a hybrid incident's asymmetric response (BLUEPRINT.md §4): consequence management restores
 * services with every participant; attribution and response to the actor is led by the EEAS and kept to a few.
 */
export const TRACKS = ['consequence-management', 'attribution'] as const;
export const Track = z.enum(TRACKS);
export type Track = z.infer<typeof Track>;

/** Entries written before tracks existed, and those that name none, belong to consequence management. */
export function trackOf(body: Record<string, unknown>): Track {
  return body.track === 'attribution' ? 'attribution' : 'consequence-management';
}

/**
 * The audience of a new entry whose author names none. An attribution-track entry goes to the EEAS, which leads
 * that track, and the affected member states only: who is behind an attack is not for every participant by default.
 */
export function defaultAudienceForTrack(track: Track, affectedStates: readonly string[]): string[] {
  if (track !== 'attribution') return defaultAudience();
  return [...new Set(['EEAS', ...affectedStates])].sort();
}
