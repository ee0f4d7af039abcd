import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '../api/client.js';
import {
  FOLLOW_UP_STATUSES,
  type FollowUp,
  type FollowUpFilter,
  type FollowUpStatus,
  type RecommendationForUs,
  useRecommendationsForUs,
  useRecordFollowUp,
} from '../api/recommendations-for-us.js';
import { DateTime } from '../components/DateTime.js';
import { SelectField, TextAreaField } from '../components/fields.js';
import { ErrorMessage, Loading, QueryError, StatusMessage, useErrorText } from '../components/Messages.js';
import { Page } from '../components/Page.js';
import { ExerciseTag } from '../components/StatusBadge.js';
import { useSession } from '../components/session.js';
import { TlpMarking } from '../components/Tlp.js';
import { useFormat } from '../i18n/useFormat.js';

const FILTERS: readonly FollowUpFilter[] = ['none', ...FOLLOW_UP_STATUSES];

/**
 * Recommendations for us: what post-incident reports distributed to the reader's organisation ask of it, and what
 * it does with each. The server lists only what the reader may see and says who may record follow-up.
 */
export function RecommendationsForUs() {
  const { t } = useTranslation();
  const format = useFormat();
  const me = useSession();
  const [filter, setFilter] = useState<FollowUpFilter | null>(null);
  const list = useRecommendationsForUs(filter);
  return (
    <Page title={t('forUs.title')}>
      <p>{t('forUs.intro', { organisation: format.organisation(me.organisation.id) })}</p>
      <div className="form">
        <SelectField
          label={t('forUs.filter')}
          value={filter ?? ''}
          onChange={(e) => setFilter(e.target.value === '' ? null : (e.target.value as FollowUpFilter))}
        >
          <option value="">{t('forUs.filterAll')}</option>
          {FILTERS.map((f) => (
            <option key={f} value={f}>
              {t(`forUs.filterBy.${f}`)}
            </option>
          ))}
        </SelectField>
      </div>
      {list.isPending ? <Loading /> : null}
      {list.error ? <QueryError error={list.error} onRetry={() => list.refetch()} /> : null}
      {list.data?.items.length === 0 ? (
        <p className="muted" data-testid="for-us-empty">
          {filter === null ? t('forUs.empty') : t('forUs.emptyFiltered')}
        </p>
      ) : null}
      {list.data && list.data.items.length > 0 ? (
        <ul className="stack" aria-label={t('forUs.title')}>
          {list.data.items.map((item) => (
            <Item key={item.id} item={item} />
          ))}
        </ul>
      ) : null}
    </Page>
  );
}

function FollowUpLine({ followUp }: { followUp: FollowUp }) {
  const { t } = useTranslation();
  return (
    <>
      <strong>{t(`forUs.status.${followUp.status}`)}</strong> — {followUp.note}{' '}
      <span className="muted">
        ({followUp.recordedBy.name}, <DateTime value={followUp.recordedAt} />)
      </span>
    </>
  );
}

function Item({ item }: { item: RecommendationForUs }) {
  const { t } = useTranslation();
  const earlier = item.history.slice(0, -1);
  return (
    <li
      className={item.overdue ? 'panel action action--overdue' : 'panel action'}
      data-testid="recommendation-for-us"
    >
      <p>
        <strong>{item.text}</strong>{' '}
        <span className="badge">{t(`afterAction.recommendations.status.${item.status}`)}</span>
        {item.overdue ? (
          <span className="badge badge--alert"> {t('afterAction.recommendations.overdue')}</span>
        ) : null}
      </p>
      <p className="muted">{t('afterAction.recommendations.due', { date: item.dueDate })}</p>
      <p>
        <TlpMarking marking={item.report.marking} /> {t('forUs.report', { title: item.report.title })}{' '}
        <span className="muted">
          ({t('forUs.distributedAt')} <DateTime value={item.report.distributedAt} />)
        </span>
      </p>
      <p>
        {t('forUs.incident')}{' '}
        <Link to={`/incidents/${encodeURIComponent(item.incident.id)}`}>{item.incident.title}</Link>
        {item.incident.exercise ? (
          <>
            {' '}
            <ExerciseTag />
          </>
        ) : null}
      </p>
      <p data-testid="follow-up">
        {t('forUs.followUp')}:{' '}
        {item.followUp ? <FollowUpLine followUp={item.followUp} /> : t('forUs.noFollowUp')}
      </p>
      {earlier.length > 0 ? (
        <details>
          <summary>{t('forUs.history', { count: earlier.length })}</summary>
          <ul>
            {earlier.map((f) => (
              <li key={f.id}>
                <FollowUpLine followUp={f} />
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {item.abilities.recordFollowUp ? <FollowUpForm item={item} /> : null}
    </li>
  );
}

function FollowUpForm({ item }: { item: RecommendationForUs }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const record = useRecordFollowUp();
  const [status, setStatus] = useState<FollowUpStatus>(item.followUp?.status ?? 'planned');
  const [note, setNote] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const failure = record.error;
  const noteError = isApiError(failure) && failure.field === 'note' ? errorText(failure) : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    record.mutate(
      { id: item.id, status, note },
      {
        onSuccess: () => {
          setNote('');
          setMessage(t('forUs.recorded'));
        },
      },
    );
  };
  return (
    <form className="form stack" onSubmit={submit} aria-label={t('forUs.formLabel', { text: item.text })}>
      <SelectField
        label={t('forUs.statusField')}
        value={status}
        onChange={(e) => setStatus(e.target.value as FollowUpStatus)}
      >
        {FOLLOW_UP_STATUSES.map((s) => (
          <option key={s} value={s}>
            {t(`forUs.status.${s}`)}
          </option>
        ))}
      </SelectField>
      <TextAreaField
        label={t('forUs.note')}
        hint={t('forUs.noteHint')}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        error={noteError}
        required
        rows={3}
      />
      <button type="submit" className="button button--primary" disabled={record.isPending}>
        {t('forUs.record')}
      </button>
      <StatusMessage message={message} />
      <ErrorMessage message={failure && !noteError ? errorText(failure) : null} />
    </form>
  );
}
