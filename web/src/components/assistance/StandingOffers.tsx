import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ASSISTANCE_CATEGORIES,
  COST_ARRANGEMENTS,
  type IncidentAssistance,
  UCPM_THIRD_STATES,
  useOfferAssistance,
} from '../../api/assistance.js';
import { DateTime } from '../DateTime.js';
import { ErrorMessage, useErrorText } from '../Messages.js';
import { initialReach, ResponseReach, reachRequest } from '../response/ResponseReach.js';
import { useSession } from '../session.js';
import { instantOf } from './AssistancePanel.js';

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
  const [category, setCategory] = useState<string>(ASSISTANCE_CATEGORIES[0]);
  const [what, setWhat] = useState('');
  const [quantity, setQuantity] = useState('1');
  const [unit, setUnit] = useState('');
  const [availableFrom, setAvailableFrom] = useState('');
  const [conditions, setConditions] = useState('');
  const [costs, setCosts] = useState<string>('free-of-charge');
  const [onBehalfOf, setOnBehalfOf] = useState('');
  const [country, setCountry] = useState(me.organisation.id.length === 2 ? me.organisation.id : '');
  const [reach, setReach] = useState(initialReach);
  if (!open)
    return (
      <button type="button" className="button button--secondary" onClick={() => setOpen(true)}>
        {t('assistance.standingOfferHelp')}
      </button>
    );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!availableFrom) return;
    send.mutate(
      {
        category,
        what,
        quantity: Number(quantity),
        unit,
        location: { country: onBehalfOf || country, place: '' },
        availableFrom: instantOf(availableFrom),
        conditions,
        costs,
        ...reachRequest(reach),
        ...(onBehalfOf ? { onBehalfOf } : {}),
      },
      { onSuccess: () => setOpen(false) },
    );
  };
  return (
    <form onSubmit={submit} className="stack" aria-label={t('assistance.standingOfferHelp')}>
      {relay ? (
        <label>
          {t('assistance.onBehalfOf')}
          <select value={onBehalfOf} onChange={(e) => setOnBehalfOf(e.target.value)}>
            <option value="">{me.organisation.id}</option>
            {UCPM_THIRD_STATES.map((c) => (
              <option key={c} value={c}>
                {t(`organisations.${c}`, { defaultValue: c })}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {onBehalfOf ? null : (
        <label>
          {t('assistance.fromCountry')}
          <input
            required
            pattern="[A-Za-z]{2}"
            value={country}
            onChange={(e) => setCountry(e.target.value)}
          />
        </label>
      )}
      <label>
        {t('assistance.standingCategory')}
        <select value={category} onChange={(e) => setCategory(e.target.value)}>
          {ASSISTANCE_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {t(`assistance.categories.${c}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('assistance.what')}
        <input required value={what} onChange={(e) => setWhat(e.target.value)} />
      </label>
      <label>
        {t('assistance.quantity')}
        <input
          type="number"
          min="0"
          step="any"
          required
          value={quantity}
          onChange={(e) => setQuantity(e.target.value)}
        />
      </label>
      <label>
        {t('assistance.unit')}
        <input required value={unit} onChange={(e) => setUnit(e.target.value)} />
      </label>
      <label>
        {t('assistance.availableFrom')}
        <input
          type="datetime-local"
          required
          value={availableFrom}
          onChange={(e) => setAvailableFrom(e.target.value)}
        />
      </label>
      <label>
        {t('assistance.conditions')}
        <input value={conditions} onChange={(e) => setConditions(e.target.value)} />
      </label>
      <label>
        {t('assistance.costs')}
        <select value={costs} onChange={(e) => setCosts(e.target.value)}>
          {COST_ARRANGEMENTS.map((c) => (
            <option key={c} value={c}>
              {t(`assistance.costArrangements.${c}`)}
            </option>
          ))}
        </select>
      </label>
      <ResponseReach value={reach} onChange={setReach} />
      <ErrorMessage message={send.error ? errorText(send.error) : null} />
      <button type="submit" className="button" disabled={send.isPending}>
        {t('assistance.sendOffer')}
      </button>
    </form>
  );
}
