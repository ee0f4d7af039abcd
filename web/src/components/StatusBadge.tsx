import { useTranslation } from 'react-i18next';
import { ASSESSMENT_STATUSES, type AssessmentStatus } from '../api/types.js';

/** A shape as well as a colour, and always the words: the status never depends on colour alone. */
const ICONS: Record<AssessmentStatus, string> = {
  applies: '▲',
  'decision-required': '◆',
  'below-threshold': '▽',
  'out-of-scope': '○',
};

function isStatus(value: string): value is AssessmentStatus {
  return (ASSESSMENT_STATUSES as readonly string[]).includes(value);
}

export function StatusBadge({ status, large }: { status: string; large?: boolean }) {
  const { t } = useTranslation();
  const known = isStatus(status);
  return (
    <span className={`badge status status--${known ? status : 'unknown'}${large ? ' badge--large' : ''}`}>
      <span aria-hidden="true" className="badge__icon">
        {known ? ICONS[status] : '?'}
      </span>
      {known ? t(`status.${status}`) : status}
    </span>
  );
}

export function ExerciseTag() {
  const { t } = useTranslation();
  return <span className="badge exercise">{t('incidents.exerciseTag')}</span>;
}
