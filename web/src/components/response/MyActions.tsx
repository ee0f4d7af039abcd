import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMyActions } from '../../api/response.js';
import { useFormat } from '../../i18n/useFormat.js';
import { DateTime } from '../DateTime.js';
import { Loading, QueryError } from '../Messages.js';

/** The home page's "my actions": open actions for the reader, or for their organisation with no one named. */
export function MyActions() {
  const { t } = useTranslation();
  const format = useFormat();
  const query = useMyActions();
  return (
    <section aria-labelledby="my-actions-heading" className="panel" data-testid="my-actions">
      <h2 id="my-actions-heading">{t('response.myActions.heading')}</h2>
      {query.isPending ? (
        <Loading />
      ) : query.error ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <p className="muted">{t('response.myActions.empty')}</p>
      ) : (
        <ul className="plain-list">
          {query.data.items.map((a) => (
            <li key={a.id} className={a.overdue ? 'action action--overdue' : 'action'}>
              <Link to={`/incidents/${a.incidentId}`}>{a.title}</Link>{' '}
              {a.overdue ? <span className="badge badge--alert">{t('response.actions.overdue')}</span> : null}
              <span className="muted">
                {' '}
                {a.incidentTitle}
                {a.assignee
                  ? ''
                  : ` · ${t('response.myActions.forOrganisation', { organisation: format.organisation(a.ownerOrganisation) })}`}
                {a.dueAt ? (
                  <>
                    {' · '}
                    {t('response.actions.due')} <DateTime value={a.dueAt} />
                  </>
                ) : null}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
