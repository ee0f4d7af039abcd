import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ASSISTANCE_CATEGORIES,
  ASSISTANCE_MARKINGS,
  type AssistanceRequest,
  PRIORITIES,
  useAssistance,
  useOfferAssistance,
  useRequestAssistance,
} from '../../api/assistance.js';
import { FieldList, optionsOf } from '../FieldList.js';
import { CheckboxField, TextField } from '../fields.js';
import { ErrorMessage, useErrorText } from '../Messages.js';
import { initialReach, ResponseReach, reachRequest } from '../response/ResponseReach.js';
import { useSession } from '../session.js';
import { instantOf, newOffer, offerBody, originFields, quantityInput, termsFields } from './offerFields.js';
import { RequestCard } from './RequestCard.js';
import { StandingOffers } from './StandingOffers.js';

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

function RequestForm({ incidentId }: { incidentId: string }) {
  const { t } = useTranslation();
  const me = useSession();
  const send = useRequestAssistance(incidentId);
  const errorText = useErrorText();
  const [form, setForm] = useState({
    category: 'power-generators',
    description: '',
    quantity: '1',
    unit: '',
    place: '',
    neededFrom: '',
    neededUntil: '',
    priority: 'urgent',
    constraints: '',
  });
  const [formal, setFormal] = useState(false);
  const [cecis, setCecis] = useState('');
  const [reach, setReach] = useState(initialReach);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!form.neededFrom) return;
    send.mutate({
      category: form.category,
      description: form.description,
      quantity: Number(form.quantity),
      unit: form.unit,
      location: { country: me.organisation.id, place: form.place },
      neededFrom: instantOf(form.neededFrom),
      ...(form.neededUntil ? { neededUntil: instantOf(form.neededUntil) } : {}),
      priority: form.priority,
      constraints: form.constraints
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
      <FieldList
        values={form}
        onChange={(name, value) => setForm({ ...form, [name]: value })}
        fields={[
          {
            name: 'category',
            kind: 'select',
            label: t('assistance.category'),
            options: optionsOf(ASSISTANCE_CATEGORIES, (c) => t(`assistance.categories.${c}`)),
          },
          { name: 'description', label: t('assistance.description') },
          { name: 'quantity', label: t('assistance.quantity'), input: quantityInput, required: true },
          { name: 'unit', label: t('assistance.unit'), required: true },
          { name: 'place', label: t('assistance.place') },
          {
            name: 'neededFrom',
            label: t('assistance.neededFrom'),
            input: { type: 'datetime-local' },
            required: true,
          },
          { name: 'neededUntil', label: t('assistance.neededUntil'), input: { type: 'datetime-local' } },
          {
            name: 'priority',
            kind: 'select',
            label: t('assistance.priority'),
            options: optionsOf(PRIORITIES, (p) => t(`assistance.priorities.${p}`)),
          },
          { name: 'constraints', kind: 'textarea', label: t('assistance.constraints') },
        ]}
      />
      <CheckboxField
        label={t('assistance.formalUcpm')}
        checked={formal}
        onChange={(e) => setFormal(e.target.checked)}
      />
      {formal ? (
        <TextField
          label={t('assistance.cecisReference')}
          value={cecis}
          onChange={(e) => setCecis(e.target.value)}
        />
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
  const [form, setForm] = useState({
    ...newOffer(me.organisation.id, String(request.quantity)),
    marking: request.marking as string,
  });
  const ownOffer = me.organisation.id !== request.requestedBy;
  if (!open)
    return (
      <button type="button" className="button button--secondary" onClick={() => setOpen(true)}>
        {t('assistance.offerHelp')}
      </button>
    );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!form.availableFrom) return;
    send.mutate(
      {
        requestId: request.id,
        category: request.category,
        unit: request.unit,
        marking: form.marking,
        ...offerBody(form),
      },
      { onSuccess: () => setOpen(false) },
    );
  };
  return (
    <form onSubmit={submit} className="stack" aria-label={t('assistance.offerTitle')}>
      <FieldList
        values={form}
        onChange={(name, value) => setForm({ ...form, [name]: value })}
        fields={[
          ...originFields(t, form, { relay, ownOption: ownOffer ? me.organisation.id : null }),
          { name: 'what', label: t('assistance.what'), required: true },
          {
            name: 'quantity',
            label: t('assistance.quantityIn', { unit: request.unit }),
            input: quantityInput,
            required: true,
          },
          ...termsFields(t),
          {
            name: 'marking',
            kind: 'select',
            label: t('assistance.marking'),
            options: optionsOf(ASSISTANCE_MARKINGS),
          },
        ]}
      />
      <ErrorMessage message={send.error ? errorText(send.error) : null} />
      <button type="submit" className="button" disabled={send.isPending}>
        {t('assistance.sendOffer')}
      </button>
    </form>
  );
}
