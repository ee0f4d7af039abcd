import { useTranslation } from 'react-i18next';
import { strings, text } from '../../api/json.js';
import type { Entry } from '../../api/types.js';
import { useFormat } from '../../i18n/useFormat.js';
import { DateTime } from '../DateTime.js';

/** Log entries of the Presidency's silence procedure that this component puts into words. */
export const SILENCE_PROCEDURE_ENTRY_KINDS = [
  'consultation-requested',
  'silence-procedure-opened',
  'silence-procedure-consulted',
  'silence-procedure-objection',
  'silence-procedure-objection-withdrawn',
  'silence-procedure-consent',
  'silence-procedure-view',
  'silence-procedure-concluded',
] as const;

/** One step of a silence procedure in the log, with the reason or view it carries. */
export function SilenceProcedureEntry({ entry }: { entry: Entry }) {
  const { t } = useTranslation();
  const format = useFormat();
  const body = entry.body;
  const by = format.organisation(entry.author.organisation);
  const said =
    entry.text !== null && entry.text.trim() !== '' ? <p className="entry__text">{entry.text}</p> : null;
  const proposal = body.proposal === 'do-not-coordinate' ? 'do-not-coordinate' : 'coordinate';
  switch (entry.kind) {
    case 'consultation-requested':
      return (
        <div className="workflow-entry">
          <p className="workflow-entry__headline">{t('workflow.silence.entry.requested', { by })}</p>
          {said}
        </div>
      );
    case 'silence-procedure-opened': {
      const consulted = Array.isArray(body.consulted)
        ? (body.consulted as Array<{ memberState?: unknown }>).map((c) => text(c.memberState) ?? '')
        : [];
      const deadline = text(body.deadline);
      return (
        <div className="workflow-entry workflow-entry--highlight">
          <p className="workflow-entry__headline">
            {t('workflow.silence.entry.opened', {
              by,
              states:
                consulted.length > 0
                  ? format.list(consulted.map((c) => format.organisation(c)))
                  : t('incident.none'),
              proposal: t(`workflow.silence.proposal.${proposal}`),
            })}
          </p>
          {said}
          {deadline ? (
            <p className="entry__text">
              <strong>{t('workflow.consultation.deadline')}:</strong> <DateTime value={deadline} />
            </p>
          ) : null}
        </div>
      );
    }
    case 'silence-procedure-consulted': {
      const deadline = text(body.deadline);
      return (
        <p className="workflow-entry__headline">
          {t('workflow.silence.entry.consulted', {
            state: format.organisation(text(body.memberState) ?? ''),
          })}{' '}
          {deadline ? <DateTime value={deadline} /> : null}
        </p>
      );
    }
    case 'silence-procedure-objection':
      return (
        <div className="workflow-entry">
          <p className="workflow-entry__headline">
            <span className="position position--no">
              <span aria-hidden="true">✘ </span>
              {t('workflow.silence.entry.objection', { by })}
            </span>
          </p>
          {said}
        </div>
      );
    case 'silence-procedure-objection-withdrawn':
      return (
        <div className="workflow-entry">
          <p className="workflow-entry__headline">{t('workflow.silence.entry.withdrawn', { by })}</p>
          {said}
        </div>
      );
    case 'silence-procedure-consent':
      return (
        <div className="workflow-entry">
          <p className="workflow-entry__headline">
            <span className="position position--yes">
              <span aria-hidden="true">✔ </span>
              {t('workflow.silence.entry.consent', { by })}
            </span>
          </p>
          {said}
        </div>
      );
    case 'silence-procedure-view':
      return (
        <div className="workflow-entry">
          <p className="workflow-entry__headline">{t('workflow.silence.entry.view', { by })}</p>
          {said}
        </div>
      );
    case 'silence-procedure-concluded': {
      const agreed = body.agreed === true;
      const objections = strings(body.standingObjections);
      const outcome =
        body.outcome === 'agreed'
          ? t('workflow.silence.outcome.agreed')
          : body.outcome === 'declined'
            ? t('workflow.silence.outcome.declined')
            : objections.length > 0
              ? t('workflow.silence.outcome.not-agreed', {
                  states: format.list(objections.map((s) => format.organisation(s))),
                })
              : t('workflow.silence.outcome.notProposed');
      return (
        <div className="workflow-entry workflow-entry--highlight">
          <p className="workflow-entry__headline">
            {t('workflow.silence.entry.concluded')}
            {' — '}
            {body.byPlatform === true
              ? t('workflow.silence.byPlatform')
              : t('workflow.silence.byPresidency', { by })}
          </p>
          <p className={`decision__outcome decision__outcome--${agreed ? 'agreed' : 'not-agreed'}`}>
            <span aria-hidden="true">{agreed ? '✔ ' : '✘ '}</span>
            {outcome}
          </p>
          {said}
        </div>
      );
    }
    default:
      return said;
  }
}
