import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.js';
import type { Incident } from '../../api/types.js';
import {
  type Consultation,
  POSITIONS,
  type Position,
  useDecide,
  useGiveAdvice,
  useGivePosition,
  useOpenConsultation,
} from '../../api/workflow.js';
import { useFormat } from '../../i18n/useFormat.js';
import { DateTime } from '../DateTime.js';
import { TextAreaField } from '../fields.js';
import { ErrorMessage, StatusMessage, useErrorText } from '../Messages.js';
import { localInputFromNow, localInputToIso } from '../report/localTime.js';
import { LocalDateTimeField } from '../report/ReportFields.js';
import { useActingOrganisation, useCountdown, useNow, useStateList } from './common.js';

const POSITION_SHAPES: Record<Position, string> = { yes: '✔', no: '✘', abstain: '–' };

function useOutcome() {
  const { t } = useTranslation();
  return (c: Consultation) => {
    if (!c.decision) return null;
    const counts = { yes: c.decision.yes, of: c.decision.of };
    return c.decision.agreed
      ? t('workflow.consultation.agreed', counts)
      : c.decision.decision === 'yes'
        ? t('workflow.consultation.notAgreedStates', counts)
        : t('workflow.consultation.notAgreedPresidency', counts);
  };
}

/**
 * Positions of the consulted states, one row each, and of states significantly affected since (the server takes
 * their positions too); a state that has not answered says so.
 */
