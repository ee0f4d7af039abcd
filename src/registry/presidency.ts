export interface PresidencyTerm {
  readonly memberState: string;
  /** Year and half, e.g. "2026-H2". */
  readonly term: string;
  /** First instant of the term, ISO 8601 UTC. */
  readonly startsAt: string;
  /** First instant after the term (exclusive), ISO 8601 UTC. */
  readonly endsAt: string;
}

/** Council Decision (EU) 2016/1316 (the seed of the platform's calendar), from the start of the platform's use; each pair is [first half, second half]. */
const ORDER: ReadonlyArray<readonly [year: number, first: string, second: string]> = [
  [2024, 'BE', 'HU'],
  [2025, 'PL', 'DK'],
  [2026, 'CY', 'IE'],
  [2027, 'LT', 'GR'],
  [2028, 'IT', 'LV'],
  [2029, 'LU', 'NL'],
  [2030, 'SK', 'MT'],
];

/** Terms begin at midnight in Brussels, where the Council sits, not at midnight UTC. */
const COUNCIL_TIME_ZONE = 'Europe/Brussels';

const wallClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: COUNCIL_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** How far Brussels' wall clock is ahead of UTC at `epochMs`, in milliseconds. */
function brusselsOffsetMs(epochMs: number): number {
  const parts: Record<string, number> = {};
  for (const part of wallClock.formatToParts(new Date(epochMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const asUtc = Date.UTC(
    parts.year ?? 0,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  // The formatter drops milliseconds, so compare against the instant truncated to the second.
  return asUtc - Math.floor(epochMs / 1000) * 1000;
}

/** The UTC instant at which Brussels' wall clock shows midnight starting the given day. */
function brusselsMidnight(year: number, monthIndex: number): number {
  const wall = Date.UTC(year, monthIndex, 1);
  let instant = wall - brusselsOffsetMs(wall);
  // A second pass settles the case where the offset at the guess differs from the offset at the answer.
  instant = wall - brusselsOffsetMs(instant);
  return instant;
}

/** The first instant of a half-year: 1 January or 1 July, 00:00 Brussels time, in epoch milliseconds. */
export function halfYearStart(year: number, half: 1 | 2): number {
  return brusselsMidnight(year, half === 1 ? 0 : 6);
}

export const PRESIDENCY_CALENDAR: readonly PresidencyTerm[] = ORDER.flatMap(([year, first, second]) => [
  {
    memberState: first,
    term: `${year}-H1`,
    startsAt: new Date(halfYearStart(year, 1)).toISOString(),
    endsAt: new Date(halfYearStart(year, 2)).toISOString(),
  },
  {
    memberState: second,
    term: `${year}-H2`,
    startsAt: new Date(halfYearStart(year, 2)).toISOString(),
    endsAt: new Date(halfYearStart(year + 1, 1)).toISOString(),
  },
]);

/**
 * The Presidency in office at `instant` by `calendar`; undefined outside it. The platform's calendar is data (the
 * `presidency_terms` table, seeded with `PRESIDENCY_CALENDAR`): domain code passes the one it loaded.
 */
export function presidencyAt(
  instant: Date,
  calendar: readonly PresidencyTerm[] = PRESIDENCY_CALENDAR,
): PresidencyTerm | undefined {
  const at = instant.getTime();
  if (Number.isNaN(at)) return undefined;
  return calendar.find((term) => Date.parse(term.startsAt) <= at && at < Date.parse(term.endsAt));
}
