import { useTranslation } from 'react-i18next';
import { type RollCallAlert, type RollCallDelivery, useRollCall } from '../../api/roll-call.js';
import { useFormat } from '../../i18n/useFormat.js';
import { DateTime } from '../DateTime.js';
import { Loading, QueryError } from '../Messages.js';

/** Whole minutes and seconds, read aloud the same way in every language's catalogue. */
export function useElapsed() {
  const { t } = useTranslation();
  return (seconds: number) =>
    seconds < 60
      ? t('rollCall.seconds', { count: seconds })
      : t('rollCall.minutes', { count: Math.round(seconds / 60) });
}

function Delivery({ delivery }: { delivery: RollCallDelivery }) {
  const { t } = useTranslation();
  const format = useFormat();
  const recipient =
    delivery.channel === 'in-app' ? format.organisation(delivery.recipient) : delivery.recipient;
  return (
    <li>
      <span className="tag">
        {t(`rollCall.channel.${delivery.channel}`, { defaultValue: delivery.channel })}
      </span>{' '}
      {delivery.step === 'alert' ? null : <strong>{t(`rollCall.step.${delivery.step}`)}: </strong>}
      {recipient} · <DateTime value={delivery.at} />
      {delivery.state === 'sent' ? null : <strong> ({t(`rollCall.state.${delivery.state}`)})</strong>}
    </li>
  );
}

function AlertRow({ organisation, alert }: { organisation: string; alert: RollCallAlert }) {
  const { t } = useTranslation();
  const format = useFormat();
  const elapsed = useElapsed();
  return (
    <tr data-organisation={organisation}>
      <th scope="row">{format.organisation(organisation)}</th>
      <td>
        {t(`rollCall.kind.${alert.kind}`, { defaultValue: alert.kind })}
        <br />
        <DateTime value={alert.alertedAt} />
      </td>
      <td>
        <ul className="plain-list">
          {alert.deliveries.map((d) => (
            <Delivery key={d.id} delivery={d} />
          ))}
        </ul>
      </td>
      <td>
        {alert.acknowledgedAt ? (
          <>
            <strong>{alert.acknowledgedBy}</strong> · <DateTime value={alert.acknowledgedAt} />
            {alert.secondsToAcknowledge !== null ? (
              <>
                <br />
                <span className="muted">
                  {t('rollCall.after', { time: elapsed(alert.secondsToAcknowledge) })}
                </span>
              </>
            ) : null}
          </>
        ) : (
          <span className="missing">{t('rollCall.notAcknowledged')}</span>
        )}
      </td>
      <td>
        {alert.stage ? t(`rollCall.stage.${alert.stage}`) : null}
        {alert.nextEscalationAt ? (
          <>
            <br />
            <span className="muted">
              {t('rollCall.nextAt')} <DateTime value={alert.nextEscalationAt} />
            </span>
          </>
        ) : null}
      </td>
    </tr>
  );
}

/**
 * Per organisation, who was alerted about this incident, when and by which channel, and who acknowledged when:
 * the alerts that need acknowledging, as the server lets the reader see them (its own row; ERCC and the
 * Presidency every row).
 */
export function RollCallPanel({ incidentId }: { incidentId: string }) {
  const { t } = useTranslation();
  const rollCall = useRollCall(incidentId);
  const rows = (rollCall.data?.organisations ?? []).flatMap((o) =>
    o.alerts
      .filter((a) => a.requiresAcknowledgement)
      .map((alert) => ({ organisation: o.organisation, alert })),
  );
  return (
    <section aria-labelledby="roll-call-heading" className="panel">
      <h2 id="roll-call-heading">{t('rollCall.title')}</h2>
      <p className="muted">{t('rollCall.intro')}</p>
      {rollCall.isPending ? (
        <Loading />
      ) : rollCall.error ? (
        <QueryError error={rollCall.error} onRetry={() => void rollCall.refetch()} />
      ) : rows.length === 0 ? (
        <p className="empty">{t('rollCall.empty')}</p>
      ) : (
        <table className="table roll-call">
          <caption className="visually-hidden">{t('rollCall.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('rollCall.organisation')}</th>
              <th scope="col">{t('rollCall.alert')}</th>
              <th scope="col">{t('rollCall.alerted')}</th>
              <th scope="col">{t('rollCall.acknowledged')}</th>
              <th scope="col">{t('rollCall.escalation')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ organisation, alert }) => (
              <AlertRow key={alert.notificationId} organisation={organisation} alert={alert} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
