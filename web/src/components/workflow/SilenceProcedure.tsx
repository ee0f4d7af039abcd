import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.js';
import type { Incident } from '../../api/types.js';
import {
  type ConsultationStep,
  type Proposal,
  type SilenceProcedure,
  useConsultationStep,
  useOpenConsultation,
  useRequestConsultation,
} from '../../api/workflow.js';
import { useFormat } from '../../i18n/useFormat.js';
import { DateTime } from '../DateTime.js';
import { TextAreaField, TextField } from '../fields.js';
import { ErrorMessage, StatusMessage, useErrorText } from '../Messages.js';
import { localInputFromNow, localInputToIso } from '../report/localTime.js';
import { LocalDateTimeField } from '../report/ReportFields.js';
import { AskedAvailability, ConsultedWhileStretched } from '../response/AskedAvailability.js';
import { useActingOrganisation, useCountdown, useNow, useStateList } from './common.js';

const PROPOSALS: readonly Proposal[] = ['coordinate', 'do-not-coordinate'];

/** The outcome of a concluded procedure in words. */
function useOutcomeText() {
  const { t } = useTranslation();
  const list = useStateList();
  return (c: SilenceProcedure): string | null => {
    const conclusion = c.conclusion;
    if (!conclusion) return null;
    if (conclusion.outcome === 'agreed') return t('workflow.silence.outcome.agreed');
    if (conclusion.outcome === 'declined') return t('workflow.silence.outcome.declined');
    return conclusion.standingObjections.length > 0
      ? t('workflow.silence.outcome.not-agreed', { states: list(conclusion.standingObjections) })
      : t('workflow.silence.outcome.notProposed');
  };
}

