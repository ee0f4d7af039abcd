import { useTranslation } from 'react-i18next';
import { useOverdueCounts } from '../../api/after-action.js';
import { useFormat } from '../../i18n/useFormat.js';
import { Loading, QueryError } from '../Messages.js';

/**
 * The admin page's view of follow-up: how many post-incident recommendations each organisation has overdue. Counts
 * only, as the server gives them: a platform admin reads no content.
 */
export function OverdueRecommendationsPanel() {
  const { t } = useTranslation();
  const format = useFormat();
  const counts = useOverdueCounts(true);
  return (
    <section
      aria-labelledby="overdue-recommendations-heading"
      className="panel"
      data-testid="overdue-recommendations"
    >
      <h2 id="overdue-recommendations-heading">{t('afterAction.overdueAdmin.heading')}</h2>
      {counts.isPending ? (
        <Loading />
      ) : counts.isError ? (
        <QueryError error={counts.error} onRetry={() => counts.refetch()} />
      ) : counts.data.items.length === 0 ? (
        <p className="muted">{t('afterAction.overdueAdmin.none')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('afterAction.overdueAdmin.owner')}</th>
              <th scope="col">{t('afterAction.overdueAdmin.count')}</th>
            </tr>
          </thead>
          <tbody>
            {counts.data.items.map((c) => (
              <tr key={c.owner}>
                <td>{format.organisation(c.owner)}</td>
                <td>{format.number(c.overdue)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
