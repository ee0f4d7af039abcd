import '../components/coordination/coordination.css';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../api/client.js';
import { type CoordinationMetrics as Metrics, useCoordinationMetrics } from '../api/coordination.js';
import { measureName, stepRows } from '../components/coordination/rows.js';
import { StepChart } from '../components/coordination/StepChart.js';
import { DateTime } from '../components/DateTime.js';
import { Loading, QueryError } from '../components/Messages.js';
import { Page } from '../components/Page.js';
import { useFormat } from '../i18n/useFormat.js';
import { incidentPath } from './SitrepList.js';

export function metricsPath(incidentId: string): string {
  return `${incidentPath(incidentId)}/metrics`;
}

/** "T+12 min" for a number of seconds after the first report. */
export function useAfterStart() {
  const { t } = useTranslation();
  return (seconds: number) => t('coordination.afterStart', { minutes: Math.round(seconds / 60) });
}

function MetricsOf({ metrics }: { metrics: Metrics }) {
  const { t } = useTranslation();
  const format = useFormat();
  const after = useAfterStart();
  const rows = stepRows(metrics);
  const who = (organisation: string | null) =>
    organisation ? format.organisation(organisation) : t('coordination.overall');
  const label = (measure: string, organisation: string | null) =>
    `${t(`coordination.measures.${measureName(measure)}`)} · ${who(organisation)}`;
  return (
    <>
      {metrics.exercise ? (
        <p className="exercise-banner">
          <span aria-hidden="true">◼ </span>
          {t('incident.exerciseBanner')}
        </p>
      ) : null}
      <dl className="facts">
        <div>
          <dt>{metrics.run ? t('coordination.firstInject') : t('coordination.firstReport')}</dt>
          <dd>
            <DateTime value={metrics.start} />
          </dd>
        </div>
        {metrics.run ? (
          <>
            <div>
              <dt>{t('coordination.scenario')}</dt>
              <dd>{metrics.run.title}</dd>
            </div>
            <div>
              <dt>{t('coordination.speed')}</dt>
              <dd>
                {metrics.run.speed === 0
                  ? t('coordination.speedUnattended')
                  : t('coordination.speedTimes', { speed: metrics.run.speed })}
              </dd>
            </div>
            <div>
              <dt>{t('coordination.earlierRuns')}</dt>
              <dd data-testid="earlier-runs">{format.number(metrics.earlierRuns.length)}</dd>
            </div>
          </>
        ) : null}
      </dl>
      <section aria-labelledby="metrics-chart-heading" className="panel">
        <h2 id="metrics-chart-heading">{t('coordination.chartHeading')}</h2>
        {rows.length === 0 ? (
          <div className="empty">
            <p className="empty__title">{t('coordination.emptyTitle')}</p>
            <p>{t('coordination.emptyNext')}</p>
          </div>
        ) : (
          <>
            <p className="field__hint">{t('coordination.chartIntro')}</p>
            <StepChart
              title={t('coordination.chartHeading')}
              rows={rows.map((r) => ({
                key: r.key,
                label: label(r.measure, r.organisation),
                seconds: r.seconds,
                targetSeconds: r.targetSeconds,
                earlier: r.earlier,
              }))}
              minutesLabel={(minutes) => t('coordination.afterStart', { minutes })}
              targetLabel={t('coordination.target')}
              earlierLabel={t('coordination.earlierRun')}
            />
            <table className="table" data-testid="metrics-table">
              <caption>{t('coordination.tableCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('coordination.step')}</th>
                  <th scope="col">{t('coordination.organisation')}</th>
                  <th scope="col">{t('coordination.time')}</th>
                  {metrics.run ? <th scope="col">{t('coordination.target')}</th> : null}
                  {metrics.run ? <th scope="col">{t('coordination.earlierRuns')}</th> : null}
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.key}>
                    <th scope="row">{t(`coordination.measures.${measureName(r.measure)}`)}</th>
                    <td>{who(r.organisation)}</td>
                    <td>{r.seconds === null ? t('coordination.notReached') : after(r.seconds)}</td>
                    {metrics.run ? (
                      <td className={r.met === false ? 'metric-late' : undefined}>
                        {r.targetSeconds === null
                          ? '—'
                          : t(r.met ? 'coordination.met' : 'coordination.missed', {
                              target: after(r.targetSeconds),
                            })}
                      </td>
                    ) : null}
                    {metrics.run ? (
                      <td>{r.earlier.length === 0 ? '—' : format.list(r.earlier.map(after))}</td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </section>
      <p>
        <Link to={`/coordination-metrics${metrics.exercise ? '?exercise=true' : ''}`}>
          {t('coordination.overTimeLink')}
        </Link>
      </p>
    </>
  );
}

/** One incident's coordination metrics: a chart of the time to each step, per organisation, and the same as a table. */
export function CoordinationMetrics() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const metrics = useCoordinationMetrics(id);
  return (
    <>
      <p className="breadcrumb no-print">
        <Link to={incidentPath(id)}>
          <span aria-hidden="true">← </span>
          {metrics.data ? t('sitreps.backTo', { title: metrics.data.title }) : t('sitreps.backToIncident')}
        </Link>
      </p>
      <Page
        title={
          metrics.data ? t('coordination.title', { title: metrics.data.title }) : t('coordination.titleShort')
        }
      >
        {metrics.data ? (
          <MetricsOf metrics={metrics.data} />
        ) : metrics.isPending ? (
          <Loading />
        ) : isApiError(metrics.error, 404) ? (
          <div className="empty">
            <p className="empty__title">{t('incident.notFound')}</p>
            <p>
              <Link to="/incidents">{t('incident.notFoundNext')}</Link>
            </p>
          </div>
        ) : (
          <QueryError error={metrics.error} onRetry={() => void metrics.refetch()} />
        )}
      </Page>
    </>
  );
}
