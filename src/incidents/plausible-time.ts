import { Invalid } from '../platform/errors.js';

/** A report may be a little ahead of the platform's clock (clocks drift, zones get mixed up), never a day. */
const FUTURE_TOLERANCE_MS = 24 * 3600_000;
/** Nothing the Blueprint coordinates happened before this; an earlier year is a typing slip. */
const EARLIEST = Date.parse('2000-01-01T00:00:00Z');

/** Refuses an occurrence time that cannot be meant: more than a day after `now`, or before 2000. */
export function assertPlausibleOccurrence(occurredAt: string, now: string): void {
  const at = Date.parse(occurredAt);
  if (at > Date.parse(now) + FUTURE_TOLERANCE_MS)
    throw new Invalid('occurredAt: must not be more than a day in the future', 'occurredAt');
  if (at < EARLIEST) throw new Invalid('occurredAt: must not be before 2000', 'occurredAt');
}
