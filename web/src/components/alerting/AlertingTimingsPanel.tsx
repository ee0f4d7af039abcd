import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAlertingTimings, useChangeAlertingTimings } from '../../api/roll-call.js';
import { TextField } from '../fields.js';
import { ErrorMessage, Loading, QueryError, StatusMessage, useErrorText } from '../Messages.js';
import { useSession } from '../session.js';

/**
 * How long an organisation has to acknowledge an important alert before it escalates: the platform's times for a
 * platform admin (and how old a contact point's last answered check may be), the organisation's own for its
 * org-admins (empty: the platform's).
 */
export function AlertingTimingsPanel() {
  const { t } = useTranslation();
  const me = useSession();
  const isAdmin = me.role === 'admin';
  const timings = useAlertingTimings(me.organisation.id);
  const change = useChangeAlertingTimings(isAdmin ? null : me.organisation.id);
  const errorText = useErrorText();
  const [acknowledge, setAcknowledge] = useState('');
  const [admins, setAdmins] = useState('');
  const [stale, setStale] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  const data = timings.data;
  useEffect(() => {
    if (!data) return;
    if (isAdmin) {
      setAcknowledge(String(data.platform.acknowledgeWithinMinutes));
      setAdmins(String(data.platform.adminsAfterMinutes));
      setStale(String(data.platform.contactPointStaleDays));
    } else {
      setAcknowledge(
        data.organisation.ownAcknowledgeWithin ? String(data.organisation.acknowledgeWithinMinutes) : '',
      );
      setAdmins(data.organisation.ownAdminsAfter ? String(data.organisation.adminsAfterMinutes) : '');
    }
  }, [data, isAdmin]);
  const number = (text: string) => (text.trim() === '' ? null : Number.parseInt(text, 10));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setStatus(null);
    const body: Record<string, number | null> = isAdmin
      ? {
          ...(number(acknowledge) !== null ? { acknowledgeWithinMinutes: number(acknowledge) } : {}),
          ...(number(admins) !== null ? { adminsAfterMinutes: number(admins) } : {}),
          ...(number(stale) !== null ? { contactPointStaleDays: number(stale) } : {}),
        }
      : { acknowledgeWithinMinutes: number(acknowledge), adminsAfterMinutes: number(admins) };
    change.mutate(body, { onSuccess: () => setStatus(t('alertingTimings.saved')) });
  };
  return (
    <section aria-labelledby="alerting-timings-heading" className="panel">
      <h2 id="alerting-timings-heading">{t('alertingTimings.heading')}</h2>
      <p className="muted">{t(isAdmin ? 'alertingTimings.introPlatform' : 'alertingTimings.introOwn')}</p>
      {timings.isPending ? (
        <Loading />
      ) : timings.error ? (
        <QueryError error={timings.error} onRetry={() => void timings.refetch()} />
      ) : (
        <form className="form" onSubmit={submit} noValidate>
          <div className="form__row">
            <TextField
              label={t('alertingTimings.acknowledgeWithin')}
              hint={
                isAdmin
                  ? undefined
                  : t('alertingTimings.platformValue', {
                      value: timings.data.platform.acknowledgeWithinMinutes,
                    })
              }
              type="number"
              min={1}
              name="acknowledgeWithinMinutes"
              value={acknowledge}
              onChange={(e) => setAcknowledge(e.target.value)}
            />
            <TextField
              label={t('alertingTimings.adminsAfter')}
              hint={
                isAdmin
                  ? undefined
                  : t('alertingTimings.platformValue', { value: timings.data.platform.adminsAfterMinutes })
              }
              type="number"
              min={1}
              name="adminsAfterMinutes"
              value={admins}
              onChange={(e) => setAdmins(e.target.value)}
            />
            {isAdmin ? (
              <TextField
                label={t('alertingTimings.staleDays')}
                type="number"
                min={1}
                name="contactPointStaleDays"
                value={stale}
                onChange={(e) => setStale(e.target.value)}
              />
            ) : null}
          </div>
          <ErrorMessage message={change.error ? errorText(change.error) : null} />
          <StatusMessage message={status} />
          <div className="form__actions">
            <button type="submit" className="button button--primary" disabled={change.isPending}>
              {t('common.save')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
