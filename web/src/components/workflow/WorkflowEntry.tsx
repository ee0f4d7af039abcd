import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useRegistry } from '../../api/hooks.js';
import { strings, text } from '../../api/json.js';
import type { Entry } from '../../api/types.js';
import { POSITIONS, type Position, REPORTING_STAGES, type ReportingStage } from '../../api/workflow.js';
import { useFormat } from '../../i18n/useFormat.js';
import { useVocabulary } from '../../i18n/vocabulary.js';
import { DateTime } from '../DateTime.js';
import { SILENCE_PROCEDURE_ENTRY_KINDS, SilenceProcedureEntry } from './SilenceProcedureEntry.js';

/** Log entries of the Blueprint workflow that this component puts into words. */
export const WORKFLOW_ENTRY_KINDS = [
  'update',
  'activation',
  'activation-joined',
  'deactivation',
  'reopening',
  'consultation-opened',
  'consultation-position',
  'consultation-advice',
  'consultation-decision',
  ...SILENCE_PROCEDURE_ENTRY_KINDS,
  'merge',
  'mechanism',
  'cer-commission-notified',
  'cer-spoc-informed',
  'capacity-overwhelmed',
] as const;

export function isWorkflowEntry(kind: string): boolean {
  return (WORKFLOW_ENTRY_KINDS as readonly string[]).includes(kind);
}

function isStage(value: unknown): value is ReportingStage {
  return typeof value === 'string' && (REPORTING_STAGES as readonly string[]).includes(value);
}

function isPosition(value: unknown): value is Position {
  return typeof value === 'string' && (POSITIONS as readonly string[]).includes(value);
}

const SHAPES: Record<Position, string> = { yes: '✔', no: '✘', abstain: '–' };

