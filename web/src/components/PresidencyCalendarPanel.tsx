import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.js';
import { useAddPresidencyTerm, usePresidencyCalendar } from '../api/presidency.js';
import { useFormat } from '../i18n/useFormat.js';
import { TextField } from './fields.js';
import { ErrorMessage, Loading, QueryError, StatusMessage, useErrorText } from './Messages.js';

/**
 * The Council Presidency calendar, for platform administrators: who holds office for the platform, when the
 * calendar runs out (warned a year before), and the next term to add once the Council has decided it (audited).
 */
export function PresidencyCalendarPanel() {
  const { t } = useTranslation();
  const format = useFormat();
  const errorText = useErrorText();
  const calendar = usePresidencyCalendar();
  const add = useAddPresidencyTerm();
  const [state, setState] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  const [errors, setErrors] = useState<{ term?: string; state?: string; other?: string }>({});

  if (calendar.isPending) return <Loading />;
  if (calendar.error) return <QueryError error={calendar.error} onRetry={() => void calendar.refetch()} />;
  const data = calendar.data;
  const term = data.nextTerm ?? '';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setErrors({});
    setStatus(null);
    add.mutate(
      { term, state: state.trim() },
      {
        onSuccess: () => {
          setStatus(
            t('presidencyCalendar.added', { term, state: format.organisation(state.trim().toUpperCase()) }),
          );
          setState('');
        },
        onError: (failure) => {
          if (failure instanceof ApiError && (failure.field === 'term' || failure.field === 'state'))
            setErrors({ [failure.field]: failure.fieldMessage });
          else setErrors({ other: errorText(failure) });
        },
      },
    );
  };

  return (
    <section aria-labelledby="presidency-calendar-heading" className="panel">
      <h2 id="presidency-calendar-heading">{t('presidencyCalendar.heading')}</h2>
      <p>
        {data.holder.memberState
          ? t('presidencyCalendar.holder', {
              state: format.organisation(data.holder.memberState),
              term: data.holder.term ?? '',
            })
          : t('presidencyCalendar.vacant')}
      </p>
      {data.runsOutAt ? (
        <p
          className={data.runningOut ? 'notice notice--warning' : undefined}
          role={data.runningOut ? 'status' : undefined}
        >
          {t(data.runningOut ? 'presidencyCalendar.runningOut' : 'presidencyCalendar.runsOut', {
            date: format.dateTime(data.runsOutAt),
          })}
        </p>
      ) : null}
      <table className="table">
        <caption className="visually-hidden">{t('presidencyCalendar.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('presidencyCalendar.term')}</th>
            <th scope="col">{t('presidencyCalendar.state')}</th>
            <th scope="col">{t('presidencyCalendar.starts')}</th>
          </tr>
        </thead>
        <tbody>
          {data.calendar.map((row) => (
            <tr key={row.term} aria-current={row.term === data.holder.term ? 'true' : undefined}>
              <td>{row.term}</td>
              <td>{format.organisation(row.memberState)}</td>
              <td>{format.dateTime(row.startsAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form onSubmit={submit} className="form form--inline" aria-labelledby="presidency-add-heading">
        <h3 id="presidency-add-heading">{t('presidencyCalendar.addHeading', { term })}</h3>
        <StatusMessage message={status} />
        <ErrorMessage message={errors.other ?? errors.term ?? null} />
        <TextField
          label={t('presidencyCalendar.stateLabel')}
          hint={t('presidencyCalendar.stateHint', { term })}
          error={errors.state}
          value={state}
          maxLength={2}
          autoComplete="off"
          required
          onChange={(event) => setState(event.target.value)}
        />
        <button type="submit" className="button" disabled={add.isPending || !term}>
          {t('presidencyCalendar.add', { term })}
        </button>
      </form>
    </section>
  );
}
