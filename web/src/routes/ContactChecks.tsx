import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import {
  type ContactCheck,
  useAcknowledgeContactCheck,
  useContactCheck,
  useContactChecks,
  useOpenContactChecks,
  useScheduleContactCheck,
} from '../api/roll-call.js';
import { useElapsed } from '../components/alerting/RollCallPanel.js';
import { DateTime } from '../components/DateTime.js';
import { TextField } from '../components/fields.js';
import { ErrorMessage, Loading, QueryError, StatusMessage, useErrorText } from '../components/Messages.js';
import { OrganisationPicker, useParticipatingOrganisations } from '../components/OrganisationPicker.js';
import { Page } from '../components/Page.js';
import { useSession } from '../components/session.js';
import { useFormat } from '../i18n/useFormat.js';

function CheckReport({ check }: { check: ContactCheck }) {
  const { t } = useTranslation();
  const format = useFormat();
  const elapsed = useElapsed();
  return (
    <table className="table contact-check-report">
      <caption className="visually-hidden">{t('contactChecks.reportCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('contactChecks.organisation')}</th>
          <th scope="col">{t('contactChecks.reached')}</th>
          <th scope="col">{t('contactChecks.channel')}</th>
          <th scope="col">{t('contactChecks.howFast')}</th>
          <th scope="col">{t('contactChecks.messages')}</th>
        </tr>
      </thead>
      <tbody>
        {check.results.map((r) => (
          <tr key={r.organisation} data-organisation={r.organisation}>
            <th scope="row">{format.organisation(r.organisation)}</th>
            <td>
              {r.reached ? (
                <>
                  <strong>{t('contactChecks.yes')}</strong> · {r.acknowledgedBy} ·{' '}
                  <DateTime value={r.acknowledgedAt} />
                </>
              ) : r.sentAt ? (
                <span className="missing">{t('contactChecks.notYet')}</span>
              ) : (
                <span className="muted">{t('contactChecks.notSent')}</span>
              )}
            </td>
            <td>{r.channel ? t(`rollCall.channel.${r.channel}`, { defaultValue: r.channel }) : ''}</td>
            <td>{r.secondsToAcknowledge !== null ? elapsed(r.secondsToAcknowledge) : ''}</td>
            <td>
              <ul className="plain-list">
                {r.deliveries.map((d) => (
                  <li key={d.id}>
                    <span className="tag">
                      {t(`rollCall.channel.${d.channel}`, { defaultValue: d.channel })}
                    </span>{' '}
                    {d.channel === 'in-app' ? format.organisation(d.recipient) : d.recipient}
                    {d.state === 'sent' ? null : ` (${t(`rollCall.state.${d.state}`)})`}
                  </li>
                ))}
              </ul>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function AnswerButton({
  check,
  via,
  onAnswered,
}: {
  check: ContactCheck;
  via?: string | undefined;
  onAnswered?: (name: string) => void;
}) {
  const { t } = useTranslation();
  const me = useSession();
  const acknowledge = useAcknowledgeContactCheck();
  const errorText = useErrorText();
  const own = check.results.find((r) => r.organisation === me.organisation.id);
  if (!own?.sentAt) return null;
  if (own.reached)
    return <p role="status">{t('contactChecks.answered', { name: own.acknowledgedBy ?? '' })}</p>;
  return (
    <div className="stack">
      <button
        type="button"
        className="button button--primary"
        disabled={acknowledge.isPending}
        onClick={() =>
          acknowledge.mutate(
            { id: check.id, via },
            {
              onSuccess: (answered) =>
                onAnswered?.(
                  answered.results.find((r) => r.organisation === me.organisation.id)?.acknowledgedBy ?? '',
                ),
            },
          )
        }
      >
        {t('contactChecks.acknowledge')}
      </button>
      <ErrorMessage message={acknowledge.error ? errorText(acknowledge.error) : null} />
    </div>
  );
}

function ScheduleForm({ scope }: { scope: 'all' | 'own' }) {
  const { t } = useTranslation();
  const me = useSession();
  const schedule = useScheduleContactCheck();
  const errorText = useErrorText();
  const everyone = useParticipatingOrganisations();
  const [organisations, setOrganisations] = useState<string[]>(scope === 'own' ? [me.organisation.id] : []);
  const [runAt, setRunAt] = useState('');
  const [repeat, setRepeat] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    const days = Number.parseInt(repeat, 10);
    schedule.mutate(
      {
        organisations,
        ...(runAt ? { runAt: new Date(runAt).toISOString() } : {}),
        ...(Number.isFinite(days) && days > 0 ? { repeatEveryDays: days } : {}),
      },
      { onSuccess: () => setDone(t('contactChecks.scheduled')) },
    );
  };
  return (
    <form className="form panel" onSubmit={submit} aria-labelledby="schedule-check-heading" noValidate>
      <h2 id="schedule-check-heading">{t('contactChecks.schedule')}</h2>
      {scope === 'all' ? (
        <OrganisationPicker
          legend={t('contactChecks.whom')}
          selected={organisations}
          onChange={setOrganisations}
          presets={[
            { id: 'everyone', label: t('contactChecks.everyone'), organisations: everyone.map((o) => o.id) },
          ]}
        />
      ) : (
        <p>{t('contactChecks.ownOnly')}</p>
      )}
      <div className="form__row">
        <TextField
          label={t('contactChecks.runAt')}
          hint={t('contactChecks.runAtHint')}
          type="datetime-local"
          name="runAt"
          value={runAt}
          onChange={(e) => setRunAt(e.target.value)}
        />
        <TextField
          label={t('contactChecks.repeat')}
          hint={t('contactChecks.repeatHint')}
          type="number"
          name="repeatEveryDays"
          min={1}
          max={365}
          value={repeat}
          onChange={(e) => setRepeat(e.target.value)}
        />
      </div>
      <ErrorMessage message={schedule.error ? errorText(schedule.error) : null} />
      <StatusMessage message={done} />
      <div className="form__actions">
        <button
          type="submit"
          className="button button--primary"
          disabled={schedule.isPending || organisations.length === 0}
        >
          {t('contactChecks.send')}
        </button>
      </div>
    </form>
  );
}

/** Checks waiting for an answer from the reader's organisation, with the button that gives it. */
export function OpenContactChecks() {
  const { t } = useTranslation();
  const format = useFormat();
  const open = useOpenContactChecks();
  // The answer takes the check off the list; the confirmation stays until the page is left.
  const [answered, setAnswered] = useState<string | null>(null);
  const items = open.data?.items ?? [];
  if (items.length === 0 && answered === null) return null;
  return (
    <section aria-labelledby="open-checks-heading" className="panel panel--attention">
      <h2 id="open-checks-heading">{t('contactChecks.openTitle')}</h2>
      <StatusMessage message={answered} />
      {items.length > 0 ? <p>{t('contactChecks.openIntro')}</p> : null}
      <ul className="plain-list stack">
        {items.map((check) => (
          <li key={check.id}>
            {t('contactChecks.from', { organisation: format.organisation(check.scheduledBy) })} ·{' '}
            <DateTime value={check.sentAt} />{' '}
            <AnswerButton
              check={check}
              onAnswered={(name) => setAnswered(t('contactChecks.answered', { name }))}
            />
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ContactChecks() {
  const { t } = useTranslation();
  const format = useFormat();
  const checks = useContactChecks();
  const scope = checks.data?.abilities.schedule ?? 'none';
  return (
    <Page title={t('contactChecks.title')}>
      <p className="lead">{t('contactChecks.intro')}</p>
      <OpenContactChecks />
      {scope !== 'none' ? <ScheduleForm scope={scope} /> : null}
      <section aria-labelledby="check-history-heading">
        <h2 id="check-history-heading">{t('contactChecks.history')}</h2>
        {checks.isPending ? (
          <Loading />
        ) : checks.error ? (
          <QueryError error={checks.error} onRetry={() => void checks.refetch()} />
        ) : checks.data.items.length === 0 ? (
          <p className="empty">{t('contactChecks.none')}</p>
        ) : (
          <ul className="plain-list stack">
            {checks.data.items.map((check) => {
              const reached = check.results.filter((r) => r.reached).length;
              return (
                <li key={check.id}>
                  <Link to={`/contact-checks/${check.id}`}>
                    {t('contactChecks.checkOf', { organisation: format.organisation(check.scheduledBy) })}
                  </Link>{' '}
                  · <DateTime value={check.sentAt ?? check.runAt} /> ·{' '}
                  {check.sentAt
                    ? t('contactChecks.reachedCount', { reached, total: check.results.length })
                    : t('contactChecks.pending')}
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </Page>
  );
}

/** One check's report; the link in a check e-mail leads here, carrying the message it came through. */
export function ContactCheckView() {
  const { t } = useTranslation();
  const format = useFormat();
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const check = useContactCheck(id);
  return (
    <Page title={t('contactChecks.reportTitle')}>
      <p>
        <Link to="/contact-checks">{t('contactChecks.back')}</Link>
      </p>
      {check.isPending ? (
        <Loading />
      ) : check.error ? (
        <QueryError error={check.error} onRetry={() => void check.refetch()} />
      ) : (
        <>
          <p className="lead">
            {t('contactChecks.checkOf', { organisation: format.organisation(check.data.scheduledBy) })} ·{' '}
            <DateTime value={check.data.sentAt ?? check.data.runAt} />
          </p>
          <AnswerButton check={check.data} via={params.get('via') ?? undefined} />
          <CheckReport check={check.data} />
        </>
      )}
    </Page>
  );
}
