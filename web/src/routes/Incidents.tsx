import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useIncidents } from '../api/hooks.js';
import { ASSESSMENT_STATUSES, type AssessmentStatus } from '../api/types.js';
import { DateTime } from '../components/DateTime.js';
import { SelectField } from '../components/fields.js';
import { Loading, QueryError } from '../components/Messages.js';
import { Page } from '../components/Page.js';
import { ExerciseTag, StatusBadge } from '../components/StatusBadge.js';
import { useFormat } from '../i18n/useFormat.js';

function isStatus(value: string | null): value is AssessmentStatus {
  return value !== null && (ASSESSMENT_STATUSES as readonly string[]).includes(value);
}

export function Incidents() {
  const { t } = useTranslation();
  const format = useFormat();
  const incidents = useIncidents();
  const [params, setParams] = useSearchParams();
  const rawStatus = params.get('status');
  const status = isStatus(rawStatus) ? rawStatus : null;

  const setStatus = (value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set('status', value);
    else next.delete('status');
    setParams(next, { replace: true });
  };

  const all = incidents.data ?? [];
  const shown = all
    .filter((incident) => status === null || incident.assessment.status === status)
    .sort((a, b) => b.lastActivityAt.localeCompare(a.lastActivityAt));

  return (
    <Page title={t('incidents.title')}>
      <p className="lead">{t('incidents.intro')}</p>
      <div className="toolbar">
        <SelectField
          label={t('incidents.filterLabel')}
          value={status ?? ''}
          onChange={(e) => setStatus(e.target.value)}
        >
          <option value="">{t('incidents.filterAll')}</option>
          {ASSESSMENT_STATUSES.map((value) => (
            <option key={value} value={value}>
              {t(`status.${value}`)}
            </option>
          ))}
        </SelectField>
        {incidents.data ? (
          <p role="status" className="toolbar__count">
            {t('incidents.showing', { count: shown.length, total: all.length })}
          </p>
        ) : null}
      </div>
      {incidents.isPending ? (
        <Loading />
      ) : incidents.error ? (
        <QueryError error={incidents.error} onRetry={() => void incidents.refetch()} />
      ) : all.length === 0 ? (
        <div className="empty">
          <p className="empty__title">{t('incidents.emptyTitle')}</p>
          <p>
            {t('incidents.emptyNext')} <Link to="/directory">{t('incidents.emptyLink')}</Link>
          </p>
        </div>
      ) : shown.length === 0 ? (
        <div className="empty">
          <p className="empty__title">
            {t('incidents.noneWithStatus', { status: t(`status.${status ?? 'applies'}`) })}
          </p>
          <p>
            <button type="button" className="button button--secondary" onClick={() => setStatus('')}>
              {t('incidents.showAll')}
            </button>
          </p>
        </div>
      ) : (
        <table className="table">
          <caption className="visually-hidden">{t('incidents.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('incidents.columns.status')}</th>
              <th scope="col">{t('incidents.columns.title')}</th>
              <th scope="col">{t('incidents.columns.reportedBy')}</th>
              <th scope="col">{t('incidents.columns.occurredAt')}</th>
              <th scope="col">{t('incidents.columns.lastActivity')}</th>
              <th scope="col">{t('incidents.columns.exercise')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((incident) => (
              <tr key={incident.id}>
                <td>
                  <StatusBadge status={incident.assessment.status} />
                </td>
                <th scope="row" className="table__title">
                  <Link to={`/incidents/${encodeURIComponent(incident.id)}`}>{incident.title}</Link>
                </th>
                <td>{format.organisation(incident.reportedBy)}</td>
                <td>
                  <DateTime value={incident.occurredAt} />
                </td>
                <td>
                  <DateTime value={incident.lastActivityAt} />
                </td>
                <td>
                  {incident.exercise ? <ExerciseTag /> : <span className="muted">{t('common.no')}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Page>
  );
}
