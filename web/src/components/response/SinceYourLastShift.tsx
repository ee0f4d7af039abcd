import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAcknowledgeHandover, useHandoversAwaitingMe } from '../../api/response.js';
import { DateTime } from '../DateTime.js';
import { ErrorMessage, useErrorText } from '../Messages.js';

/**
 * "Since your last shift" on the home page: the handover notes of the reader's organisation that wait for them to
 * take over, each acknowledged here. Shown only when there is one, so it costs one query and no space otherwise.
 */
export function SinceYourLastShift() {
  const { t } = useTranslation();
  const query = useHandoversAwaitingMe();
  const acknowledge = useAcknowledgeHandover();
  const errorText = useErrorText();
  const items = query.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="last-shift-heading" className="panel" data-testid="since-last-shift">
      <h2 id="last-shift-heading">{t('response.handover.heading')}</h2>
      <ul className="plain-list">
        {items.map((h) => (
          <li key={h.id}>
            <p>
              <Link to={`/incidents/${h.incidentId}`}>{h.incidentTitle}</Link> ·{' '}
              {t('response.handover.by', { name: h.writtenBy.name })} <DateTime value={h.writtenAt} />
            </p>
            <p className="pre-wrap">
              {t('response.handover.changed')}: {h.changed}
            </p>
            {h.openAsks ? (
              <p className="pre-wrap">
                {t('response.handover.openAsks')}: {h.openAsks}
              </p>
            ) : null}
            {h.nextCover ? (
              <p className="pre-wrap">
                {t('response.handover.nextCover')}: {h.nextCover}
              </p>
            ) : null}
            <button
              type="button"
              onClick={() => acknowledge.mutate({ incidentId: h.incidentId, handoverId: h.id })}
            >
              {t('response.handover.acknowledge', { incident: h.incidentTitle })}
            </button>
          </li>
        ))}
      </ul>
      <ErrorMessage message={acknowledge.error ? errorText(acknowledge.error) : null} />
    </section>
  );
}
