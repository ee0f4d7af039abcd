import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { meetingCalendarPath, useConveneMeeting, useMeetings } from '../../api/response.js';
import { useFormat } from '../../i18n/useFormat.js';
import { DateTime } from '../DateTime.js';
import { SelectField, TextAreaField, TextField } from '../fields.js';
import { ErrorMessage, Loading, QueryError, StatusMessage, useErrorText } from '../Messages.js';
import { TlpMarking } from '../Tlp.js';
import { RoundtablePackLinks } from './IsaaPanel.js';
import { MeetingOutcome } from './MeetingOutcome.js';

function ConveneForm({ incidentId }: { incidentId: string }) {
  const { t } = useTranslation();
  const convene = useConveneMeeting(incidentId);
  const errorText = useErrorText();
  const [title, setTitle] = useState('');
  const [format, setFormat] = useState('technical-call');
  const [startsAt, setStartsAt] = useState('');
  const [endsAt, setEndsAt] = useState('');
  const [invited, setInvited] = useState('');
  const [agenda, setAgenda] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    convene.mutate(
      {
        title,
        format,
        startsAt: new Date(startsAt).toISOString(),
        endsAt: new Date(endsAt).toISOString(),
        agenda,
        invited: invited
          .split(/[\s,]+/)
          .map((o) => o.trim().toUpperCase())
          .filter(Boolean),
      },
      { onSuccess: () => setDone(t('response.meetings.convened', { title })) },
    );
  };
  return (
    <form onSubmit={submit} className="stack" aria-labelledby="new-meeting-heading">
      <h3 id="new-meeting-heading">{t('response.meetings.new')}</h3>
      <TextField
        label={t('response.meetings.title')}
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        required
      />
      <SelectField
        label={t('response.meetings.format')}
        value={format}
        onChange={(e) => setFormat(e.target.value)}
      >
        {(['ipcr-roundtable', 'technical-call', 'other'] as const).map((f) => (
          <option key={f} value={f}>
            {t(`response.meetings.formats.${f}`)}
          </option>
        ))}
      </SelectField>
      <TextField
        label={t('response.meetings.startsAt')}
        type="datetime-local"
        value={startsAt}
        onChange={(e) => setStartsAt(e.target.value)}
        required
      />
      <TextField
        label={t('response.meetings.endsAt')}
        type="datetime-local"
        value={endsAt}
        onChange={(e) => setEndsAt(e.target.value)}
        required
      />
      <TextField
        label={t('response.meetings.invited')}
        hint={t('response.meetings.invitedHint')}
        value={invited}
        onChange={(e) => setInvited(e.target.value)}
        required
      />
      <TextAreaField
        label={t('response.meetings.agenda')}
        value={agenda}
        onChange={(e) => setAgenda(e.target.value)}
        optional
      />
      <button type="submit" className="button button--primary" disabled={convene.isPending}>
        {t('response.meetings.convene')}
      </button>
      <ErrorMessage message={convene.error ? errorText(convene.error) : null} />
      <StatusMessage message={done} />
    </form>
  );
}

/** The incident's meetings the reader may see, each with its calendar file, minutes and what was decided there. */
export function MeetingsPanel({ incidentId }: { incidentId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const query = useMeetings(incidentId);
  if (query.isPending) return <Loading />;
  if (query.error) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const { items, abilities } = query.data;
  return (
    <section aria-labelledby="meetings-heading" className="panel" data-testid="meetings-panel">
      <h2 id="meetings-heading">{t('response.meetings.heading')}</h2>
      {items.length === 0 ? (
        <p className="muted">{t('response.meetings.empty')}</p>
      ) : (
        <ul className="plain-list">
          {items.map((m) => (
            <li key={m.id}>
              <p>
                <strong>{m.title}</strong> <TlpMarking marking={m.marking} />{' '}
                <span className="badge">{t(`response.meetings.formats.${m.format}`)}</span>
              </p>
              <p className="muted">
                <DateTime value={m.startsAt} /> – <DateTime value={m.endsAt} /> ·{' '}
                {t('response.meetings.convenedBy', {
                  organisation: format.organisation(m.convenedBy.organisation),
                })}
                {' · '}
                {t('response.meetings.invitedList', {
                  organisations: m.invited.map((o) => format.organisation(o)).join(', '),
                })}
              </p>
              {m.agenda ? <p className="pre-wrap">{m.agenda}</p> : null}
              {m.minutes ? (
                <p className="pre-wrap">
                  {t('response.meetings.minutes')}: {m.minutes.text}
                </p>
              ) : null}
              <p className="muted">
                {t('response.meetings.outcome', {
                  decisions: m.decisionIds.length,
                  actions: m.actionIds.length,
                })}
              </p>
              <MeetingOutcome incidentId={incidentId} meeting={m} />
              <p>
                <a href={meetingCalendarPath(incidentId, m.id)} download>
                  {t('response.meetings.calendar', { title: m.title })}
                </a>
              </p>
              <RoundtablePackLinks incidentId={incidentId} meeting={m} />
            </li>
          ))}
        </ul>
      )}
      {abilities.convene ? <ConveneForm incidentId={incidentId} /> : null}
    </section>
  );
}
