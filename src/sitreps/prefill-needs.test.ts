import { describe, expect, it } from 'vitest';
import type { Assessment } from '../blueprint/model.js';
import type { Entry } from '../entries/model.js';
import { type PrefillInput, prefill } from './prefill.js';

/** An entry as every reader of the sitrep may see it: only the fields the draft reads matter here. */
const entry = (id: string, kind: string, organisation: string, createdAt: string, body: object): Entry =>
  ({
    id,
    kind,
    createdAt,
    author: { userId: `u-${organisation}`, name: organisation, organisation },
    body,
    marking: 'TLP:GREEN',
  }) as unknown as Entry;

const generators = entry('r1', 'assistance-request', 'EE', '2026-11-28T09:00:00.000Z', {
  category: 'power-generators',
  description: '',
  quantity: 2,
  unit: 'MW',
  location: { country: 'EE', place: 'Narva' },
  neededFrom: '2026-11-28T18:00:00.000Z',
  neededUntil: null,
  priority: 'urgent',
  constraints: [],
  ucpm: { formal: true, cecisReference: 'CECIS-2026-1187' },
});
const vessel = entry('r2', 'assistance-request', 'EE', '2026-11-28T09:10:00.000Z', {
  category: 'other',
  description: 'drone detection at the landing station',
  quantity: 1,
  unit: 'team',
  location: { country: 'EE', place: '' },
  neededFrom: '2026-11-29T06:00:00.000Z',
  neededUntil: null,
  priority: 'critical',
  constraints: [],
  ucpm: { formal: false, cecisReference: null },
});
const offer = (id: string, organisation: string, quantity: number) =>
  entry(id, 'assistance-offer', organisation, '2026-11-28T09:20:00.000Z', {
    requestId: 'r1',
    category: 'power-generators',
    what: 'Generators',
    quantity,
    unit: 'MW',
    location: { country: organisation, place: '' },
    availableFrom: '2026-11-28T12:00:00.000Z',
    availableUntil: null,
    conditions: '',
    costs: 'free-of-charge',
    onBehalfOf: null,
  });
const step = (id: string, organisation: string, offerId: string, s: string, quantity: number | null = null) =>
  entry(id, 'assistance-step', organisation, '2026-11-28T10:00:00.000Z', {
    requestId: 'r1',
    offerId,
    step: s,
    quantity,
    correction: false,
    note: '',
  });

const input = (entries: Entry[]): PrefillInput => ({
  title: 'Narva substation down',
  occurredAt: '2026-11-28T06:00:00.000Z',
  cause: null,
  assessment: { status: 'applies', reasons: [], unconfirmed: [] } as unknown as Assessment,
  activation: {
    state: 'not-activated',
    activatedAt: null,
    activatedBy: null,
    joinedBy: [],
    presidency: 'IE',
    deactivatedAt: null,
    deactivatedBy: null,
    closingSummary: null,
    history: [],
  } as unknown as PrefillInput['activation'],
  consultations: [],
  states: [],
  sectors: [],
  reporting: [],
  entries,
  now: new Date('2026-11-28T12:00:00.000Z'),
});

const needs = (entries: Entry[], language: 'en' | 'nl' = 'en') =>
  prefill(input(entries), language).find((s) => s.key === 'needs')!.text;

describe('the needs section of a sitrep draft', () => {
  const log = [
    generators,
    vessel,
    offer('o-fi', 'FI', 2),
    offer('o-se', 'SE', 1),
    step('s1', 'EE', 'o-fi', 'accepted', 2),
    step('s2', 'FI', 'o-fi', 'in-transit'),
    step('s3', 'FI', 'o-fi', 'deployed'),
  ];

  it('lists each request every reader sees, with how far the help it sees has come', () => {
    expect(needs(log).split('\n')).toEqual([
      '- Estonia requests 2 MW of power generators at Narva (urgent), needed from 2026-11-28 18:00 UTC: deployed, 2 of 2 MW covered; formal UCPM request CECIS-2026-1187',
      '- Estonia requests 1 team of drone detection at the landing station (critical), needed from 2026-11-29 06:00 UTC: no offer yet, 0 of 1 team covered',
    ]);
  });

  it('says so in Dutch', () => {
    expect(needs(log, 'nl')).toContain(
      '- Estland vraagt 2 MW stroomgeneratoren in Narva (dringend), nodig vanaf 2026-11-28 18:00 UTC: ingezet, 2 van 2 MW gedekt; formeel UCPM-verzoek CECIS-2026-1187',
    );
  });

  it('counts only the offers and steps among the entries, as every reader sees them', () => {
    expect(needs([generators, offer('o-se', 'SE', 1)])).toContain(': offered, 0 of 2 MW covered');
  });

  it('says there is none when no request is among the entries', () => {
    expect(needs([])).toBe('No requests for assistance recorded.');
    expect(needs([], 'nl')).not.toBe('');
  });
});
