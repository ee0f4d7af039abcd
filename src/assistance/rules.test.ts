import { describe, expect, it } from 'vitest';
import type { MovedStep, OfferStep, StepRecord } from './model.js';
import {
  acceptanceProblem,
  acceptedQuantity,
  allowedSteps,
  fulfilment,
  heldQuantity,
  judgeStep,
  matchOffer,
  rankOffers,
  remainingFor,
  requestStatus,
} from './rules.js';

const need = {
  category: 'power-generators' as const,
  quantity: 2,
  unit: 'MW',
  location: { country: 'EE', place: 'Narva' },
  neededFrom: '2026-11-28T12:00:00.000Z',
  neededUntil: '2026-12-05T12:00:00.000Z',
};
const offer = (id: string, fields: Partial<Parameters<typeof matchOffer>[1]> = {}) => ({
  id,
  category: 'power-generators' as const,
  quantity: 2,
  unit: 'MW',
  location: { country: 'FI', place: 'Helsinki' },
  availableFrom: '2026-11-28T10:00:00.000Z',
  availableUntil: null,
  createdAt: '2026-11-28T09:00:00.000Z',
  ...fields,
});

describe('matching an offer to a request', () => {
  it.each([
    ['covers all, in time, from abroad', {}, true, ['covers-all', 'in-time', 'other-country']],
    ['covers part', { quantity: 1 }, true, ['covers-part', 'in-time', 'other-country']],
    [
      'late by three hours',
      { availableFrom: '2026-11-28T14:30:00.000Z' },
      true,
      ['covers-all', 'late', 'other-country'],
    ],
    [
      'already in the country',
      { location: { country: 'EE', place: 'Tartu' } },
      true,
      ['covers-all', 'in-time', 'same-country'],
    ],
    [
      'ends before the need does',
      { availableUntil: '2026-12-01T00:00:00.000Z' },
      true,
      ['covers-all', 'in-time', 'other-country', 'ends-early'],
    ],
    [
      'another category',
      { category: 'spare-parts' as const },
      false,
      ['other-category', 'covers-all', 'in-time', 'other-country'],
    ],
    ['another unit', { unit: 'units' }, false, ['other-unit', 'covers-all', 'in-time', 'other-country']],
    ['the unit in other case', { unit: 'mw' }, true, ['covers-all', 'in-time', 'other-country']],
  ])('%s', (_name, fields, fits, codes) => {
    const match = matchOffer(need, offer('o', fields));
    expect(match.fits).toBe(fits);
    expect(match.reasons.map((r) => r.code)).toEqual(codes);
  });

  it('says by how much an offer is late and how much of the need it covers', () => {
    const match = matchOffer(need, offer('o', { quantity: 1, availableFrom: '2026-11-28T14:30:00.000Z' }));
    expect(match.reasons).toContainEqual({ code: 'late', hours: 3 });
    expect(match.reasons).toContainEqual({ code: 'covers-part', quantity: 1, of: 2 });
  });
});

describe('ranking offers', () => {
  it.each([
    ['whole before part', [offer('part', { quantity: 1 }), offer('whole')], ['whole', 'part']],
    [
      'in time before late',
      [offer('late', { availableFrom: '2026-11-29T12:00:00.000Z' }), offer('soon')],
      ['soon', 'late'],
    ],
    [
      'in the country before abroad',
      [offer('abroad'), offer('near', { location: { country: 'EE', place: '' } })],
      ['near', 'abroad'],
    ],
    [
      'fitting before another category, however good',
      [
        offer('cat', { category: 'experts' as const, location: { country: 'EE', place: '' } }),
        offer('fit', { quantity: 1, availableFrom: '2026-11-30T00:00:00.000Z' }),
      ],
      ['fit', 'cat'],
    ],
    [
      'the older offer on a tie',
      [offer('b', { createdAt: '2026-11-28T09:30:00.000Z' }), offer('a')],
      ['a', 'b'],
    ],
    [
      'whole but late before part in time',
      [offer('part', { quantity: 1 }), offer('late', { availableFrom: '2026-11-28T18:00:00.000Z' })],
      ['late', 'part'],
    ],
  ])('%s', (_name, offers, order) => {
    const ranked = rankOffers(need, offers);
    expect(ranked.map((o) => o.id)).toEqual(order);
    expect(ranked.map((o) => o.rank)).toEqual(order.map((_, i) => i + 1));
  });
});

