import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ASSISTANCE_CATEGORIES, type IncidentAssistance, useOfferAssistance } from '../../api/assistance.js';
import { DateTime } from '../DateTime.js';
import { FieldList, optionsOf } from '../FieldList.js';
import { ErrorMessage, useErrorText } from '../Messages.js';
import { initialReach, ResponseReach, reachRequest } from '../response/ResponseReach.js';
import { useSession } from '../session.js';
import { newOffer, offerBody, originFields, quantityInput, termsFields } from './offerFields.js';

/**
 * Capacity offered to the incident as a whole, with what is left of it: parts are accepted against requests of the
 * same category, and come back when the help they gave is demobilised.
 */
export function StandingOffers({
  incidentId,
  offers,
  mayOffer,
  relay,
}: {
  incidentId: string;
  offers: IncidentAssistance['standingOffers'];
  mayOffer: boolean;
  relay: boolean;
}) {
  const { t } = useTranslation();
  if (offers.length === 0 && !mayOffer) return null;
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
            {offer.availableUntil ? (
              <>
                {' '}
                · {t('assistance.availableUntil')} <DateTime value={offer.availableUntil} />
              </>
            ) : null}
          </li>
        ))}
      </ul>
      {mayOffer ? <StandingOfferForm incidentId={incidentId} relay={relay} /> : null}
    </section>
  );
}

function StandingOfferForm({ incidentId, relay }: { incidentId: string; relay: boolean }) {
  const { t } = useTranslation();
  const me = useSession();
  const send = useOfferAssistance(incidentId);
  const errorText = useErrorText();
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState({
    ...newOffer(me.organisation.id, '1'),
    category: ASSISTANCE_CATEGORIES[0] as string,
    unit: '',
  });
  const [reach, setReach] = useState(initialReach);
  if (!open)
    return (
      <button type="button" className="button button--secondary" onClick={() => setOpen(true)}>
        {t('assistance.standingOfferHelp')}
      </button>
    );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!form.availableFrom) return;
    send.mutate(
      { category: form.category, unit: form.unit, ...offerBody(form), ...reachRequest(reach) },
      { onSuccess: () => setOpen(false) },
    );
  };
  return (
    <form onSubmit={submit} className="stack" aria-label={t('assistance.standingOfferHelp')}>
      <FieldList
        values={form}
        onChange={(name, value) => setForm({ ...form, [name]: value })}
        fields={[
          ...originFields(t, form, { relay, ownOption: me.organisation.id }),
          {
            name: 'category',
            kind: 'select',
            label: t('assistance.standingCategory'),
            options: optionsOf(ASSISTANCE_CATEGORIES, (c) => t(`assistance.categories.${c}`)),
          },
          { name: 'what', label: t('assistance.what'), required: true },
          { name: 'quantity', label: t('assistance.quantity'), input: quantityInput, required: true },
          { name: 'unit', label: t('assistance.unit'), required: true },
          ...termsFields(t),
        ]}
      />
      <ResponseReach value={reach} onChange={setReach} />
      <ErrorMessage message={send.error ? errorText(send.error) : null} />
      <button type="submit" className="button" disabled={send.isPending}>
        {t('assistance.sendOffer')}
      </button>
    </form>
  );
}
