import { useTranslation } from 'react-i18next';
import type { Incident } from '../../api/types.js';
import type { OwnLevel } from '../../api/workflow.js';
import { useFormat } from '../../i18n/useFormat.js';
import { canWriteEntries, useSession } from '../session.js';

/** The member state the reader acts for, when they are a coordinator of one. */
export function useOwnMemberState(): string | null {
  const me = useSession();
  return canWriteEntries(me) && me.organisation.kind === 'member-state' ? me.organisation.id : null;
}

/** The reader's organisation when they may act for it in the workflow (coordinators of participants). */
export function useActingOrganisation(): string | null {
  const me = useSession();
  return canWriteEntries(me) ? me.organisation.id : null;
}

/** A state's own level as the assessment counts it, or null when it has not assessed itself. */
export function ownLevelOf(incident: Pick<Incident, 'assessment'>, state: string): OwnLevel | null {
  const { assessment } = incident;
  if (assessment.significantlyAffected.includes(state)) return 'significant';
  if (assessment.minorlyAffected.includes(state)) return 'minor';
  if (assessment.ownAssessments.includes(state)) return 'none';
  return null;
}

export { useNow } from '../picture/time.js';

/** "3 h 05 min left" / "closed 20 min ago", in the reader's language. */
export function useCountdown() {
  const { t } = useTranslation();
  return (deadline: string, now: number): { text: string; passed: boolean } => {
    const ms = Date.parse(deadline) - now;
    const passed = ms <= 0;
    const minutes = Math.max(0, Math.round(Math.abs(ms) / 60_000));
    const days = Math.floor(minutes / 1440);
    const hours = Math.floor((minutes % 1440) / 60);
    const rest = minutes % 60;
    const span =
      days > 0
        ? t('workflow.duration.days', { days, hours })
        : hours > 0
          ? t('workflow.duration.hours', { hours, minutes: String(rest).padStart(2, '0') })
          : t('workflow.duration.minutes', { minutes: rest });
    return {
      text: passed ? t('workflow.countdown.passed', { span }) : t('workflow.countdown.left', { span }),
      passed,
    };
  };
}

/** "Finland, Estonia and Latvia" by name, or "none". */
export function useStateList() {
  const { t } = useTranslation();
  const format = useFormat();
  return (codes: readonly string[]) =>
    codes.length === 0 ? t('incident.none') : format.list(codes.map((code) => format.organisation(code)));
}
