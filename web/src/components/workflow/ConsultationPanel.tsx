import { useTranslation } from 'react-i18next';
import type { Incident } from '../../api/types.js';
import type { Consultation, MajorityConsultation, Position } from '../../api/workflow.js';
import { useFormat } from '../../i18n/useFormat.js';
import { DateTime } from '../DateTime.js';
import { ConsultationRequests } from './ConsultationRequests.js';
import { useStateList } from './common.js';
import {
  OpenSilenceProcedureForm,
  RequestConsultationForm,
  SilenceProcedureView,
} from './SilenceProcedure.js';

const POSITION_SHAPES: Record<Position, string> = { yes: '✔', no: '✘', abstain: '–' };

function useOutcome() {
  const { t } = useTranslation();
  return (c: MajorityConsultation) => {
    if (!c.decision) return null;
    const counts = { yes: c.decision.yes, of: c.decision.of };
    return c.decision.agreed
      ? t('workflow.consultation.agreed', counts)
      : c.decision.decision === 'yes'
        ? t('workflow.consultation.notAgreedStates', counts)
        : t('workflow.consultation.notAgreedPresidency', counts);
  };
}

/** Positions of the consulted states under the earlier rule, one row each; a state that did not answer says so. */
function Positions({ consultation }: { consultation: MajorityConsultation }) {
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
        {[...new Set([...consultation.consulted, ...consultation.positions.map((p) => p.memberState)])].map(
          (state) => {
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
          },
        )}
      </tbody>
    </table>
  );
}

/** A consultation recorded under the earlier majority rule: history, read only. */
function MajorityConsultationView({ consultation }: { consultation: MajorityConsultation }) {
  const { t } = useTranslation();
  const format = useFormat();
  const outcome = useOutcome();
  const yes = consultation.positions.filter((p) => p.position === 'yes').length;
  return (
    <div className="consultation">
      <p className="muted">{t('workflow.silence.legacy')}</p>
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
            <DateTime value={consultation.deadline} />
          </dd>
        </div>
        <div>
          <dt>{t('workflow.consultation.tally')}</dt>
          <dd>{t('workflow.consultation.tallyValue', { yes, of: consultation.consulted.length })}</dd>
        </div>
      </dl>
      {consultation.decision ? (
        <div className={`decision decision--${consultation.decision.agreed ? 'agreed' : 'not-agreed'}`}>
          <p className="decision__outcome">
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
      <Positions consultation={consultation} />
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
    </div>
  );
}

function ConsultationView({ incident, consultation }: { incident: Incident; consultation: Consultation }) {
  return consultation.procedure === 'silence' ? (
    <SilenceProcedureView incident={incident} consultation={consultation} />
  ) : (
    <MajorityConsultationView consultation={consultation} />
  );
}

/**
 * The Presidency's consultation on whether coordination at Union level is needed (T3), a silence procedure: opened
 * with a proposal and a deadline, the significantly affected states consulted (silence is consent, an objection
 * gives its reason), advised by the Commission (ERCC), concluded by the platform at the last deadline.
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
      {incident.abilities.openConsultation && !latest?.open ? (
        <ConsultationRequests incident={incident} />
      ) : null}
      {canOpen ? <OpenSilenceProcedureForm incident={incident} /> : null}
      {incident.abilities.requestConsultation && decisionRequired && incident.mergedInto === null ? (
        <RequestConsultationForm incident={incident} />
      ) : null}
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
