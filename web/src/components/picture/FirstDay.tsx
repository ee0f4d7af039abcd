import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Entry } from '../../api/types.js';
import { useFormat } from '../../i18n/useFormat.js';
import { DateTime } from '../DateTime.js';
import { entryElementId } from '../EntryCard.js';
import { markingModifier } from '../Tlp.js';
import { KEY_KINDS, useEntryGist, useEntryKindName } from './EntrySummary.js';

const HOUR = 3_600_000;
const HOURS = 24;
/** Per hour, the lines shown; the rest are counted and one click away in the log. */
const LINES_PER_HOUR = 4;

interface Hour {
  index: number;
  start: number;
  entries: Entry[];
  key: number;
}

/** The first day's entries, hour by hour from the moment the incident occurred (key events first in each hour). */
export function groupFirstDay(entries: readonly Entry[], occurredAt: string): Hour[] {
  const start = Date.parse(occurredAt);
  const hours: Hour[] = Array.from({ length: HOURS }, (_, index) => ({
    index,
    start: start + index * HOUR,
    entries: [],
    key: 0,
  }));
  for (const entry of entries) {
    const offset = Date.parse(entry.createdAt) - start;
    // Entries written before the moment given as the occurrence (a later correction of it) count in hour 0.
    const index = offset < 0 ? 0 : Math.floor(offset / HOUR);
    const hour = hours[index];
    if (!hour || entry.kind === 'reach-change') continue;
    hour.entries.push(entry);
    if (KEY_KINDS.includes(entry.kind)) hour.key += 1;
  }
  return hours;
}

function useHourRange() {
  const { locale, timeZone } = useFormat();
  return useMemo(() => {
    const local = new Intl.DateTimeFormat(locale, {
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone,
    });
    const utc = new Intl.DateTimeFormat(locale, {
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone: 'UTC',
    });
    const zone =
      new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' })
        .formatToParts(new Date())
        .find((part) => part.type === 'timeZoneName')?.value ?? timeZone;
    return {
      local: (ms: number) => local.format(ms),
      range: (from: number) =>
        `${local.format(from)}–${local.format(from + HOUR)} ${zone} (${utc.format(from)}–${utc.format(from + HOUR)} UTC)`,
    };
  }, [locale, timeZone]);
}

/**
 * The incident's first 24 hours at a glance: a strip of the hours (how much was written, whether something
 * decisive happened) and, for each hour with entries, its key events and first lines.
 */
export function FirstDay({
  entries,
  occurredAt,
  now,
}: {
  entries: readonly Entry[];
  occurredAt: string;
  now: number;
}) {
  const { t } = useTranslation();
  const id = useId();
  const kindName = useEntryKindName();
  const gist = useEntryGist();
  const hours = useMemo(() => groupFirstDay(entries, occurredAt), [entries, occurredAt]);
  const clock = useHourRange();
  const start = Date.parse(occurredAt);
  const elapsed = Math.min(HOURS, Math.max(0, Math.ceil((now - start) / HOUR)));
  const busiest = Math.max(1, ...hours.map((hour) => hour.entries.length));
  const withEntries = hours.filter((hour) => hour.entries.length > 0);
  const total = withEntries.reduce((sum, hour) => sum + hour.entries.length, 0);
  const anchor = (index: number) => `${id.replace(/[^a-zA-Z0-9_-]/g, '')}-hour-${index}`;

  return (
    <section className="first-day" aria-labelledby={`${anchor(-1)}-heading`} data-testid="first-day">
      <h3 id={`${anchor(-1)}-heading`}>{t('picture.firstDay.heading')}</h3>
      <p className="field__hint">
        {t('picture.firstDay.intro', { count: total })} <DateTime value={occurredAt} />
      </p>
      <ol className="first-day__strip" aria-label={t('picture.firstDay.strip')}>
        {hours.map((hour) => {
          const future = hour.index >= elapsed;
          const label = t('picture.firstDay.hourLabel', {
            hour: hour.index,
            count: hour.entries.length,
            time: clock.range(hour.start),
          });
          const height = `${Math.round((hour.entries.length / busiest) * 100)}%`;
          const content = (
            <>
              <span className="first-day__bar" style={{ height }} aria-hidden="true" />
              {hour.key > 0 ? (
                <span className="first-day__key" aria-hidden="true">
                  ◆
                </span>
              ) : null}
              <span className="first-day__tick" aria-hidden="true">
                {hour.index % 6 === 0 ? `+${hour.index}` : ''}
              </span>
            </>
          );
          return (
            <li
              key={hour.index}
              className={`first-day__hour${future ? ' first-day__hour--future' : ''}${hour.key > 0 ? ' first-day__hour--key' : ''}`}
              title={label}
            >
              {hour.entries.length > 0 ? (
                <a href={`#${anchor(hour.index)}`} aria-label={label}>
                  {content}
                </a>
              ) : (
                <span className="first-day__empty">
                  <span className="visually-hidden">{label}</span>
                  {content}
                </span>
              )}
            </li>
          );
        })}
      </ol>
      <p className="first-day__legend">
        <span aria-hidden="true">◆</span> {t('picture.firstDay.keyLegend')}
      </p>
      {withEntries.length === 0 ? (
        <p className="muted">{t('picture.firstDay.empty')}</p>
      ) : (
        <ol className="first-day__hours">
          {withEntries.map((hour) => {
            const key = hour.entries.filter((entry) => KEY_KINDS.includes(entry.kind));
            const rest = hour.entries.filter((entry) => !KEY_KINDS.includes(entry.kind));
            const lines = [...key, ...rest].slice(0, LINES_PER_HOUR);
            const more = hour.entries.length - lines.length;
            return (
              <li key={hour.index} id={anchor(hour.index)} className="first-day__group" tabIndex={-1}>
                <p className="first-day__when">
                  <strong>{t('picture.firstDay.plus', { hour: hour.index })}</strong>{' '}
                  {clock.range(hour.start)}
                  <span className="muted">
                    {' '}
                    · {t('picture.firstDay.entries', { count: hour.entries.length })}
                  </span>
                </p>
                <ul className="first-day__lines">
                  {lines.map((entry) => (
                    <li
                      key={entry.id}
                      className={
                        KEY_KINDS.includes(entry.kind)
                          ? 'first-day__line first-day__line--key'
                          : 'first-day__line'
                      }
                    >
                      <span className={`first-day__marking tlp tlp--${markingModifier(entry.marking)}`}>
                        {entry.marking}
                      </span>
                      <time dateTime={entry.createdAt} className="first-day__time">
                        {clock.local(Date.parse(entry.createdAt))}
                      </time>
                      <a href={`#${entryElementId(entry.id)}`} className="first-day__kind">
                        {KEY_KINDS.includes(entry.kind) ? <span aria-hidden="true">◆ </span> : null}
                        {kindName(entry.kind)}
                      </a>
                      <span className="first-day__org">{entry.author.organisation}</span>
                      <span className="first-day__gist">{gist(entry) ?? ''}</span>
                    </li>
                  ))}
                </ul>
                {more > 0 ? (
                  <p className="first-day__more">{t('picture.firstDay.more', { count: more })}</p>
                ) : null}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
