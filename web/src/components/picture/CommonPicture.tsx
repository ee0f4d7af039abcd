import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useEntries } from '../../api/hooks.js';
import { usePicture } from '../../api/picture.js';
import { useSitreps } from '../../api/sitreps.js';
import type { Incident } from '../../api/types.js';
import { useFormat } from '../../i18n/useFormat.js';
import { DateTime } from '../DateTime.js';
import { Loading, QueryError } from '../Messages.js';
import { TlpMarking } from '../Tlp.js';
import { EuropeMap } from './EuropeMap.js';
import { FirstDay } from './FirstDay.js';
import { KeyFigures } from './KeyFigures.js';
import { MapLegend } from './MapLegend.js';
import { StateDetail } from './StateDetail.js';
import { StateTable } from './StateTable.js';
import { useNow } from './time.js';

/** The log's heading, where "show in the log" takes the reader. */
const LOG_HEADING_ID = 'log-heading';

function SitrepsLink({ incidentId }: { incidentId: string }) {
  const { t } = useTranslation();
  const sitreps = useSitreps(incidentId);
  const published = (sitreps.data ?? []).filter((sitrep) => sitrep.state === 'published');
  const latest = published.reduce<number | null>(
    (max, sitrep) => Math.max(max ?? 0, sitrep.number ?? 0),
    null,
  );
  return (
    <Link to={`/incidents/${encodeURIComponent(incidentId)}/sitreps`} className="button button--secondary">
      <span aria-hidden="true">▤ </span>
      {latest === null ? t('picture.sitreps') : t('picture.sitrepsLatest', { number: latest })}
    </Link>
  );
}

/**
 * The common picture of an incident, as the reader may see it: key figures, the map of who is affected (click
 * or Enter on a state for its latest contributions), where each state stands, and the first 24 hours. Kept
 * current by the live stream: a new entry or assessment refetches it within a second.
 */
export function CommonPicture({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const format = useFormat();
  const picture = usePicture(incident.id);
  const entries = useEntries(incident.id);
  const [selected, setSelected] = useState<string | null>(null);
  const [, setParams] = useSearchParams();
  const now = useNow(30_000);

  const showInLog = (code: string) => {
    setParams(
      (params) => {
        const next = new URLSearchParams(params);
        next.set('state', code);
        return next;
      },
      { replace: true, preventScrollReset: true },
    );
    requestAnimationFrame(() => {
      const heading = document.getElementById(LOG_HEADING_ID);
      heading?.scrollIntoView({ block: 'start' });
    });
  };

  const toggle = (code: string) => setSelected((current) => (current === code ? null : code));

  return (
    <section className="picture" aria-labelledby="picture-heading" data-testid="common-picture">
      <div className="picture__head">
        <h2 id="picture-heading">{t('picture.heading')}</h2>
        {picture.data ? (
          <p className="picture__meta">
            <TlpMarking marking={picture.data.marking} />
            <span>
              {t('picture.generated')} <DateTime value={picture.data.generatedAt} />
            </span>
          </p>
        ) : null}
        <SitrepsLink incidentId={incident.id} />
      </div>
      {picture.isPending ? (
        <Loading />
      ) : picture.error ? (
        <QueryError error={picture.error} onRetry={() => void picture.refetch()} />
      ) : (
        <>
          <KeyFigures picture={picture.data} />
          <div className="picture__grid">
            <div className="picture__map">
              <EuropeMap
                picture={picture.data}
                selected={selected}
                onSelect={toggle}
                label={t('picture.map.label', { title: incident.title })}
              />
            </div>
            <div className="picture__side">
              {selected ? (
                <StateDetail
                  code={selected}
                  state={picture.data.states.find((state) => state.code === selected)}
                  entries={entries.data}
                  now={now}
                  onShowInLog={showInLog}
                  onClose={() => setSelected(null)}
                />
              ) : (
                <div className="picture__hint">
                  <p>
                    <strong>{t('picture.detail.hintTitle')}</strong>
                  </p>
                  <p>{t('picture.detail.hint')}</p>
                  <p className="muted">
                    {t('picture.staleAfter', { minutes: format.number(picture.data.staleAfterMinutes) })}
                  </p>
                </div>
              )}
              <MapLegend />
            </div>
          </div>
          <h3 className="picture__subheading">{t('picture.states.heading')}</h3>
          <StateTable picture={picture.data} selected={selected} onSelect={toggle} now={now} />
          {entries.data ? (
            <FirstDay entries={entries.data} occurredAt={incident.occurredAt} now={now} />
          ) : null}
        </>
      )}
    </section>
  );
}
