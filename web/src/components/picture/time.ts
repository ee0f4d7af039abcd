import { useEffect, useMemo, useState } from 'react';
import { useFormat } from '../../i18n/useFormat.js';

/** The current time, moving on every `intervalMs`: for "5 h ago" and clocks that must not stand still. */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Lengths of time and "… ago" in the reader's language: "5 h 20 min", "3 d 4 h", "5 hours ago". */
export function useDurations() {
  const { locale } = useFormat();
  return useMemo(() => {
    const unit = (value: number, name: 'day' | 'hour' | 'minute') =>
      new Intl.NumberFormat(locale, { style: 'unit', unit: name, unitDisplay: 'narrow' }).format(value);
    const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'long' });
    /** A length of time, to the minute below two hours, to the hour below three days, else days and hours. */
    const duration = (ms: number): string => {
      const span = Math.max(0, ms);
      if (span < 2 * HOUR) {
        const hours = Math.floor(span / HOUR);
        const minutes = Math.floor((span % HOUR) / MINUTE);
        return hours > 0 ? `${unit(hours, 'hour')} ${unit(minutes, 'minute')}` : unit(minutes, 'minute');
      }
      if (span < 3 * DAY) return unit(Math.floor(span / HOUR), 'hour');
      return `${unit(Math.floor(span / DAY), 'day')} ${unit(Math.floor((span % DAY) / HOUR), 'hour')}`;
    };
    /** "5 minutes ago", "3 hours ago", "2 days ago". */
    const ago = (iso: string, now: number): string => {
      const span = Math.max(0, now - Date.parse(iso));
      if (span < HOUR) return relative.format(-Math.floor(span / MINUTE), 'minute');
      if (span < 2 * DAY) return relative.format(-Math.floor(span / HOUR), 'hour');
      return relative.format(-Math.floor(span / DAY), 'day');
    };
    return { duration, ago };
  }, [locale]);
}
