import { useTranslation } from 'react-i18next';
import type { IncidentAssistance } from '../../api/assistance.js';
import { DateTime } from '../DateTime.js';

/**
 * Capacity offered to the incident as a whole, with what is left of it: parts are accepted against requests, and
 * come back when the help they gave is demobilised.
 */
export function StandingOffers({ offers }: { offers: IncidentAssistance['standingOffers'] }) {
  const { t } = useTranslation();
  if (offers.length === 0) return null;
  return (
    <section aria-labelledby="standing-offers-heading">
      <h3 id="standing-offers-heading">{t('assistance.standingTitle')}</h3>
      <ul className="plain-list" data-testid="standing-offers">
        {offers.map((offer) => (
          <li key={offer.id}>
            <strong>
              {offer.relayedBy
                ? t('assistance.relayed', { country: offer.offeringCountry, by: offer.relayedBy })
                : offer.offeringCountry}
            </strong>
            : {offer.what} · {t(`assistance.categories.${offer.category}`)} ·{' '}
            <span data-testid="standing-left">
              {t('assistance.standingLeft', {
                remaining: offer.remaining,
                quantity: offer.quantity,
                unit: offer.unit,
              })}
            </span>{' '}
            · {t('assistance.availableFrom')} <DateTime value={offer.availableFrom} />
          </li>
        ))}
      </ul>
    </section>
  );
}
