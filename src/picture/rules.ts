import type { IncidentReport } from '../incidents/model.js';
import { isMemberState } from '../registry/countries.js';
import type { PictureState } from './model.js';

type Level = PictureState['level'];
const RANK: Record<Level, number> = { unknown: 0, none: 1, minor: 2, significant: 3 };

/** Fresh until the interval has passed since the last update, amber until twice that, red after. */
export function staleness(
  lastUpdateAt: string | null,
  now: Date,
  afterMinutes: number,
): PictureState['staleness'] {
  if (!lastUpdateAt) return null;
  const minutes = (now.getTime() - Date.parse(lastUpdateAt)) / 60_000;
  if (minutes < afterMinutes) return 'fresh';
  return minutes < afterMinutes * 2 ? 'amber' : 'red';
}

/**
 * Each state's level on the map from the shared facts: its own assessment when it gave one (that always wins),
 * otherwise the highest level others claimed for it.
 */
export function stateLevels(
  facts: IncidentReport,
): Map<string, { level: Level; own: boolean; claimedBy: string[] }> {
  const out = new Map<string, { level: Level; own: boolean; claimedBy: string[] }>();
  for (const impact of facts.impacts) {
    const assessor = impact.assessedBy ?? facts.reportedBy;
    const own = assessor === impact.memberState;
    const current = out.get(impact.memberState);
    if (own && impact.level !== 'unknown') {
      const ownLevel = current?.own
        ? RANK[impact.level] > RANK[current.level]
          ? impact.level
          : current.level
        : impact.level;
      out.set(impact.memberState, { level: ownLevel, own: true, claimedBy: current?.claimedBy ?? [] });
      continue;
    }
    const claimedBy = [...new Set([...(current?.claimedBy ?? []), assessor])];
    if (!current) out.set(impact.memberState, { level: impact.level, own: false, claimedBy });
    else if (current.own) current.claimedBy = claimedBy.filter((c) => c !== impact.memberState);
    else
      out.set(impact.memberState, {
        level: RANK[impact.level] > RANK[current.level] ? impact.level : current.level,
        own: false,
        claimedBy,
      });
  }
  return out;
}

export function splitCountries<T extends { code: string }>(
  states: readonly T[],
): { members: T[]; third: T[] } {
  return {
    members: states.filter((s) => isMemberState(s.code)),
    third: states.filter((s) => !isMemberState(s.code)),
  };
}