function Positions({ consultation, affected }: { consultation: Consultation; affected: readonly string[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <table className="table table--compact positions">
      <caption className="visually-hidden">{t('workflow.consultation.positions')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('workflow.consultation.state')}</th>
          <th scope="col">{t('workflow.consultation.position')}</th>
          <th scope="col">{t('workflow.consultation.comment')}</th>
          <th scope="col">{t('workflow.consultation.when')}</th>
        </tr>
      </thead>
      <tbody>
        {[
          ...new Set([
            ...consultation.consulted,
            ...(consultation.open ? affected : []),
            ...consultation.positions.map((p) => p.memberState),
          ]),
        ].map((state) => {
          const given = consultation.positions.find((p) => p.memberState === state);
          return (
            <tr key={state}>
              <th scope="row">{format.organisation(state)}</th>
              <td>
                {given ? (
                  <span className={`position position--${given.position}`}>
                    <span aria-hidden="true">{POSITION_SHAPES[given.position]} </span>
                    {t(`workflow.consultation.answer.${given.position}`)}
                  </span>
                ) : (
                  <span className="muted">{t('workflow.consultation.noAnswer')}</span>
                )}
              </td>
              <td>{given?.comment ?? ''}</td>
              <td>{given ? <DateTime value={given.at} /> : null}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function OpenConsultationForm({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const open = useOpenConsultation(incident.id);
  const [deadline, setDeadline] = useState(() => localInputFromNow(4));
  const [question, setQuestion] = useState(() => t('workflow.consultation.defaultQuestion'));
  const [errors, setErrors] = useState<{ deadline?: string; question?: string }>({});
  const [failure, setFailure] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const iso = localInputToIso(deadline);
    if (!iso) {
      setErrors({ deadline: t('report.problem.invalidTime') });
      return;
    }
    if (Date.parse(iso) <= Date.now()) {
      setErrors({ deadline: t('workflow.consultation.deadlinePast') });
      return;
    }
    setErrors({});
    open.mutate(
      { deadline: iso, ...(question.trim() ? { question: question.trim() } : {}) },
      {
        onError: (error) => {
          if (isApiError(error) && (error.field === 'deadline' || error.field === 'question'))
            setErrors({ [error.field]: error.fieldMessage });
          else setFailure(errorText(error));
        },
      },
    );
  };
  return (
    <form className="form workflow-form" onSubmit={submit} noValidate>
      <h3 className="h-small">{t('workflow.consultation.openHeading')}</h3>
      <ErrorMessage message={failure} />
      <div className="form__row">
        <LocalDateTimeField
          label={t('workflow.consultation.deadline')}
          hint={t('workflow.consultation.deadlineHint')}
          field="deadline"
          error={errors.deadline}
          value={deadline}
          onChange={setDeadline}
        />
        <TextAreaField
          label={t('workflow.consultation.question')}
          error={errors.question}
          rows={3}
          maxLength={2000}
          value={question}
          onChange={(event) => setQuestion(event.target.value)}
        />
      </div>
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={open.isPending}>
          {open.isPending ? t('common.working') : t('workflow.consultation.open')}
        </button>
      </div>
    </form>
  );
}

function PositionForm({
  incident,
  consultation,
  own,
}: {
  incident: Incident;
  consultation: Consultation;
  own: string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const errorText = useErrorText();
  const give = useGivePosition(incident.id);
  const given = consultation.positions.find((p) => p.memberState === own);
  const [position, setPosition] = useState<Position | null>(null);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    setDone(null);
    if (!position) {
      setError(t('workflow.consultation.choosePosition'));
      return;
    }
    setError(null);
    give.mutate(
      { consultationId: consultation.id, position, ...(comment.trim() ? { comment: comment.trim() } : {}) },
      {
        onSuccess: () => {
          setDone(
            t('workflow.consultation.positionGiven', {
              position: t(`workflow.consultation.answer.${position}`),
            }),
          );
          setPosition(null);
          setComment('');
        },
        onError: (failed) => setFailure(errorText(failed)),
      },
    );
  };
  return (
    <form className="form workflow-form" onSubmit={submit} noValidate>
      <fieldset className={`choice-group${error ? ' choice-group--invalid' : ''}`}>
        <legend>
          {given
            ? t('workflow.consultation.changePosition', {
                state: format.organisation(own),
                position: t(`workflow.consultation.answer.${given.position}`),
              })
            : t('workflow.consultation.yourPosition', { state: format.organisation(own) })}
        </legend>
        {error ? (
          <p className="field__error">
            <span aria-hidden="true">⚠ </span>
            {error}
          </p>
        ) : null}
        <ul className="choice-group__options choice-group__options--row">
          {POSITIONS.map((value) => (
            <li key={value}>
              <label className={`position-choice position-choice--${value}`}>
                <input
                  type="radio"
                  name={`position-${consultation.id}`}
                  value={value}
                  checked={position === value}
                  onChange={() => setPosition(value)}
                />
                <span aria-hidden="true">{POSITION_SHAPES[value]} </span>
                {t(`workflow.consultation.answer.${value}`)}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <TextAreaField
        label={t('workflow.consultation.comment')}
        optional
        rows={2}
        maxLength={5000}
        value={comment}
        onChange={(event) => setComment(event.target.value)}
      />
      <StatusMessage message={done} />
      <ErrorMessage message={failure} />
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={give.isPending}>
          {give.isPending ? t('common.working') : t('workflow.consultation.givePosition')}
        </button>
      </div>
    </form>
  );
}

function AdviceForm({ incident, consultation }: { incident: Incident; consultation: Consultation }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const give = useGiveAdvice(incident.id);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    if (!text.trim()) {
      setError(t('form.required'));
      return;
    }
    setError(null);
    give.mutate(
      { consultationId: consultation.id, text: text.trim() },
      { onSuccess: () => setText(''), onError: (failed) => setFailure(errorText(failed)) },
    );
  };
  return (
    <form className="form workflow-form" onSubmit={submit} noValidate>
      <TextAreaField
        label={t('workflow.consultation.adviceLabel')}
        hint={t('workflow.consultation.adviceHint')}
        error={error}
        rows={3}
        maxLength={20000}
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
      <ErrorMessage message={failure} />
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={give.isPending}>
          {give.isPending ? t('common.working') : t('workflow.consultation.giveAdvice')}
        </button>
      </div>
    </form>
  );
}

function DecisionForm({ incident, consultation }: { incident: Incident; consultation: Consultation }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const decide = useDecide(incident.id);
  const [decision, setDecision] = useState<'yes' | 'no' | null>(null);
  const [rationale, setRationale] = useState('');
  const [errors, setErrors] = useState<{ decision?: string; rationale?: string }>({});
  const [failure, setFailure] = useState<string | null>(null);
  const of = incident.assessment.significantlyAffected.length;
  const yes = incident.assessment.significantlyAffected.filter((state) =>
    consultation.positions.some((p) => p.memberState === state && p.position === 'yes'),
  ).length;
  const majority = of > 0 && yes * 2 > of;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const found: typeof errors = {};
    if (!decision) found.decision = t('workflow.consultation.chooseDecision');
    if (!rationale.trim()) found.rationale = t('form.required');
    setErrors(found);
    if (!decision || !rationale.trim()) return;
    decide.mutate(
      { consultationId: consultation.id, decision, rationale: rationale.trim() },
      { onError: (failed) => setFailure(errorText(failed)) },
    );
  };
  return (
    <form className="form workflow-form" onSubmit={submit} noValidate>
      <h3 className="h-small">{t('workflow.consultation.decideHeading')}</h3>
      <p className={`notice${majority ? '' : ' notice--warning'}`}>
        {majority
          ? t('workflow.consultation.majority', { yes, of })
          : t('workflow.consultation.noMajority', { yes, of })}
      </p>
      <fieldset className={`choice-group${errors.decision ? ' choice-group--invalid' : ''}`}>
        <legend>{t('workflow.consultation.decisionLegend')}</legend>
        {errors.decision ? (
          <p className="field__error">
            <span aria-hidden="true">⚠ </span>
            {errors.decision}
          </p>
        ) : null}
        <ul className="choice-group__options choice-group__options--row">
          {(['yes', 'no'] as const).map((value) => (
            <li key={value}>
              <label className={`position-choice position-choice--${value}`}>
                <input
                  type="radio"
                  name={`decision-${consultation.id}`}
                  value={value}
                  checked={decision === value}
                  onChange={() => setDecision(value)}
                />
                <span aria-hidden="true">{POSITION_SHAPES[value]} </span>
                {t(`workflow.consultation.decision.${value}`)}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <TextAreaField
        label={t('workflow.consultation.rationale')}
        error={errors.rationale}
        rows={3}
        maxLength={20000}
        value={rationale}
        onChange={(event) => setRationale(event.target.value)}
      />
      <ErrorMessage message={failure} />
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={decide.isPending}>
          {decide.isPending ? t('common.working') : t('workflow.consultation.recordDecision')}
        </button>
      </div>
    </form>
  );
}

function ConsultationView({ incident, consultation }: { incident: Incident; consultation: Consultation }) {
  const { t } = useTranslation();
  const format = useFormat();
  const now = useNow();
  const countdown = useCountdown();
  const outcome = useOutcome();
  const organisation = useActingOrganisation();
  const deadline = countdown(consultation.deadline, now);
  // Who may answer, advise and decide comes from the server's rules (incident.abilities).
  const consulted = incident.abilities.givePosition;
  const yes = consultation.positions.filter((p) => p.position === 'yes').length;
  const merged = incident.mergedInto !== null;
  return (
    <div className={`consultation${consultation.open ? ' consultation--open' : ''}`}>
      <p className="consultation__question">
        <span className="entry__label">{t('workflow.consultation.questionAsked')}</span>{' '}
        <q>{consultation.question}</q>
      </p>
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
            <DateTime value={consultation.deadline} />{' '}
            {consultation.open ? (
              <span className={`countdown${deadline.passed ? ' countdown--passed' : ''}`}>
                {deadline.passed ? <span aria-hidden="true">⚠ </span> : null}
                {deadline.text}
              </span>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>{t('workflow.consultation.tally')}</dt>
          <dd>{t('workflow.consultation.tallyValue', { yes, of: consultation.consulted.length })}</dd>
        </div>
      </dl>
      {consultation.decision ? (
        <div className={`decision decision--${consultation.decision.agreed ? 'agreed' : 'not-agreed'}`}>
          <p className="decision__outcome" data-testid="consultation-outcome">
            <span aria-hidden="true">{consultation.decision.agreed ? '✔ ' : '✘ '}</span>
            {outcome(consultation)}
          </p>
          <p>
            {t('workflow.consultation.decidedBy', {
              decision: t(`workflow.consultation.decision.${consultation.decision.decision}`),
            })}{' '}
            <DateTime value={consultation.decision.at} />
          </p>
          <p className="entry__text">
            <strong>{t('workflow.consultation.rationale')}:</strong> {consultation.decision.rationale}
          </p>
        </div>
      ) : null}
      <Positions consultation={consultation} affected={incident.assessment.significantlyAffected} />
      {consultation.advice.length > 0 ? (
        <div className="consultation__advice">
          <h3 className="h-small">{t('workflow.consultation.advice')}</h3>
          <ul className="plain-list">
            {consultation.advice.map((advice) => (
              <li key={`${advice.at}-${advice.by}`}>
                <strong>{format.organisation(advice.organisation)}</strong> (<DateTime value={advice.at} />
                ): {advice.text}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {consultation.open && !merged ? (
        <>
          {consulted && organisation && !deadline.passed ? (
            <PositionForm incident={incident} consultation={consultation} own={organisation} />
          ) : null}
          {consulted && deadline.passed ? (
            <p className="muted">{t('workflow.consultation.tooLate')}</p>
          ) : null}
          {incident.abilities.giveAdvice ? (
            <AdviceForm incident={incident} consultation={consultation} />
          ) : null}
          {incident.abilities.decideConsultation ? (
            <DecisionForm incident={incident} consultation={consultation} />
          ) : null}
        </>
      ) : null}
    </div>
  );
}

/**
 * The Presidency's consultation on whether coordination at Union level is needed (T3): opened with a deadline,
 * answered by the significantly affected states, advised by the Commission (ERCC), decided by the Presidency.
 */
export function ConsultationPanel({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const format = useFormat();
  const list = useStateList();
  const { consultations } = incident;
  const decisionRequired = incident.assessment.status === 'decision-required';
  if (!decisionRequired && consultations.length === 0) return null;
  const latest = consultations.at(-1);
  const earlier = consultations.slice(0, -1).reverse();
  const canOpen =
    incident.abilities.openConsultation && decisionRequired && !latest?.open && incident.mergedInto === null;
  const presidency = incident.presidency
    ? format.organisation(incident.presidency)
    : t('workflow.noPresidency');
  return (
    <section aria-labelledby="consultation-heading" className="panel consultation-panel">
      <h2 id="consultation-heading">{t('workflow.consultation.heading')}</h2>
      {!latest ? (
        <p>
          {t('workflow.consultation.none', {
            presidency,
            states: list(incident.assessment.significantlyAffected),
          })}
        </p>
      ) : null}
      {latest ? <ConsultationView incident={incident} consultation={latest} /> : null}
      {latest && !latest.open && decisionRequired ? (
        <p className="muted">{t('workflow.consultation.again')}</p>
      ) : null}
      {canOpen ? <OpenConsultationForm incident={incident} /> : null}
      {earlier.length > 0 ? (
        <details className="consultation__earlier">
          <summary>{t('workflow.consultation.earlier', { count: earlier.length })}</summary>
          {earlier.map((c) => (
            <ConsultationView key={c.id} incident={incident} consultation={c} />
          ))}
        </details>
      ) : null}
    </section>
  );
}
