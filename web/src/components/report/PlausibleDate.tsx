import { useTranslation } from 'react-i18next';
import { CheckboxField } from '../fields.js';
import { localInputToIso } from './localTime.js';

/** Ahead of the clock by more than this is a slip (a wrong year, a zone mixed up) more often than a fact. */
const FUTURE_MARGIN_MS = 5 * 60_000;
const YEAR_MS = 365 * 24 * 3600_000;

export type Implausibility = 'future' | 'longPast';

/** Why an occurrence time looks wrong, or null when it looks right (or is not a time yet). */
export function implausibility(value: string, now: number): Implausibility | null {
  const iso = value.trim() ? localInputToIso(value) : null;
  if (!iso) return null;
  const at = Date.parse(iso);
  if (at > now + FUTURE_MARGIN_MS) return 'future';
  if (at < now - YEAR_MS) return 'longPast';
  return null;
}

/** A warning the author confirms rather than a refusal: late reports of old events do happen. */
export function DateWarning({
  problem,
  confirmed,
  onConfirm,
}: {
  problem: Implausibility;
  confirmed: boolean;
  onConfirm: (confirmed: boolean) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="notice notice--warning" data-testid="date-warning">
      <p>
        <span aria-hidden="true" className="notice__icon">
          ⚠
        </span>
        {t(`report.when.implausible.${problem}`)}
      </p>
      <CheckboxField
        label={t('report.when.implausible.confirm')}
        name="occurredAtConfirmed"
        checked={confirmed}
        onChange={(event) => onConfirm(event.target.checked)}
      />
    </div>
  );
}
