import '../components/coordination/coordination.css';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useMetricsOverTime } from '../api/coordination.js';
import { firstOfEach, MEASURE_ORDER } from '../components/coordination/rows.js';
import { TrendChart } from '../components/coordination/TrendChart.js';
import { DateTime } from '../components/DateTime.js';
import { Loading, QueryError } from '../components/Messages.js';
import { Page } from '../components/Page.js';
import { useFormat } from '../i18n/useFormat.js';
import { metricsPath, useAfterStart } from './CoordinationMetrics.js';

/**
 * Coordination speed across incidents over time: how long the newest incidents took to each step (by anyone), real
 * incidents and exercises kept apart as everywhere else.
 */
export function CoordinationOverTime() {
  const { t } = useTranslation();
  const format = useFormat();
  const after = useAfterStart();
  const [params] = useSearchParams();
  const exercise = params.get('exercise') === 'true';
  const list = useMetricsOverTime(exercise);
  const items = list.data ?? [];
  const firsts = items.map(firstOfEach);
  const measures = MEASURE_ORDER.filter((m) => firsts.some((f) => f.has(m)));
  return (
    <Page title={t('coordination.overTimeTitle')}>
      <nav aria-label={t('coordination.kindNav')} className="form--inline">
        <Link to="/coordination-metrics" aria-current={exercise ? undefined : 'page'}>
          {t('coordination.realIncidents')}
        </Link>
        {' · '}
        <Link to="/coordination-metrics?exercise=true" aria-current={exercise ? 'page' : undefined}>
          {t('coordination.exercises')}
        </Link>
      </nav>
      {exercise ? (
        <p className="exercise-banner">
          <span aria-hidden="true">◼ </span>
          {t('coordination.exercisesBanner')}
        </p>
      ) : null}
      <section className="panel" aria-labelledby="over-time-heading">
        <h2 id="over-time-heading">{t('coordination.overTimeHeading')}</h2>
        {list.isPending ? (
          <Loading />
        ) : list.error ? (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        ) : items.length === 0 ? (
          <div className="empty">
            <p className="empty__title">{t('coordination.noIncidents')}</p>
            <p>{t('coordination.noIncidentsNext')}</p>
          </div>
        ) : (
          <>
            <TrendChart
              title={t('coordination.overTimeHeading')}
              columns={items.map((i) => ({ key: i.incidentId, label: format.date(i.start) }))}
              series={measures.map((m) => ({
                key: m,
                label: t(`coordination.measures.${m}`),
                values: firsts.map((f) => f.get(m) ?? null),
              }))}
              minutesLabel={(minutes) => t('coordination.afterStart', { minutes })}
            />
            <table className="table" data-testid="over-time-table">
              <caption>{t('coordination.overTimeCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('coordination.incident')}</th>
                  <th scope="col">{t('coordination.firstReport')}</th>
                  {measures.map((m) => (
                    <th scope="col" key={m}>
                      {t(`coordination.measures.${m}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {items.map((item, i) => (
                  <tr key={item.incidentId}>
                    <th scope="row">
                      <Link to={metricsPath(item.incidentId)}>{item.title}</Link>
                    </th>
                    <td>
                      <DateTime value={item.start} />
                    </td>
                    {measures.map((m) => {
                      const s = firsts[i]!.get(m);
                      return <td key={m}>{s === undefined ? '—' : after(s)}</td>;
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </section>
    </Page>
  );
}
