import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/useFormat.js';

/** The platform's handover note at the change of term: from whom to whom, and what passes with it. */
export function HandoverNote({ body }: { body: Record<string, unknown> }) {
  const { t } = useTranslation();
  const format = useFormat();
  const name = (value: unknown) =>
    typeof value === 'string' && value ? format.organisation(value) : t('entries.handover.nobody');
  const open = Array.isArray(body.openConsultations) ? body.openConsultations.length : 0;
  const addressed = typeof body.addressedToPresidency === 'number' ? body.addressedToPresidency : 0;
  return (
    <>
      <p className="entry__text">
        {t('entries.handover.passes', {
          from: name(body.from),
          to: name(body.to),
          term: typeof body.term === 'string' ? body.term : '—',
        })}
      </p>
      <ul className="entry__list">
        <li>{t('entries.handover.open', { count: open })}</li>
        <li>{t('entries.handover.addressed', { count: addressed, to: name(body.to) })}</li>
      </ul>
    </>
  );
}