/** The Presidency opens a silence procedure: its proposal, the deadline, and the minimum for states consulted later. */
export function OpenSilenceProcedureForm({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const list = useStateList();
  const errorText = useErrorText();
  const open = useOpenConsultation(incident.id);
  const [proposal, setProposal] = useState<Proposal>('coordinate');
  const [deadline, setDeadline] = useState(() => localInputFromNow(4));
  const [minimumHours, setMinimumHours] = useState('2');
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<{ deadline?: string; minimum?: string }>({});
  const [failure, setFailure] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const iso = localInputToIso(deadline);
    const hours = Number(minimumHours);
    const found: typeof errors = {};
    if (!iso) found.deadline = t('report.problem.invalidTime');
    else if (Date.parse(iso) <= Date.now()) found.deadline = t('workflow.consultation.deadlinePast');
    if (!Number.isFinite(hours) || hours < 0 || hours > 14 * 24)
      found.minimum = t('workflow.silence.minimumInvalid');
    setErrors(found);
    if (!iso || found.deadline || found.minimum) return;
    open.mutate(
      {
        proposal,
        deadline: iso,
        lateJoinerMinimumMinutes: Math.round(hours * 60),
        ...(text.trim() ? { text: text.trim() } : {}),
      },
      {
        onError: (error) => {
          if (isApiError(error) && error.field === 'deadline') setErrors({ deadline: error.fieldMessage });
          else setFailure(errorText(error));
        },
      },
    );
  };
  return (
    <form className="form workflow-form" onSubmit={submit} noValidate>
      <h3 className="h-small">{t('workflow.silence.openHeading')}</h3>
      <p className="muted">
        {t('workflow.silence.openHint', { states: list(incident.assessment.significantlyAffected) })}
      </p>
      <AskedAvailability states={incident.assessment.significantlyAffected} />
      <ErrorMessage message={failure} />
      <fieldset className="choice-group">
        <legend>{t('workflow.silence.proposalLegend')}</legend>
        <ul className="choice-group__options choice-group__options--row">
          {PROPOSALS.map((value) => (
            <li key={value}>
              <label className="position-choice">
                <input
                  type="radio"
                  name="proposal"
                  value={value}
                  checked={proposal === value}
                  onChange={() => setProposal(value)}
                />
                {t(`workflow.silence.proposal.${value}`)}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <div className="form__row">
        <LocalDateTimeField
          label={t('workflow.consultation.deadline')}
          hint={t('workflow.silence.deadlineHint')}
          field="deadline"
          error={errors.deadline}
          value={deadline}
          onChange={setDeadline}
        />
        <TextField
          label={t('workflow.silence.minimum')}
          hint={t('workflow.silence.minimumHint')}
          error={errors.minimum}
          type="number"
          min={0}
          step={0.5}
          inputMode="decimal"
          value={minimumHours}
          onChange={(event) => setMinimumHours(event.target.value)}
        />
      </div>
      <TextAreaField
        label={t('workflow.silence.reasoning')}
        optional
        rows={3}
        maxLength={20000}
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={open.isPending}>
          {open.isPending ? t('common.working') : t('workflow.silence.open')}
        </button>
      </div>
    </form>
  );
}

/** An affected state asks the Presidency to consult; the Presidency is alerted. */
export function RequestConsultationForm({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const format = useFormat();
  const errorText = useErrorText();
  const request = useRequestConsultation(incident.id);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    if (!text.trim()) {
      setError(t('form.required'));
      return;
    }
    setError(null);
    request.mutate(text.trim(), {
      onSuccess: () => {
        setText('');
        setDone(
          t('workflow.silence.requested', {
            presidency: incident.presidency
              ? format.organisation(incident.presidency)
              : t('workflow.noPresidency'),
          }),
        );
      },
      onError: (failed) => setFailure(errorText(failed)),
    });
  };
  return (
    <form className="form workflow-form" onSubmit={submit} noValidate>
      <h3 className="h-small">{t('workflow.silence.requestHeading')}</h3>
      <TextAreaField
        label={t('workflow.silence.requestLabel')}
        error={error}
        rows={2}
        maxLength={20000}
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
      <StatusMessage message={done} />
      <ErrorMessage message={failure} />
      <div className="form__actions">
        <button type="submit" className="button" disabled={request.isPending}>
          {request.isPending ? t('common.working') : t('workflow.silence.request')}
        </button>
      </div>
    </form>
  );
}

/** A text and one or more buttons, each posting one step of the procedure with that text. */
function StepForm({
  incident,
  consultation,
  label,
  required,
  actions,
}: {
  incident: Incident;
  consultation: SilenceProcedure;
  label: string;
  /** Steps whose text may not be empty, with the message saying why. */
  required: Partial<Record<ConsultationStep, string>>;
  actions: ReadonlyArray<{ step: ConsultationStep; label: string; primary?: boolean }>;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const post = useConsultationStep(incident.id);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const send = (step: ConsultationStep) => {
    setFailure(null);
    setDone(null);
    const missing = required[step];
    if (missing && !text.trim()) {
      setError(missing);
      return;
    }
    setError(null);
    const body = step === 'objections' ? { reason: text.trim() } : text.trim() ? { text: text.trim() } : {};
    post.mutate(
      { consultationId: consultation.id, step, ...body },
      {
        onSuccess: () => {
          setText('');
          setDone(t('workflow.silence.answered'));
        },
        onError: (failed) => setFailure(errorText(failed)),
      },
    );
  };
  return (
    <form className="form workflow-form" onSubmit={(event) => event.preventDefault()} noValidate>
      <TextAreaField
        label={label}
        error={error}
        rows={2}
        maxLength={20000}
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
      <StatusMessage message={done} />
      <ErrorMessage message={failure} />
      <div className="form__actions">
        {actions.map((action) => (
          <button
            key={action.step}
            type="button"
            className={`button${action.primary ? ' button--primary' : ''}`}
            disabled={post.isPending}
            onClick={() => send(action.step)}
          >
            {action.label}
          </button>
        ))}
      </div>
    </form>
  );
}

/** Who was consulted, until when, and what each answered; silence is consent. */
function Answers({
  consultation,
  affected,
}: {
  consultation: SilenceProcedure;
  affected: readonly string[];
}) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <table className="table table--compact positions">
      <caption className="visually-hidden">{t('workflow.silence.answer')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('workflow.silence.state')}</th>
          <th scope="col">{t('workflow.silence.answer')}</th>
          <th scope="col">{t('workflow.consultation.comment')}</th>
          <th scope="col">{t('workflow.silence.ownDeadline')}</th>
        </tr>
      </thead>
      <tbody>
        {consultation.consulted.map((consulted) => {
          const given = consultation.answers.find((a) => a.memberState === consulted.memberState);
          const counts = affected.includes(consulted.memberState);
          return (
            <tr key={consulted.memberState} data-testid={`consulted-${consulted.memberState}`}>
              <th scope="row">{format.organisation(consulted.memberState)}</th>
              <td>
                {given ? (
                  <span className={`position position--${given.answer === 'consent' ? 'yes' : 'no'}`}>
                    <span aria-hidden="true">{given.answer === 'consent' ? '✔ ' : '✘ '}</span>
                    {t(`workflow.silence.${given.answer}`)}
                  </span>
                ) : (
                  <span className="muted">{t('workflow.silence.silent')}</span>
                )}
                {!counts && given?.answer === 'objection' ? (
                  <span className="muted"> ({t('workflow.silence.notCounted')})</span>
                ) : null}
              </td>
              <td>{given?.text ?? ''}</td>
              <td>
                <DateTime value={consulted.deadline} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** One silence procedure: the proposal, the consulted states' answers, views and advice, and the outcome. */
export function SilenceProcedureView({
  incident,
  consultation,
}: {
  incident: Incident;
  consultation: SilenceProcedure;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const now = useNow();
  const countdown = useCountdown();
  const outcome = useOutcomeText();
  const organisation = useActingOrganisation();
  const remaining = countdown(consultation.lastDeadline, now);
  // Every button comes from the server's rules (incident.abilities): the web decides nothing itself.
  const can = incident.abilities;
  const live = consultation.open && incident.mergedInto === null;
  const conclusion = consultation.conclusion;
  return (
    <div className={`consultation${consultation.open ? ' consultation--open' : ''}`}>
      <p className="consultation__question">
        <span className="entry__label">{t('workflow.silence.proposes')}</span>{' '}
        <strong>{t(`workflow.silence.proposal.${consultation.proposal}`)}</strong>
      </p>
      {consultation.text ? <p className="entry__text">{consultation.text}</p> : null}
      <dl className="facts facts--compact">
        <div>
          <dt>{t('workflow.consultation.openedBy')}</dt>
          <dd>
            {format.organisation(consultation.openedBy)}, <DateTime value={consultation.openedAt} />
          </dd>
        </div>
        <div>
          <dt>{t('workflow.consultation.deadline')}</dt>
          <dd>
            <DateTime value={consultation.deadline} />
          </dd>
        </div>
        {consultation.open ? (
          <div>
            <dt>{t('workflow.silence.lastDeadline')}</dt>
            <dd>
              <DateTime value={consultation.lastDeadline} />{' '}
              <span className={`countdown${remaining.passed ? ' countdown--passed' : ''}`}>
                {remaining.text}
              </span>
            </dd>
          </div>
        ) : null}
      </dl>
      {conclusion ? (
        <div className={`decision decision--${conclusion.agreed ? 'agreed' : 'not-agreed'}`}>
          <p className="decision__outcome" data-testid="consultation-outcome">
            <span aria-hidden="true">{conclusion.agreed ? '✔ ' : '✘ '}</span>
            {outcome(consultation)}
          </p>
          <p>
            {conclusion.by
              ? t('workflow.silence.byPresidency', { by: format.organisation(conclusion.by) })
              : t('workflow.silence.byPlatform')}{' '}
            <DateTime value={conclusion.at} />
          </p>
          {conclusion.text ? <p className="entry__text">{conclusion.text}</p> : null}
        </div>
      ) : null}
      <Answers consultation={consultation} affected={incident.assessment.significantlyAffected} />
      {live ? <AskedAvailability states={consultation.consulted.map((c) => c.memberState)} /> : null}
      {consultation.withdrawnObjections.length > 0 ? (
        <ul className="plain-list muted">
          {consultation.withdrawnObjections.map((w) => (
            <li key={`${w.memberState}-${w.withdrawnAt}`}>
              {t('workflow.silence.withdrawn', {
                state: format.organisation(w.memberState),
                reason: w.reason,
              })}{' '}
              <DateTime value={w.withdrawnAt} />
            </li>
          ))}
        </ul>
      ) : null}
      {consultation.views.length > 0 || consultation.advice.length > 0 ? (
        <div className="consultation__advice">
          <h3 className="h-small">{t('workflow.silence.views')}</h3>
          <ul className="plain-list">
            {[
              ...consultation.advice.map((a) => ({ ...a, advice: true })),
              ...consultation.views.map((v) => ({ ...v, advice: false })),
            ].map((v) => (
              <li key={`${v.at}-${v.organisation}`}>
                <strong>{format.organisation(v.organisation)}</strong>
                {v.advice ? ` (${t('workflow.consultation.advice')})` : ''} (<DateTime value={v.at} />
                ): {v.text}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {live && can.answerConsultation && organisation ? (
        <ConsultedWhileStretched state={organisation} />
      ) : null}
      {live && can.answerConsultation && organisation ? (
        <StepForm
          incident={incident}
          consultation={consultation}
          label={`${t('workflow.silence.yourAnswer', { state: format.organisation(organisation) })} — ${t('workflow.silence.reasonLabel')}`}
          required={{ objections: t('workflow.silence.reasonRequired') }}
          actions={[
            { step: 'consent', label: t('workflow.silence.giveConsent'), primary: true },
            { step: 'objections', label: t('workflow.silence.object') },
            ...(can.withdrawObjection
              ? [{ step: 'objection-withdrawal' as const, label: t('workflow.silence.withdraw') }]
              : []),
          ]}
        />
      ) : null}
      {live && can.giveAdvice ? (
        <StepForm
          incident={incident}
          consultation={consultation}
          label={t('workflow.consultation.adviceLabel')}
          required={{ advice: t('form.required') }}
          actions={[{ step: 'advice', label: t('workflow.consultation.giveAdvice'), primary: true }]}
        />
      ) : live && can.addConsultationView && !can.answerConsultation && !can.declineConsultation ? (
        <StepForm
          incident={incident}
          consultation={consultation}
          label={t('workflow.silence.viewLabel')}
          required={{ views: t('form.required') }}
          actions={[{ step: 'views', label: t('workflow.silence.addView') }]}
        />
      ) : null}
      {live && can.concludeConsultation ? (
        <StepForm
          incident={incident}
          consultation={consultation}
          label={`${t('workflow.silence.concludeHint')} ${t('workflow.consultation.rationale')}`}
          required={{}}
          actions={[{ step: 'conclusion', label: t('workflow.silence.conclude'), primary: true }]}
        />
      ) : null}
      {live && can.declineConsultation ? (
        <StepForm
          incident={incident}
          consultation={consultation}
          label={t('workflow.silence.declineLabel')}
          required={{ decline: t('form.required') }}
          actions={[{ step: 'decline', label: t('workflow.silence.decline') }]}
        />
      ) : null}
    </div>
  );
}
