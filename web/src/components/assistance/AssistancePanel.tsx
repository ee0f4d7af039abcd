import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ASSISTANCE_CATEGORIES,
  ASSISTANCE_MARKINGS,
  type AssistanceRequest,
  COST_ARRANGEMENTS,
  PRIORITIES,
  UCPM_THIRD_STATES,
  useAssistance,
  useOfferAssistance,
  useRequestAssistance,
} from '../../api/assistance.js';
import { ErrorMessage, useErrorText } from '../Messages.js';
import { initialReach, ResponseReach, reachRequest } from '../response/ResponseReach.js';
import { useSession } from '../session.js';
import { RequestCard } from './RequestCard.js';
import { StandingOffers } from './StandingOffers.js';

/** A `datetime-local` value as the instant the server expects (the browser's zone is the person's). */
export const instantOf = (local: string) => new Date(local).toISOString();

/**
 * Technical support for the incident: the requests of affected states, each with the offers ranked and the reason,
 * and the steps each side may set; the buttons and forms follow the abilities the server sends.
 */
export function AssistancePanel({ incidentId }: { incidentId: string }) {
  const { t } = useTranslation();
  const view = useAssistance(incidentId);
  if (!view.data) return null;
  const { items, abilities } = view.data;
  return (
    <section className="card" aria-labelledby="assistance-heading">
      <h2 id="assistance-heading">{t('assistance.title')}</h2>
      {items.length === 0 ? <p>{t('assistance.none')}</p> : null}
      {items.map((request) => (
        <RequestCard key={request.id} request={request}>
          {request.abilities.offer && request.status !== 'demobilised' ? (
            <OfferForm incidentId={incidentId} request={request} relay={abilities.relayForThirdStates} />
          ) : null}
        </RequestCard>
      ))}
      <StandingOffers
        incidentId={incidentId}
        offers={view.data.standingOffers}
        mayOffer={abilities.offer || abilities.relayForThirdStates}
        relay={abilities.relayForThirdStates}
      />
      {abilities.request ? <RequestForm incidentId={incidentId} /> : null}
    </section>
  );
}

function MarkingField({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const { t } = useTranslation();
  return (
    <label>
      {t('assistance.marking')}
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {ASSISTANCE_MARKINGS.map((m) => (
          <option key={m} value={m}>
            {m}
          </option>
        ))}
      </select>
    </label>
  );
}

function RequestForm({ incidentId }: { incidentId: string }) {
  const { t } = useTranslation();
  const me = useSession();
  const send = useRequestAssistance(incidentId);
  const errorText = useErrorText();
  const [category, setCategory] = useState<string>('power-generators');
  const [description, setDescription] = useState('');
  const [quantity, setQuantity] = useState('1');
  const [unit, setUnit] = useState('');
  const [place, setPlace] = useState('');
  const [neededFrom, setNeededFrom] = useState('');
  const [priority, setPriority] = useState<string>('urgent');
  const [constraints, setConstraints] = useState('');
  const [formal, setFormal] = useState(false);
  const [cecis, setCecis] = useState('');
  const [reach, setReach] = useState(initialReach);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!neededFrom) return;
    send.mutate({
      category,
      description,
      quantity: Number(quantity),
      unit,
      location: { country: me.organisation.id, place },
      neededFrom: instantOf(neededFrom),
      priority,
      constraints: constraints
        .split('\n')
        .map((c) => c.trim())
        .filter(Boolean),
      ucpm: formal ? { formal, ...(cecis ? { cecisReference: cecis } : {}) } : { formal },
      ...reachRequest(reach),
    });
  };
  return (
    <form onSubmit={submit} className="stack" aria-labelledby="assistance-request-heading">
      <h3 id="assistance-request-heading">{t('assistance.requestTitle')}</h3>
      <label>
        {t('assistance.category')}
        <select value={category} onChange={(e) => setCategory(e.target.value)}>
          {ASSISTANCE_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {t(`assistance.categories.${c}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('assistance.description')}
        <input value={description} onChange={(e) => setDescription(e.target.value)} />
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
        {t('assistance.place')}
        <input value={place} onChange={(e) => setPlace(e.target.value)} />
      </label>
      <label>
        {t('assistance.neededFrom')}
        <input
          type="datetime-local"
          required
          value={neededFrom}
          onChange={(e) => setNeededFrom(e.target.value)}
        />
      </label>
      <label>
        {t('assistance.priority')}
        <select value={priority} onChange={(e) => setPriority(e.target.value)}>
          {PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {t(`assistance.priorities.${p}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('assistance.constraints')}
        <textarea value={constraints} onChange={(e) => setConstraints(e.target.value)} />
      </label>
      <label>
        <input type="checkbox" checked={formal} onChange={(e) => setFormal(e.target.checked)} />{' '}
        {t('assistance.formalUcpm')}
      </label>
      {formal ? (
        <label>
          {t('assistance.cecisReference')}
          <input value={cecis} onChange={(e) => setCecis(e.target.value)} />
        </label>
      ) : null}
      <ResponseReach value={reach} onChange={setReach} />
      <ErrorMessage message={send.error ? errorText(send.error) : null} />
      <button type="submit" className="button" disabled={send.isPending}>
        {t('assistance.sendRequest')}
      </button>
    </form>
  );
}

function OfferForm({
  incidentId,
  request,
  relay,
}: {
  incidentId: string;
  request: AssistanceRequest;
  relay: boolean;
}) {
  const { t } = useTranslation();
  const me = useSession();
  const send = useOfferAssistance(incidentId);
  const errorText = useErrorText();
  const [open, setOpen] = useState(false);
  const [what, setWhat] = useState('');
  const [quantity, setQuantity] = useState(String(request.quantity));
  const [availableFrom, setAvailableFrom] = useState('');
  const [conditions, setConditions] = useState('');
  const [costs, setCosts] = useState<string>('free-of-charge');
  const [onBehalfOf, setOnBehalfOf] = useState('');
  const [country, setCountry] = useState(me.organisation.id.length === 2 ? me.organisation.id : '');
  const [marking, setMarking] = useState(request.marking);
  const ownOffer = me.organisation.id !== request.requestedBy;
  if (!open)
    return (
      <button type="button" className="button button--secondary" onClick={() => setOpen(true)}>
        {t('assistance.offerHelp')}
      </button>
    );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!availableFrom) return;
    send.mutate(
      {
        requestId: request.id,
        category: request.category,
        what,
        quantity: Number(quantity),
        unit: request.unit,
        location: { country: onBehalfOf || country, place: '' },
        availableFrom: instantOf(availableFrom),
        conditions,
        costs,
        marking,
        ...(onBehalfOf ? { onBehalfOf } : {}),
      },
      { onSuccess: () => setOpen(false) },
    );
  };
  return (
    <form onSubmit={submit} className="stack" aria-label={t('assistance.offerTitle')}>
      {relay ? (
        <label>
          {t('assistance.onBehalfOf')}
          <select value={onBehalfOf} onChange={(e) => setOnBehalfOf(e.target.value)}>
            {ownOffer ? <option value="">{me.organisation.id}</option> : null}
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
        {t('assistance.what')}
        <input required value={what} onChange={(e) => setWhat(e.target.value)} />
      </label>
      <label>
        {t('assistance.quantityIn', { unit: request.unit })}
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
      <MarkingField value={marking} onChange={setMarking} />
      <ErrorMessage message={send.error ? errorText(send.error) : null} />
      <button type="submit" className="button" disabled={send.isPending}>
        {t('assistance.sendOffer')}
      </button>
    </form>
  );
}