/** The words of a workflow entry: who did what, with the decision, the deadline or the stage it carries. */
export function WorkflowEntryContent({ entry }: { entry: Entry }) {
  const { t } = useTranslation();
  const format = useFormat();
  const words = useVocabulary();
  const registry = useRegistry();
  const body = entry.body;
  const by = format.organisation(entry.author.organisation);
  const detail = (label: string, value: string | null): ReactNode =>
    value ? (
      <p className="entry__text">
        <strong>{label}</strong> {value}
      </p>
    ) : null;

  switch (entry.kind) {
    case 'update': {
      const impacts = Array.isArray(body.impacts)
        ? (body.impacts as { memberState?: unknown; level?: unknown }[])
        : [];
      const awareAt = text(body.awareAt);
      return (
        <div className="workflow-entry">
          <p className="workflow-entry__line">
            <span className="tag">
              {isStage(body.stage) ? t(`workflow.stage.${body.stage}`) : t('workflow.stage.other')}
            </span>
          </p>
          {entry.text !== null ? <p className="entry__text">{entry.text}</p> : null}
          {impacts.length > 0 ? (
            <p className="entry__text">
              <strong>{t('workflow.entry.impacts')}</strong>{' '}
              {format.list(
                impacts.map(
                  (impact) =>
                    `${typeof impact.memberState === 'string' ? format.region(impact.memberState) : '?'}: ${
                      typeof impact.level === 'string' ? words.level(impact.level) : '?'
                    }`,
                ),
              )}
            </p>
          ) : null}
          {awareAt ? (
            <p className="entry__text">
              <strong>{t('workflow.entry.awareAt')}</strong> <DateTime value={awareAt} />
            </p>
          ) : null}
        </div>
      );
    }
    case 'activation': {
      const met = strings(body.met);
      const presidency = text(body.presidency);
      return (
        <div className="workflow-entry workflow-entry--highlight">
          <p className="workflow-entry__headline">
            <span aria-hidden="true">▶ </span>
            {t('workflow.entry.activated', { by })}
          </p>
          <p className="entry__text">
            {met.length > 0 ? t('workflow.entry.met', { triggers: format.list(met) }) : ''}{' '}
            {presidency ? t('workflow.entry.informed', { presidency: format.organisation(presidency) }) : ''}
          </p>
        </div>
      );
    }
    case 'activation-joined':
      return (
        <p className="workflow-entry__headline">
          <span aria-hidden="true">▶ </span>
          {t('workflow.entry.joined', { by })}
        </p>
      );
    case 'deactivation':
      return (
        <div className="workflow-entry workflow-entry--highlight">
          <p className="workflow-entry__headline">
            <span aria-hidden="true">□ </span>
            {t('workflow.entry.deactivated', { by })}
          </p>
          {detail(t('workflow.activation.closingSummary'), entry.text)}
        </div>
      );
    case 'reopening':
      return (
        <div className="workflow-entry workflow-entry--highlight">
          <p className="workflow-entry__headline">
            <span aria-hidden="true">▶ </span>
            {t('workflow.entry.reopened', { by })}
          </p>
          {detail(t('workflow.entry.reason'), entry.text)}
        </div>
      );
    case 'consultation-opened': {
      const deadline = text(body.deadline);
      const consulted = strings(body.consulted);
      return (
        <div className="workflow-entry workflow-entry--highlight">
          <p className="workflow-entry__headline">
            {t('workflow.entry.consultationOpened', {
              by,
              states:
                consulted.length > 0
                  ? format.list(consulted.map((code) => format.organisation(code)))
                  : t('incident.none'),
            })}
          </p>
          {text(body.question) ? (
            <p className="entry__text">
              <q>{text(body.question)}</q>
            </p>
          ) : null}
          {deadline ? (
            <p className="entry__text">
              <strong>{t('workflow.consultation.deadline')}:</strong> <DateTime value={deadline} />
            </p>
          ) : null}
        </div>
      );
    }
    case 'consultation-position': {
      const position = isPosition(body.position) ? body.position : null;
      return (
        <div className="workflow-entry">
          <p className="workflow-entry__headline">
            {t('workflow.entry.position', { state: by })}{' '}
            {position ? (
              <span className={`position position--${position}`}>
                <span aria-hidden="true">{SHAPES[position]} </span>
                {t(`workflow.consultation.answer.${position}`)}
              </span>
            ) : null}
          </p>
          {entry.text !== null && entry.text.trim() !== '' ? (
            <p className="entry__text">{entry.text}</p>
          ) : null}
        </div>
      );
    }
    case 'consultation-advice':
      return (
        <div className="workflow-entry">
          <p className="workflow-entry__headline">{t('workflow.entry.advice')}</p>
          {entry.text !== null ? <p className="entry__text">{entry.text}</p> : null}
        </div>
      );
    case 'consultation-decision': {
      const agreed = body.agreed === true;
      const counts = { yes: Number(body.yes ?? 0), of: Number(body.of ?? 0) };
      const decision = body.decision === 'yes' ? 'yes' : 'no';
      return (
        <div className="workflow-entry workflow-entry--highlight">
          <p className="workflow-entry__headline">
            {t('workflow.entry.decided', { by, decision: t(`workflow.consultation.decision.${decision}`) })}
          </p>
          <p className={`decision__outcome decision__outcome--${agreed ? 'agreed' : 'not-agreed'}`}>
            <span aria-hidden="true">{agreed ? '✔ ' : '✘ '}</span>
            {agreed
              ? t('workflow.consultation.agreed', counts)
              : decision === 'yes'
                ? t('workflow.consultation.notAgreedStates', counts)
                : t('workflow.consultation.notAgreedPresidency', counts)}
          </p>
          {detail(`${t('workflow.consultation.rationale')}:`, entry.text)}
        </div>
      );
    }
    case 'merge': {
      const into = text(body.into);
      const duplicateId = text(body.duplicateId);
      if (into && entry.incidentId !== into) {
        return (
          <p className="workflow-entry__headline">
            {t('workflow.entry.mergedInto', { by })}{' '}
            <Link to={`/incidents/${encodeURIComponent(into)}`}>
              {text(body.targetTitle) ?? t('workflow.merged.theOther')}
            </Link>
          </p>
        );
      }
      return (
        <p className="workflow-entry__headline">
          {t('workflow.entry.mergedHere', { by })}{' '}
          {duplicateId ? (
            <Link to={`/incidents/${encodeURIComponent(duplicateId)}`}>
              {text(body.duplicateTitle) ?? t('workflow.merged.theDuplicate')}
            </Link>
          ) : null}
        </p>
      );
    }
    case 'mechanism': {
      const id = text(body.mechanism) ?? '';
      const name = registry.data?.mechanisms.find((m) => m.id === id)?.name ?? id;
      const mode = text(body.mode);
      return (
        <div>
          <p className="workflow-entry__headline">
            {t(
              body.state === 'deactivated'
                ? 'workflow.entry.mechanismStoodDown'
                : 'workflow.entry.mechanismActive',
              {
                by,
                name,
              },
            )}
            {mode ? ` (${t(`workflow.mechanisms.mode.${mode}`, { defaultValue: mode })})` : ''}
            {body.inConsultationWithPresidency === true
              ? ` — ${t('workflow.mechanisms.inConsultation')}`
              : ''}
          </p>
          {detail(`${t('workflow.mechanisms.reference')}:`, text(body.reference))}
          {entry.text ? <p className="entry__text">{entry.text}</p> : null}
        </div>
      );
    }
    case 'cer-commission-notified':
    case 'cer-spoc-informed': {
      const states = strings(entry.kind === 'cer-spoc-informed' ? body.informed : body.memberStates);
      return (
        <div>
          <p className="workflow-entry__headline">
            {t(`workflow.response.step.${entry.kind}`, {
              by,
              states: format.list(states.map((s) => format.region(s))),
            })}
          </p>
          {entry.text ? <p className="entry__text">{entry.text}</p> : null}
        </div>
      );
    }
    case 'capacity-overwhelmed':
      return (
        <div>
          <p className="workflow-entry__headline">
            {t(
              body.overwhelmed === true
                ? 'workflow.entry.capacityOverwhelmed'
                : 'workflow.entry.capacityRecovered',
              {
                by,
              },
            )}
          </p>
          {entry.text ? <p className="entry__text">{entry.text}</p> : null}
        </div>
      );
    default:
      if ((SILENCE_PROCEDURE_ENTRY_KINDS as readonly string[]).includes(entry.kind))
        return <SilenceProcedureEntry entry={entry} />;
      return entry.text !== null ? <p className="entry__text">{entry.text}</p> : null;
  }
}
