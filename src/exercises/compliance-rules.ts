/**
 * The Recommendation asks for the Blueprint to be tested periodically, the first exercise within twelve months of
 * its adoption. Pure: the adoption date, the days exercises were held (on the platform or outside it) and today.
 */
export interface ExerciseStanding {
  adoptedOn: string;
  /** Twelve months after adoption. */
  firstDueBy: string;
  firstHeldOn: string | null;
  lastHeldOn: string | null;
  /** Whole months since the last exercise; null when none was held. */
  monthsSinceLast: number | null;
  /** `met` once an exercise was held by the due date; `late` when the first came after it; `due` or `overdue` before any. */
  firstExercise: 'met' | 'late' | 'due' | 'overdue';
}

const day = (iso: string) => iso.slice(0, 10);

/** The same day `months` later (the last day of the month when it has no such day). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}

/** Whole months from `from` to `to` (both days). */
export function monthsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  const months = (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0);
  return Math.max(0, months);
}

export function exerciseStanding(
  adoptedOn: string,
  heldOn: readonly string[],
  today: string,
): ExerciseStanding {
  const days = heldOn.map(day).sort();
  const firstDueBy = addMonths(adoptedOn, 12);
  const firstHeldOn = days[0] ?? null;
  const lastHeldOn = days.at(-1) ?? null;
  const now = day(today);
  return {
    adoptedOn,
    firstDueBy,
    firstHeldOn,
    lastHeldOn,
    monthsSinceLast: lastHeldOn === null ? null : monthsBetween(lastHeldOn, now),
    firstExercise:
      firstHeldOn !== null
        ? firstHeldOn <= firstDueBy
          ? 'met'
          : 'late'
        : now <= firstDueBy
          ? 'due'
          : 'overdue',
  };
}
