import { type FormEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Meeting, useDecisions, useRecordMinutes } from '../../api/response.js';
import { TextAreaField } from '../fields.js';
import { ErrorMessage, StatusMessage, useErrorText } from '../Messages.js';
import { NewActionForm, NewDecisionForm } from './DecisionsPanel.js';

/** The convener writes the minutes; saving again replaces them, as the server keeps the latest minutes only. */
function MinutesForm({ incidentId, meeting }: { incidentId: string; meeting: Meeting }) {
  const { t } = useTranslation();
  const record = useRecordMinutes(incidentId);
  const errorText = useErrorText();
  const [minutes, setMinutes] = useState(meeting.minutes?.text ?? '');
  const [done, setDone] = useState<string | null>(null);
  useEffect(() => setMinutes(meeting.minutes?.text ?? ''), [meeting.minutes?.text]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    record.mutate(
      { meetingId: meeting.id, minutes },
      { onSuccess: () => setDone(t('response.fromMeeting.minutesSaved', { title: meeting.title })) },
    );
  };
  return (
    <form onSubmit={submit} className="stack">
      <TextAreaField
        label={t('response.fromMeeting.minutesLabel', { title: meeting.title })}
        hint={meeting.minutes ? t('response.fromMeeting.minutesReplace') : undefined}
        value={minutes}
        onChange={(e) => setMinutes(e.target.value)}
        rows={4}
        maxLength={20000}
        required
      />
      <button type="submit" className="button" disabled={record.isPending}>
        {t('response.fromMeeting.saveMinutes')}
      </button>
      <ErrorMessage message={record.error ? errorText(record.error) : null} />
      <StatusMessage message={done} />
    </form>
  );
}

/**
 * What came out of a meeting, by title among what the reader may see, and (as the server's abilities allow) the
 * minutes form for the convener and the forms that record a decision or an action as taken at this meeting.
 */
export function MeetingOutcome({ incidentId, meeting }: { incidentId: string; meeting: Meeting }) {
  const { t } = useTranslation();
  const listId = useId();
  const decisions = useDecisions(incidentId).data;
  const taken = (decisions?.decisions ?? []).filter((d) => meeting.decisionIds.includes(d.id));
  const created = (decisions?.actions ?? []).filter((a) => meeting.actionIds.includes(a.id));
  const abilities = decisions?.abilities;
  return (
    <div className="meeting-outcome" data-testid="meeting-outcome">
      {taken.length + created.length > 0 ? (
        <>
          <p id={listId} className="h-small">
            {t('response.fromMeeting.heading')}
          </p>
          <ul className="plain-list" aria-labelledby={listId}>
            {taken.map((d) => (
              <li key={d.id}>
                <span className="badge">{t(`response.decisions.levels.${d.level}`)}</span> {d.what}
              </li>
            ))}
            {created.map((a) => (
              <li key={a.id}>
                <span className="badge">{t(`response.actions.status.${a.status}`)}</span> {a.title}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {meeting.abilities.recordMinutes ? <MinutesForm incidentId={incidentId} meeting={meeting} /> : null}
      {abilities?.recordDecision || abilities?.createAction ? (
        <details>
          <summary>{t('response.fromMeeting.record', { title: meeting.title })}</summary>
          {abilities.recordDecision ? (
            <NewDecisionForm incidentId={incidentId} meetingId={meeting.id} />
          ) : null}
          {abilities.createAction ? (
            <NewActionForm
              incidentId={incidentId}
              meetingId={meeting.id}
              decisionIds={taken.map((d) => ({ id: d.id, what: d.what }))}
            />
          ) : null}
        </details>
      ) : null}
    </div>
  );
}
