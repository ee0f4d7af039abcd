import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useSearchParams } from 'react-router';
import { ENTRY_KINDS, type Entry, TLP_MARKINGS } from '../api/types.js';
import { EntryCard, isEntryKind } from './EntryCard.js';
import { SelectField } from './fields.js';
import { aboutEntryId } from './log/lines.js';
import { entryConcernsSector, entryConcernsState, useLogFilterOptions } from './picture/entryFilters.js';
import { isMarking } from './Tlp.js';

/** The timeline's filters, kept in the address so that a filtered view can be shared and reloaded. */
export function useTimelineFilter() {
  const [params, setParams] = useSearchParams();
  const rawKind = params.get('kind');
  const rawMarking = params.get('marking');
  const kind = rawKind !== null && isEntryKind(rawKind) ? rawKind : null;
  const marking = rawMarking !== null && isMarking(rawMarking) ? rawMarking : null;
  // A member state (from it or about it) and a CER sector; checked against the lists when the options load.
  const state = params.get('state')?.match(/^[A-Z]{2}$/)?.[0] ?? null;
  const sector = params.get('sector')?.match(/^[a-z-]{1,60}$/)?.[0] ?? null;
  const set = (name: 'kind' | 'marking' | 'state' | 'sector', value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true, preventScrollReset: true });
  };
  return {
    kind,
    marking,
    setKind: (value: string) => set('kind', value),
    setMarking: (value: string) => set('marking', value),
    state,
    sector,
    setState: (value: string) => set('state', value),
    setSector: (value: string) => set('sector', value),
    clear: () => {
      const next = new URLSearchParams(params);
      for (const name of ['kind', 'marking', 'state', 'sector']) next.delete(name);
      setParams(next, { replace: true, preventScrollReset: true });
    },
    /** Newest first, only what the filters let through. */
    apply: (entries: readonly Entry[]) =>
      entries
        .filter(
          (entry) =>
            (kind === null || entry.kind === kind) &&
            (marking === null || entry.marking === marking) &&
            (state === null || entryConcernsState(entry, state)) &&
            (sector === null || entryConcernsSector(entry, sector)),
        )
        .sort((a, b) => b.seq - a.seq),
  };
}

export type TimelineFilter = ReturnType<typeof useTimelineFilter>;

export function TimelineFilters({
  filter,
  shown,
  total,
}: {
  filter: TimelineFilter;
  shown: number;
  total: number;
}) {
  const { t } = useTranslation();
  const options = useLogFilterOptions();
  return (
    <div className="toolbar timeline-filters">
      <SelectField
        label={t('entries.filterKind')}
        value={filter.kind ?? ''}
        onChange={(event) => filter.setKind(event.target.value)}
      >
        <option value="">{t('entries.allKinds')}</option>
        {ENTRY_KINDS.map((kind) => (
          <option key={kind} value={kind}>
            {t(`entries.kinds.${kind}`)}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t('entries.filterMarking')}
        value={filter.marking ?? ''}
        onChange={(event) => filter.setMarking(event.target.value)}
      >
        <option value="">{t('entries.allMarkings')}</option>
        {TLP_MARKINGS.map((marking) => (
          <option key={marking} value={marking}>
            {marking}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t('picture.filters.state')}
        value={filter.state ?? ''}
        onChange={(event) => filter.setState(event.target.value)}
      >
        <option value="">{t('picture.filters.allStates')}</option>
        {options.states.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t('picture.filters.sector')}
        value={filter.sector ?? ''}
        onChange={(event) => filter.setSector(event.target.value)}
      >
        <option value="">{t('picture.filters.allSectors')}</option>
        {options.sectors.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </SelectField>
      <p role="status" className="toolbar__count">
        {t('entries.showing', { count: shown, total })}
      </p>
    </div>
  );
}

/** Entries drawn at first and added per click: a log of 10,000 entries must not freeze the page. */
const PAGE_SIZE = 100;

/** The log, newest first. */
export function Timeline({
  shown,
  all,
  filter,
  onChangeReach,
  onAttach,
}: {
  shown: readonly Entry[];
  all: readonly Entry[];
  filter: TimelineFilter;
  onChangeReach: (entry: Entry) => void;
  onAttach: (entry: Entry) => void;
}) {
  const { t } = useTranslation();
  const location = useLocation();
  const [limit, setLimit] = useState(PAGE_SIZE);
  if (all.length === 0) {
    return (
      <div className="empty">
        <p className="empty__title">{t('entries.emptyTitle')}</p>
        <p>{t('entries.emptyNext')}</p>
      </div>
    );
  }
  if (shown.length === 0) {
    return (
      <div className="empty">
        <p className="empty__title">{t('entries.noneMatch')}</p>
        <p>
          <button type="button" className="button button--secondary" onClick={filter.clear}>
            {t('entries.showAll')}
          </button>
        </p>
      </div>
    );
  }
  const byId = new Map(all.map((entry) => [entry.id, entry]));
  // An entry named in the address (from search, or a link in the picture) is always drawn, however old.
  const named = location.hash.startsWith('#entry-')
    ? shown.findIndex((entry) => `entry-${entry.id}` === decodeURIComponent(location.hash.slice(1)))
    : -1;
  const drawn = shown.slice(0, Math.max(limit, named + 1));
  const rest = shown.length - drawn.length;
  return (
    <>
      <ol className="timeline">
        {drawn.map((entry) => {
          const targetId =
            entry.kind === 'reach-change' ? entry.body.entryId : (entry.supersedes ?? aboutEntryId(entry));
          return (
            <li key={entry.id}>
              <EntryCard
                entry={entry}
                target={typeof targetId === 'string' ? byId.get(targetId) : undefined}
                onChangeReach={onChangeReach}
                onAttach={onAttach}
              />
            </li>
          );
        })}
      </ol>
      {rest > 0 ? (
        <p className="timeline__more">
          <button
            type="button"
            className="button button--secondary"
            onClick={() => setLimit(drawn.length + PAGE_SIZE)}
          >
            {t('picture.log.more', { count: Math.min(PAGE_SIZE, rest) })}
          </button>{' '}
          <span className="muted">{t('picture.log.notShown', { count: rest })}</span>
        </p>
      ) : null}
    </>
  );
}
