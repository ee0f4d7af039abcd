import type { TFunction } from 'i18next';
import { COST_ARRANGEMENTS, UCPM_THIRD_STATES } from '../../api/assistance.js';
import { type FieldSpec, optionsOf } from '../FieldList.js';

/** A `datetime-local` value as the instant the server expects (the browser's zone is the person's). */
export const instantOf = (local: string) => new Date(local).toISOString();

/** What an offer form holds, for a request or standing: who offers, what, how much, from when, on what terms. */
export interface OfferDraft {
  onBehalfOf: string;
  country: string;
  what: string;
  quantity: string;
  availableFrom: string;
  /** Empty when the help stays as long as it is needed. */
  availableUntil: string;
  conditions: string;
  costs: string;
}

/** A new offer comes from the reader's own country where the reader speaks for one. */
export function newOffer(organisation: string, quantity: string): OfferDraft {
  const country = organisation.length === 2 ? organisation : '';
  return {
    onBehalfOf: '',
    country,
    what: '',
    quantity,
    availableFrom: '',
    availableUntil: '',
    conditions: '',
    costs: 'free-of-charge',
  };
}

/** The parts of the request body every offer has; a relayed offer's location is the third state's. */
export function offerBody(o: OfferDraft) {
  return {
    what: o.what,
    quantity: Number(o.quantity),
    location: { country: o.onBehalfOf || o.country, place: '' },
    availableFrom: instantOf(o.availableFrom),
    ...(o.availableUntil ? { availableUntil: instantOf(o.availableUntil) } : {}),
    conditions: o.conditions,
    costs: o.costs,
    ...(o.onBehalfOf ? { onBehalfOf: o.onBehalfOf } : {}),
  };
}

/**
 * Who offers: a relay chooses the third state it speaks for (or, where `ownOption` is given, its own country), and
 * whoever offers for itself says which country the help comes from.
 */
export function originFields(
  t: TFunction,
  o: OfferDraft,
  { relay, ownOption }: { relay: boolean; ownOption: string | null },
): (FieldSpec<keyof OfferDraft> | false)[] {
  const thirdStates = optionsOf(UCPM_THIRD_STATES, (c) => t(`organisations.${c}`, { defaultValue: c }));
  return [
    relay && {
      name: 'onBehalfOf',
      kind: 'select',
      label: t('assistance.onBehalfOf'),
      options: ownOption === null ? thirdStates : [{ value: '', label: ownOption }, ...thirdStates],
    },
    !o.onBehalfOf && {
      name: 'country',
      label: t('assistance.fromCountry'),
      input: { pattern: '[A-Za-z]{2}' },
      required: true,
    },
  ];
}

export const quantityInput = { type: 'number', min: '0', step: 'any' } as const;

/** From when (and, if it ends, until when) the help is there, on which conditions, and who bears the costs. */
export function termsFields(t: TFunction): FieldSpec<keyof OfferDraft>[] {
  return [
    {
      name: 'availableFrom',
      label: t('assistance.availableFrom'),
      input: { type: 'datetime-local' },
      required: true,
    },
    { name: 'availableUntil', label: t('assistance.availableUntil'), input: { type: 'datetime-local' } },
    { name: 'conditions', label: t('assistance.conditions') },
    {
      name: 'costs',
      kind: 'select',
      label: t('assistance.costs'),
      options: optionsOf(COST_ARRANGEMENTS, (c) => t(`assistance.costArrangements.${c}`)),
    },
  ];
}
