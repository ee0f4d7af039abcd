import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ENTRY_KINDS, type Entry, TLP_MARKINGS } from '../api/types.js';
import { EntryCard, isEntryKind } from './EntryCard.js';
import { SelectField } from './fields.js';
import { isMarking } from './Tlp.js';

/** The timeline's filters, kept in the address so that a filtered view can be shared and reloaded. */
export function useTimelineFilter() {
  const [params, setParams] = useSearchParams();
  const rawKind = params.get('kind');
  const rawMarking = params.get('marking');
  const kind = rawKind !== null && isEntryKind(rawKind) ? rawKind : null;
  const marking = rawMarking !== null && isMarking(rawMarking) ? rawMarking : null;
  const set = (name: 'kind' | 'marking', value: string) => {
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
    clear: () => {
      const next = new URLSearchParams(params);
      next.delete('kind');
      next.delete('marking');
      setParams(next, { replace: true, preventScrollReset: true });
    },
    /** Newest first, only what the filters let through. */
    apply: (entries: readonly Entry[]) =>
      entries
        .filter(
          (entry) =>
            (kind === null || entry.kind === kind) && (marking === null || entry.marking === marking),
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
      <p role="status" className="toolbar__count">
        {t('entries.showing', { count: shown, total })}
      </p>
    </div>
  );
}

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
  return (
    <ol className="timeline">
      {shown.map((entry) => {
        const targetId = entry.kind === 'reach-change' ? entry.body.entryId : entry.supersedes;
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
  );
}