describe('who moves an offer along', () => {
  const parties = (organisation: string) => ({ organisation, requester: 'EE', offerer: 'FI' });
  it.each<[string, OfferStep, MovedStep, ReturnType<typeof judgeStep>]>([
    ['EE', 'offered', 'accepted', { ok: true, correction: false }],
    ['FI', 'offered', 'accepted', { ok: false, reason: 'not-yours' }],
    ['SE', 'offered', 'accepted', { ok: false, reason: 'not-yours' }],
    ['FI', 'accepted', 'in-transit', { ok: true, correction: false }],
    ['EE', 'accepted', 'in-transit', { ok: false, reason: 'not-yours' }],
    ['FI', 'offered', 'in-transit', { ok: false, reason: 'out-of-order' }],
    ['FI', 'in-transit', 'deployed', { ok: true, correction: false }],
    ['FI', 'deployed', 'deployed', { ok: false, reason: 'unchanged' }],
    ['EE', 'deployed', 'demobilised', { ok: true, correction: false }],
    ['EE', 'accepted', 'demobilised', { ok: false, reason: 'out-of-order' }],
    ['FI', 'deployed', 'demobilised', { ok: false, reason: 'not-yours' }],
    ['ERCC', 'offered', 'deployed', { ok: true, correction: true }],
    ['ERCC', 'deployed', 'accepted', { ok: true, correction: true }],
    ['ERCC', 'accepted', 'accepted', { ok: false, reason: 'unchanged' }],
  ])('%s: %s → %s', (organisation, current, step, verdict) => {
    expect(judgeStep(parties(organisation), current, step)).toEqual(verdict);
  });

  it('lets ERCC move a relayed offer in order without calling it a correction', () => {
    expect(
      judgeStep({ organisation: 'ERCC', requester: 'EE', offerer: 'ERCC' }, 'accepted', 'in-transit'),
    ).toEqual({
      ok: true,
      correction: false,
    });
  });

  it.each<[string, OfferStep, MovedStep[]]>([
    ['EE', 'offered', ['accepted']],
    ['FI', 'offered', []],
    ['FI', 'accepted', ['in-transit']],
    ['EE', 'deployed', ['demobilised']],
    ['ERCC', 'in-transit', ['accepted', 'deployed', 'demobilised']],
  ])('%s may set at %s: %j', (organisation, current, steps) => {
    expect(allowedSteps(parties(organisation), current)).toEqual(steps);
  });
});

describe('a request as a whole', () => {
  const step = (s: MovedStep, quantity: number | null = null): StepRecord => ({
    step: s,
    at: '2026-11-28T12:00:00.000Z',
    byOrganisation: 'EE',
    byName: null,
    correction: false,
    quantity,
    note: '',
  });
  it.each<[string, OfferStep[], string]>([
    ['no offers', [], 'requested'],
    ['offers, none taken', ['offered', 'offered'], 'offered'],
    ['one taken', ['offered', 'accepted'], 'accepted'],
    [
      'taken ones at different steps: the least advanced',
      ['deployed', 'in-transit', 'offered'],
      'in-transit',
    ],
    ['all taken ones deployed', ['deployed', 'offered'], 'deployed'],
    ['all demobilised', ['demobilised'], 'demobilised'],
  ])('%s', (_name, statuses, expected) => {
    expect(requestStatus(statuses.map((status) => ({ status })))).toBe(expected);
  });

  it.each<[string, number, StepRecord[], number]>([
    ['not accepted', 2, [], 0],
    ['accepted whole', 2, [step('accepted', 2)], 2],
    ['accepted in part', 3, [step('accepted', 1), step('in-transit')], 1],
    ['re-accepted by ERCC in part: the latest acceptance', 2, [step('accepted', 2), step('accepted', 1)], 1],
  ])('accepted quantity: %s', (_name, offered, steps, expected) => {
    expect(acceptedQuantity(offered, steps)).toBe(expected);
  });

  it('tracks partial fulfilment', () => {
    expect(fulfilment(2, [{ acceptedQuantity: 1 }, { acceptedQuantity: 0 }])).toEqual({
      accepted: 1,
      requested: 2,
      complete: false,
    });
    expect(fulfilment(2, [{ acceptedQuantity: 1 }, { acceptedQuantity: 1 }]).complete).toBe(true);
  });

  it.each([
    [1, 2, 2, undefined],
    [3, 2, 5, 'more-than-offered'],
    [2, 2, 1, 'more-than-needed'],
  ])('accepting %d of %d offered with %d open: %s', (wanted, offered, open, problem) => {
    expect(acceptanceProblem(wanted, offered, open)).toBe(problem);
  });

  it.each([
    [2, 5, 5, 1, 'more-than-remaining'],
    [1, 5, 5, 1, undefined],
    [1, 5, 0, 1, 'more-than-needed'],
    [6, 5, 9, 5, 'more-than-offered'],
  ])(
    'accepting %d of a standing offer of %d with %d open and %d left: %s',
    (wanted, offered, open, left, problem) => {
      expect(acceptanceProblem(wanted, offered, open, left)).toBe(problem);
    },
  );

  it.each<[string, number, StepRecord[], number]>([
    ['offered only', 5, [], 0],
    ['accepted in part', 5, [step('accepted', 2)], 2],
    ['on its way', 5, [step('accepted', 2), step('in-transit')], 2],
    ['deployed', 5, [step('accepted', 2), step('in-transit'), step('deployed')], 2],
    ['demobilised: the capacity is back', 5, [step('accepted', 2), step('deployed'), step('demobilised')], 0],
    ['put back on the ground by ERCC', 5, [step('accepted', 2), step('demobilised'), step('deployed')], 2],
  ])('what one request holds of an offer: %s', (_name, offered, steps, expected) => {
    expect(heldQuantity(offered, steps)).toBe(expected);
  });

  it.each<[string, Array<[string, StepRecord[]]>, string | null, number]>([
    ['nothing taken', [], null, 5],
    [
      'two requests hold parts',
      [
        ['a', [step('accepted', 2)]],
        ['b', [step('accepted', 1)]],
      ],
      null,
      2,
    ],
    [
      'left for a request: its own part counts as its own',
      [
        ['a', [step('accepted', 2)]],
        ['b', [step('accepted', 1)]],
      ],
      'a',
      4,
    ],
    ['demobilised parts are free again', [['a', [step('accepted', 5), step('demobilised')]]], 'b', 5],
    [
      'never below nothing',
      [
        ['a', [step('accepted', 4)]],
        ['b', [step('accepted', 4)]],
      ],
      null,
      0,
    ],
  ])('what is left of a standing offer of 5: %s', (_name, byRequest, forRequest, expected) => {
    expect(remainingFor(5, new Map(byRequest), forRequest)).toBe(expected);
  });
});
