/**
 * Times as a duty officer types them (a `datetime-local` value in the reader's own zone) and as the API wants
 * them (ISO 8601 with the zone offset kept, so the record says where the clock was).
 */

function pad(value: number, width = 2): string {
  return String(Math.trunc(Math.abs(value))).padStart(width, '0');
}

const LOCAL_INPUT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** The instant a `datetime-local` value names in the reader's zone, or null when it is not a valid time. */
export function localInputToDate(value: string): Date | null {
  const match = LOCAL_INPUT.exec(value.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match.map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const date = new Date(y, mo - 1, d, h, mi, Number.isNaN(s) ? 0 : s);
  // Reject 31 February and the like, which Date would roll over into March.
  if (date.getFullYear() !== y || date.getMonth() !== mo - 1 || date.getDate() !== d) return null;
  return date;
}

/** "+01:00" for the reader's zone at that instant (summer time included). */
export function offsetAt(date: Date): string {
  const minutes = -date.getTimezoneOffset();
  return `${minutes < 0 ? '-' : '+'}${pad(minutes / 60)}:${pad(minutes % 60)}`;
}

/** `2026-11-28T06:30` typed in Helsinki → `2026-11-28T06:30:00+02:00`; null when it is not a valid time. */
export function localInputToIso(value: string): string | null {
  const date = localInputToDate(value);
  if (!date) return null;
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(
    date.getMinutes(),
  )}:${pad(date.getSeconds())}${offsetAt(date)}`;
}

/** The `datetime-local` value for an instant, in the reader's zone, to the minute. */
export function dateToLocalInput(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(
    date.getMinutes(),
  )}`;
}

/** Now plus some hours, to the minute, as a `datetime-local` value. */
export function localInputFromNow(hours = 0): string {
  const date = new Date(Date.now() + hours * 3_600_000);
  date.setSeconds(0, 0);
  return dateToLocalInput(date);
}
