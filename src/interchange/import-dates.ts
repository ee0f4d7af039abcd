/**
 * A source's time as an ISO 8601 UTC instant. A date without a time (`2017-12-21`) is that day at 00:00 UTC, and
 * MISP's Unix timestamps (seconds, often as text) are read as such; anything else is not a time.
 */
export function utcInstant(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return fromSeconds(value);
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (/^\d{9,11}$/.test(text)) return fromSeconds(Number(text));
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (day) return validDay(Number(day[1]), Number(day[2]), Number(day[3]));
  // A time must say its zone: a local time of an unknown place is not an instant.
  if (!/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(text))
    return undefined;
  const at = Date.parse(text.replace(' ', 'T'));
  return Number.isNaN(at) ? undefined : new Date(at).toISOString();
}

function fromSeconds(seconds: number): string | undefined {
  const at = new Date(seconds * 1000);
  return Number.isNaN(at.getTime()) ? undefined : at.toISOString();
}

function validDay(year: number, month: number, date: number): string | undefined {
  const at = new Date(Date.UTC(year, month - 1, date));
  if (at.getUTCFullYear() !== year || at.getUTCMonth() !== month - 1 || at.getUTCDate() !== date)
    return undefined;
  return at.toISOString();
}
