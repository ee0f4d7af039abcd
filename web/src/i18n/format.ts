/** Dates, times and place names for the reader: their time zone with UTC beside it, names in their language. */
import type { Language } from './index.js';

export const LOCALES: Record<Language, string> = { en: 'en-GB', nl: 'nl-NL' };

const UTC_ZONES = new Set([
  'UTC',
  'Etc/UTC',
  'Etc/UCT',
  'UCT',
  'Etc/Universal',
  'Universal',
  'Etc/Zulu',
  'Zulu',
]);

/** The reader's time zone as the browser reports it. */
export function readerTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

function parse(iso: string): Date | null {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

function dayKey(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(date);
}

/** The local part ("28 Nov 2026, 18:30 CET") and the UTC part ("17:30 UTC", or null when the reader is on UTC). */
export function dateTimeParts(
  iso: string,
  locale: string,
  timeZone: string,
): { local: string; utc: string | null } {
  const date = parse(iso);
  if (!date) return { local: iso, utc: null };
  const time = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } as const;
  const local = new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    ...time,
    timeZone,
    timeZoneName: 'short',
  }).format(date);
  if (UTC_ZONES.has(timeZone)) return { local, utc: null };
  const sameDay = dayKey(date, timeZone) === dayKey(date, 'UTC');
  const utc = new Intl.DateTimeFormat(locale, {
    ...(sameDay ? {} : { day: 'numeric', month: 'short' }),
    ...time,
    timeZone: 'UTC',
  }).format(date);
  return { local, utc: `${utc} UTC` };
}

/** "28 Nov 2026, 18:30 CET (17:30 UTC)"; the UTC part names the day when it differs from the local one. */
export function formatDateTime(iso: string, locale: string, timeZone: string): string {
  const { local, utc } = dateTimeParts(iso, locale, timeZone);
  return utc ? `${local} (${utc})` : local;
}

/** "31 Dec 2026" in the given zone. */
export function formatDate(iso: string, locale: string, timeZone: string): string {
  const date = parse(iso);
  if (!date) return iso;
  return new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone,
  }).format(date);
}

/**
 * The last day of a Presidency term, in Brussels. The registry gives the end either as a calendar day
 * (inclusive) or as the instant the next term starts (exclusive: 1 January 00:00 Brussels time).
 */
export function formatTermEnd(endsAt: string, locale: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(endsAt)) return formatDate(`${endsAt}T12:00:00Z`, locale, 'UTC');
  const date = parse(endsAt);
  if (!date) return endsAt;
  return formatDate(new Date(date.getTime() - 1).toISOString(), locale, 'Europe/Brussels');
}

/**
 * A boundary of a Presidency term in the reader's zone, the zone named: the end as its last minute
 * ("31 Dec 2026, 23:59 CET"), the start as its first ("1 Jan 2027, 00:00 CET"). A calendar day from the
 * registry is shown as the day.
 */
export function formatTermBoundary(
  iso: string,
  edge: 'start' | 'end',
  locale: string,
  timeZone: string,
): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return formatDate(`${iso}T12:00:00Z`, locale, 'UTC');
  const date = parse(iso);
  if (!date) return iso;
  const shown = edge === 'end' ? new Date(date.getTime() - 60_000) : date;
  return new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
    timeZoneName: 'short',
  }).format(shown);
}

const regionNames = new Map<string, Intl.DisplayNames>();

/** A country's name in the reader's language ("IE" → "Ireland" / "Ierland"); the code when unknown. */
export function regionName(code: string, locale: string): string {
  let names = regionNames.get(locale);
  if (!names) {
    names = new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' });
    regionNames.set(locale, names);
  }
  try {
    return names.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

/** Lowercase without diacritics, for filtering ("Österreich" matches "oster"). */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}

/** "830 bytes", "12 kB", "3.4 MB" in the reader's language (decimal units, as file managers show them). */
export function formatFileSize(bytes: number, locale: string): string {
  if (bytes < 1000) {
    return new Intl.NumberFormat(locale, { style: 'unit', unit: 'byte', unitDisplay: 'long' }).format(bytes);
  }
  const [unit, size] = bytes < 1_000_000 ? ['kilobyte', bytes / 1000] : ['megabyte', bytes / 1_000_000];
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit,
    unitDisplay: 'short',
    maximumFractionDigits: size < 10 ? 1 : 0,
  }).format(size);
}
