import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type AssistanceRequest,
  type MatchReason,
  type RankedOffer,
  useMoveStep,
} from '../../api/assistance.js';
import { DateTime } from '../DateTime.js';
import { ErrorMessage, useErrorText } from '../Messages.js';
import { TlpMarking } from '../Tlp.js';

/** One request: what is needed, how far it is covered, and the offers in the order the server ranked them. */
export function RequestCard({
  request,
  children,
  showIncident,
}: {
  request: AssistanceRequest;
  children?: ReactNode;
  showIncident?: boolean;
}) {
  const { t } = useTranslation();
  const title = t('assistance.requestHeading', {
    quantity: request.quantity,
    unit: request.unit,
    category: t(`assistance.categories.${request.category}`),
    by: request.requestedBy,
  });
  return (
    <article className="assistance-request" aria-label={title}>
      <h3>
        {title} <TlpMarking marking={request.marking} />
      </h3>
      {showIncident && request.incidentTitle ? <p>{request.incidentTitle}</p> : null}
      {request.description ? <p data-testid="assistance-description">{request.description}</p> : null}
      <dl>
        <dt>{t('assistance.status')}</dt>
        <dd data-testid="assistance-status">{t(`assistance.statuses.${request.status}`)}</dd>
        <dt>{t('assistance.fulfilment')}</dt>
        <dd>
          {t('assistance.fulfilmentValue', {
            accepted: request.fulfilment.accepted,
            requested: request.fulfilment.requested,
            unit: request.unit,
          })}
        </dd>
        <dt>{t('assistance.priority')}</dt>
        <dd>{t(`assistance.priorities.${request.priority}`)}</dd>
        <dt>{t('assistance.neededFrom')}</dt>
        <dd>
          <DateTime value={request.neededFrom} />
        </dd>
        {request.neededUntil ? (
          <>
            <dt>{t('assistance.neededUntil')}</dt>
            <dd>
              <DateTime value={request.neededUntil} />
            </dd>
          </>
        ) : null}
        <dt>{t('assistance.place')}</dt>
        <dd>{[request.location.place, request.location.country].filter(Boolean).join(', ')}</dd>
        {request.constraints.length > 0 ? (
          <>
            <dt>{t('assistance.constraints')}</dt>
            <dd>{request.constraints.join('; ')}</dd>
          </>
        ) : null}
        {request.ucpm.formal ? (
          <>
            <dt>{t('assistance.formalUcpm')}</dt>
            <dd>{request.ucpm.cecisReference ?? t('assistance.noCecisReference')}</dd>
          </>
        ) : null}
      </dl>
      {request.offers.length === 0 ? (
        <p>{t('assistance.noOffers')}</p>
      ) : (
        <table>
          <caption>{t('assistance.offersCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('assistance.rank')}</th>
              <th scope="col">{t('assistance.offeredBy')}</th>
              <th scope="col">{t('assistance.what')}</th>
              <th scope="col">{t('assistance.why')}</th>
              <th scope="col">{t('assistance.status')}</th>
              <th scope="col">{t('assistance.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {request.offers.map((offer) => (
              <OfferRow key={offer.id} request={request} offer={offer} />
            ))}
          </tbody>
        </table>
      )}
      {children}
    </article>
  );
}

function OfferRow({ request, offer }: { request: AssistanceRequest; offer: RankedOffer }) {
  const { t } = useTranslation();
  const move = useMoveStep(request.incidentId);
  const errorText = useErrorText();
  // All or part: what is still needed, at most what is left of the offer for this request.
  const stillOpen = request.fulfilment.requested - request.fulfilment.accepted + offer.acceptedQuantity;
  const suggested = String(Math.max(0, Math.min(offer.available, stillOpen)));
  // Until the reader types a quantity, the suggestion follows what the live stream says is left.
  const [typed, setQuantity] = useState<string | null>(null);
  const quantity = typed ?? suggested;
  const who = offer.relayedBy
    ? t('assistance.relayed', { country: offer.offeringCountry, by: offer.relayedBy })
    : offer.offeringCountry;
  return (
    <tr>
      <td>{offer.rank}</td>
      <th scope="row">{who}</th>
      <td>
        {offer.what} ({offer.quantity} {offer.unit}) · {t('assistance.availableFrom')}{' '}
        <DateTime value={offer.availableFrom} />
        {offer.availableUntil ? (
          <>
            {' '}
            · {t('assistance.availableUntil')} <DateTime value={offer.availableUntil} />
          </>
        ) : null}{' '}
        · {t(`assistance.costArrangements.${offer.costs}`)}
        {offer.conditions ? ` · ${offer.conditions}` : ''}
        {offer.requestId === null
          ? ` · ${t('assistance.standingOffer', { available: offer.available, quantity: offer.quantity, unit: offer.unit })}`
          : ''}
      </td>
      <td>
        <ul className="plain-list">
          {offer.reasons.map((reason) => (
            <li key={reason.code}>
              <Reason reason={reason} />
            </li>
          ))}
        </ul>
      </td>
      <td>
        {t(`assistance.statuses.${offer.status}`)}
        {offer.acceptedQuantity > 0 ? ` (${offer.acceptedQuantity} ${offer.unit})` : ''}
        <ol className="plain-list">
          {offer.steps.map((s) => (
            <li key={`${s.step}-${s.at}`}>
              {t(`assistance.statuses.${s.step}`)}: {s.byOrganisation}
              {s.correction ? ` (${t('assistance.correction')})` : ''}, <DateTime value={s.at} />
            </li>
          ))}
        </ol>
      </td>
      <td>
        {offer.nextSteps.includes('accepted') ? (
          <label>
            {t('assistance.acceptQuantity', { who, unit: offer.unit })}
            <input
              type="number"
              min="0"
              step="any"
              value={quantity}
              onChange={(e) => setQuantity(e.target.value)}
            />
          </label>
        ) : null}
        {offer.nextSteps.map((step) => (
          <button
            key={step}
            type="button"
            className="button button--secondary"
            disabled={move.isPending}
            onClick={() =>
              move.mutate({
                requestId: request.id,
                offerId: offer.id,
                step,
                ...(step === 'accepted' && quantity !== '' ? { quantity: Number(quantity) } : {}),
              })
            }
          >
            {t(`assistance.actionsFor.${step}`, { who })}
          </button>
        ))}
        <ErrorMessage message={move.error ? errorText(move.error) : null} />
      </td>
    </tr>
  );
}

function Reason({ reason }: { reason: MatchReason }) {
  const { t } = useTranslation();
  switch (reason.code) {
    case 'covers-part':
      return <>{t('assistance.reasons.covers-part', { quantity: reason.quantity, of: reason.of })}</>;
    case 'late':
      return <>{t('assistance.reasons.late', { count: reason.hours })}</>;
    case 'other-country':
      return <>{t('assistance.reasons.other-country', { country: reason.country })}</>;
    case 'other-category':
      return (
        <>
          {t('assistance.reasons.other-category', {
            category: t(`assistance.categories.${reason.category}`),
          })}
        </>
      );
    case 'other-unit':
      return <>{t('assistance.reasons.other-unit', { unit: reason.unit })}</>;
    default:
      return <>{t(`assistance.reasons.${reason.code}`)}</>;
  }
}
