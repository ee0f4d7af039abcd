import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Incident } from '../../api/types.js';
import { OWN_LEVELS, type OwnLevel, useGiveOwnAssessment } from '../../api/workflow.js';
import { useFormat } from '../../i18n/useFormat.js';
import { useVocabulary } from '../../i18n/vocabulary.js';
import { ErrorMessage, StatusMessage, useErrorText } from '../Messages.js';
import { ownLevelOf, useOwnMemberState } from './common.js';

const SHAPES: Record<OwnLevel, string> = { significant: '▲', minor: '△', none: '○' };

/**
 * A member state's own assessment in one click: significant, minor or none. The level given now is shown as
 * pressed; the buttons say the level in words and with a shape, never by colour alone.
 */
export function OwnAssessmentButtons({
  incidentId,
  memberState,
  current,
  label,
  compact,
  onDone,
}: {
  incidentId: string;
  memberState: string;
  current: OwnLevel | null;
  /** Names the group for assistive technology, e.g. "Estonia's own assessment". */
  label: string;
  compact?: boolean;
  /** Told once the assessment is recorded (the notification asking for it then goes away). */
  onDone?: (message: string) => void;
}) {
  const { t } = useTranslation();
  const words = useVocabulary();
  const errorText = useErrorText();
  const give = useGiveOwnAssessment();
  const [failure, setFailure] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [pending, setPending] = useState<OwnLevel | null>(null);
  const choose = (level: OwnLevel) => {
    setFailure(null);
    setDone(null);
    setPending(level);
    give.mutate(
      { incidentId, memberState, level },
      {
        onSuccess: () => {
          const message = t('workflow.own.recorded', { level: words.level(level) });
          setDone(message);
          onDone?.(message);
        },
        onError: (error) => setFailure(errorText(error)),
        onSettled: () => setPending(null),
      },
    );
  };
  return (
    <div className={`own-assessment__choice${compact ? ' own-assessment__choice--compact' : ''}`}>
      <fieldset className="own-assessment__buttons">
        <legend className="visually-hidden">{label}</legend>
        {OWN_LEVELS.map((level) => (
          <button
            key={level}
            type="button"
            className={`button own-level own-level--${level}${compact ? ' button--small' : ''}`}
            aria-pressed={current === level}
            disabled={give.isPending}
            onClick={() => choose(level)}
          >
            <span aria-hidden="true" className="own-level__shape">
              {SHAPES[level]}
            </span>
            {pending === level ? t('common.working') : t(`workflow.own.level.${level}`)}
          </button>
        ))}
      </fieldset>
      <StatusMessage message={done} />
      <ErrorMessage message={failure} />
    </div>
  );
}

/**
 * On the incident page, for a coordinator of a member state that is named as affected or asked to confirm:
 * where its own assessment stands, and the three buttons.
 */
export function OwnAssessmentPanel({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const format = useFormat();
  const words = useVocabulary();
  const state = useOwnMemberState();
  if (!state || incident.mergedInto) return null;
  const { assessment } = incident;
  const current = ownLevelOf(incident, state);
  const unconfirmed = assessment.unconfirmed.includes(state);
  const named = unconfirmed || current !== null || incident.memberStates.includes(state);
  if (!named) return null;
  const name = format.region(state);
  const heading = t('workflow.own.heading', { state: name });
  // One structure for both looks, so that the buttons (and what they last said) stay put once answered.
  return (
    <section
      aria-labelledby="own-assessment-heading"
      className={`panel own-assessment ${unconfirmed ? 'own-assessment--asked' : 'own-assessment--compact'}`}
    >
      <h2 id="own-assessment-heading" className={unconfirmed ? undefined : 'h-small own-assessment__title'}>
        {heading}
      </h2>
      <p className="own-assessment__now">
        {unconfirmed ? (
          <>
            <span aria-hidden="true" className="own-assessment__flag">
              ⚑{' '}
            </span>
            <strong>{t('workflow.own.asked', { state: name })}</strong>
          </>
        ) : current ? (
          t('workflow.own.current', { state: name, level: words.level(current) })
        ) : (
          t('workflow.own.notYet', { state: name })
        )}
      </p>
      {unconfirmed ? <p className="field__hint">{t('workflow.own.hint')}</p> : null}
      <OwnAssessmentButtons
        incidentId={incident.id}
        memberState={state}
        current={current}
        label={heading}
        compact={!unconfirmed}
      />
    </section>
  );
}
