import { useTranslation } from 'react-i18next';
import { useAvailability } from '../../api/response.js';
import { useFormat } from '../../i18n/useFormat.js';

/**
 * Beside an ask to several states (a consultation, a confirmation request): the availability for EU asks of those
 * among them that said it is not normal, with their note, so whoever asks sees it before choosing deadlines. Shown
 * for information only; the server's availability list is read as it stands, and nothing here changes the ask.
 */
export function AskedAvailability({
  states,
  testId,
  silence = true,
}: {
  states: readonly string[];
  testId?: string;
  /** Whether the ask counts silence (a consultation, a confirmation); a request to contribute does not. */
  silence?: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const stretched = (useAvailability().data?.items ?? []).filter(
    (a) => states.includes(a.memberState) && a.availability !== 'normal',
  );
  if (stretched.length === 0) return null;
  return (
    <div className="notice notice--warning" data-testid={testId ?? 'asked-availability'}>
      <p>{t('response.asked.heading')}</p>
      <ul className="plain-list">
        {stretched.map((a) => (
          <li key={a.memberState}>
            <strong>{format.organisation(a.memberState)}</strong>:{' '}
            {t(`response.availabilityForm.options.${a.availability}`)}
            {a.note ? ` — ${a.note}` : ''}
          </li>
        ))}
      </ul>
      {silence ? <p className="muted">{t('response.asked.silence')}</p> : null}
    </div>
  );
}

/**
 * To a consulted state that said it takes only urgent EU asks: the consultation runs for it as for everyone, and its
 * silence by its deadline is counted as the procedure counts silence. Availability is never consent by itself.
 */
export function ConsultedWhileStretched({ state }: { state: string }) {
  const { t } = useTranslation();
  const own = useAvailability().data?.items.find((a) => a.memberState === state);
  if (own?.availability !== 'only-urgent') return null;
  return (
    <p className="notice notice--warning" data-testid="consulted-while-stretched">
      {t('response.asked.consultedOnlyUrgent')}
    </p>
  );
}
