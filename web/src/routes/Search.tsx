import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useSearch } from '../api/hooks.js';
import type { Entry, SearchHit } from '../api/types.js';
import { DateTime } from '../components/DateTime.js';
import { entryElementId, isEntryKind, WhoCanSee } from '../components/EntryCard.js';
import { Loading, QueryError } from '../components/Messages.js';
import { Page } from '../components/Page.js';
import { ClassificationBanner, MarkingBanner, mostRestrictive } from '../components/Tlp.js';
import { useFormat } from '../i18n/useFormat.js';

const EXCERPT = 320;

/** The words of an entry that a search can match, as the reader receives them. */
function searchableText(entry: Entry): string {
  if (entry.text !== null) return entry.text;
  const parts = [entry.body.title, entry.body.description].filter(
    (part): part is string => typeof part === 'string',
  );
  return parts.join(' — ');
}

/** The text around the first match, with every match marked. */
function Highlighted({ text, query }: { text: string; query: string }) {
  const lower = text.toLowerCase();
  const needle = query.toLowerCase();
  const first = lower.indexOf(needle);
  let start = 0;
  let end = text.length;
  if (text.length > EXCERPT) {
    start = Math.max(0, Math.max(first, 0) - EXCERPT / 3);
    end = Math.min(text.length, start + EXCERPT);
  }
  const slice = text.slice(start, end);
  const parts: ReactNode[] = [];
  let at = 0;
  const sliceLower = slice.toLowerCase();
  for (let found = sliceLower.indexOf(needle); needle && found >= 0; found = sliceLower.indexOf(needle, at)) {
    parts.push(slice.slice(at, found));
    parts.push(<mark key={found}>{slice.slice(found, found + needle.length)}</mark>);
    at = found + needle.length;
  }
  parts.push(slice.slice(at));
  return (
    <>
      {start > 0 ? '… ' : ''}
      {parts}
      {end < text.length ? ' …' : ''}
    </>
  );
}

function EntryHit({ hit, entry, query }: { hit: SearchHit; entry: Entry; query: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const text = searchableText(entry);
  return (
    <article className={`entry search-hit`} aria-labelledby={`hit-${entry.id}`}>
      <MarkingBanner marking={entry.marking} />
      <div className="entry__main">
        <h3 className="entry__head" id={`hit-${entry.id}`}>
          <Link to={`/incidents/${encodeURIComponent(hit.incidentId)}#${entryElementId(entry.id)}`}>
            {hit.incidentTitle}
          </Link>
        </h3>
        <p className="entry__time">
          <span className="entry__kind">
            {isEntryKind(entry.kind) ? t(`entries.kind.${entry.kind}`) : entry.kind}
          </span>{' '}
          {entry.author.name}, {format.organisation(entry.author.organisation)} ·{' '}
          <DateTime value={entry.createdAt} />
        </p>
        {text ? (
          <p className="entry__text">
            <Highlighted text={text} query={query} />
          </p>
        ) : null}
        <dl className="entry__meta">
          <WhoCanSee entry={entry} />
        </dl>
      </div>
    </article>
  );
}

export function Search() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const query = (params.get('q') ?? '').trim();
  const search = useSearch(query);
  const hits = search.data ?? [];
  const incidentHits = hits.filter((hit) => hit.entry === null);
  const entryHits = hits.flatMap((hit) => (hit.entry ? [{ hit, entry: hit.entry }] : []));
  const marking = mostRestrictive(entryHits.map(({ entry }) => entry.marking));

  return (
    <Page title={t('search.title')} heading={query ? t('search.heading', { query }) : t('search.title')}>
      <ClassificationBanner marking={marking} />
      {query.length < 2 ? (
        <div className="empty">
          <p className="empty__title">{t('search.tooShort')}</p>
          <p>{t('search.tooShortNext')}</p>
        </div>
      ) : search.isPending ? (
        <Loading />
      ) : search.error ? (
        <QueryError error={search.error} onRetry={() => void search.refetch()} />
      ) : hits.length === 0 ? (
        <div className="empty">
          <p className="empty__title">{t('search.none', { query })}</p>
          <p>{t('search.noneNext')}</p>
        </div>
      ) : (
        <>
          <p role="status" className="lead">
            {t('search.count', { count: hits.length })}
          </p>
          {incidentHits.length > 0 ? (
            <section aria-labelledby="incident-hits" className="panel">
              <h2 id="incident-hits">{t('search.incidents', { count: incidentHits.length })}</h2>
              <ul className="plain-list search-incidents">
                {incidentHits.map((hit) => (
                  <li key={hit.incidentId}>
                    <Link to={`/incidents/${encodeURIComponent(hit.incidentId)}`}>
                      <Highlighted text={hit.incidentTitle} query={query} />
                    </Link>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {entryHits.length > 0 ? (
            <section aria-labelledby="entry-hits">
              <h2 id="entry-hits">{t('search.entries', { count: entryHits.length })}</h2>
              <ol className="timeline">
                {entryHits.map(({ hit, entry }) => (
                  <li key={entry.id}>
                    <EntryHit hit={hit} entry={entry} query={query} />
                  </li>
                ))}
              </ol>
            </section>
          ) : null}
          <ClassificationBanner marking={marking} />
        </>
      )}
    </Page>
  );
}
