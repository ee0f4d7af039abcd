/*
 * Every shape an EDXL-RM message takes, valid against the official schemas (xmllint): a request with and without
 * its optional parts, an offer with an end of availability, a standing offer taken for a request, a commitment ERCC
 * corrected straight to deployed (no acceptance recorded), and text XML cannot carry as it was typed.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { STANDARDS_DIR } from '../../test/support/standards.js';
import { validateAgainst } from '../../test/support/xmllint.js';
import { type EdxlRmMessage, edxlRmMessages } from './edxl-rm.js';
import type { AssistanceRequest, RankedOffer, StepRecord } from './model.js';

const RM_DIR = path.join(STANDARDS_DIR, 'edxl', 'edxl-rm-1.0', 'edxl-rm', '1.0');
const XSD: Record<EdxlRmMessage['kind'], string> = {
  RequestResource: path.join(RM_DIR, 'EDXL-RMRequestResource.xsd'),
  ResponseToRequestResource: path.join(RM_DIR, 'EDXL-RMResponseToRequestResource.xsd'),
  CommitResource: path.join(RM_DIR, 'EDXL-RMCommitResource.xsd'),
};

const step = (s: StepRecord['step'], at: string, extra: Partial<StepRecord> = {}): StepRecord => ({
  step: s,
  at,
  byOrganisation: 'EE',
  byName: null,
  correction: false,
  quantity: null,
  note: '',
  ...extra,
});

function offer(fields: Partial<RankedOffer> = {}): RankedOffer {
  return {
    id: 'offer-1',
    incidentId: 'incident-1',
    requestId: 'request-1',
    offeredBy: 'FI',
    offeringCountry: 'FI',
    relayedBy: null,
    category: 'power-generators',
    what: 'Two 1 MW generators',
    quantity: 2,
    unit: 'MW',
    location: { country: 'FI', place: '' },
    availableFrom: '2026-11-28T12:00:00.000Z',
    availableUntil: null,
    conditions: '',
    costs: 'free-of-charge',
    marking: 'TLP:GREEN',
    createdAt: '2026-11-28T09:05:00.000Z',
    rank: 1,
    fits: true,
    reasons: [{ code: 'covers-all' }],
    status: 'offered',
    acceptedQuantity: 0,
    available: 2,
    steps: [],
    nextSteps: [],
    ...fields,
  };
}

function request(fields: Partial<AssistanceRequest> = {}): AssistanceRequest {
  return {
    id: 'request-1',
    incidentId: 'incident-1',
    requestedBy: 'EE',
    category: 'power-generators',
    description: '',
    quantity: 2,
    unit: 'MW',
    location: { country: 'EE', place: '' },
    neededFrom: '2026-11-28T18:00:00.000Z',
    neededUntil: null,
    priority: 'routine',
    constraints: [],
    ucpm: { formal: false, cecisReference: null },
    marking: 'TLP:GREEN',
    audience: [],
    createdAt: '2026-11-28T09:00:00.000Z',
    status: 'requested',
    fulfilment: { accepted: 0, requested: 2, complete: false },
    offers: [],
    abilities: { offer: false },
    ...fields,
  };
}

const VARIANTS: Array<{ name: string; request: AssistanceRequest; kinds: EdxlRmMessage['kind'][] }> = [
  {
    name: 'a bare request: no incident title, description, constraints, end, UCPM or offers',
    request: request(),
    kinds: ['RequestResource'],
  },
  {
    name: 'a formal UCPM request without a CECIS reference yet, for “other” help',
    request: request({
      category: 'other',
      description: 'Drone detection for the landing station',
      ucpm: { formal: true, cecisReference: null },
      incidentTitle: 'Cable cut',
    }),
    kinds: ['RequestResource'],
  },
  {
    name: 'an offer with conditions and an end of availability, relayed for a third country',
    request: request({
      neededUntil: '2026-12-05T18:00:00.000Z',
      offers: [
        offer({
          offeredBy: 'ERCC',
          offeringCountry: 'NO',
          relayedBy: 'ERCC',
          location: { country: 'NO', place: 'Bergen' },
          availableUntil: '2026-12-01T00:00:00.000Z',
          conditions: 'Crew of four; fuel by the requester',
          costs: 'ucpm-co-financed',
        }),
      ],
    }),
    kinds: ['RequestResource', 'ResponseToRequestResource'],
  },
  {
    name: 'a standing offer taken in part, accepted but not yet on its way',
    request: request({
      status: 'accepted',
      offers: [
        offer({
          requestId: null,
          quantity: 10,
          unit: 'km',
          status: 'accepted',
          acceptedQuantity: 4,
          steps: [step('accepted', '2026-11-28T10:00:00.000Z', { quantity: 4 })],
        }),
      ],
      unit: 'km',
      quantity: 4,
    }),
    kinds: ['RequestResource', 'ResponseToRequestResource', 'CommitResource'],
  },
  {
    name: 'help ERCC corrected straight to deployed, with no acceptance recorded',
    request: request({
      status: 'deployed',
      ucpm: { formal: true, cecisReference: 'CECIS-2026-0001' },
      offers: [
        offer({
          status: 'deployed',
          acceptedQuantity: 2,
          steps: [step('deployed', '2026-11-28T11:00:00.000Z', { byOrganisation: 'ERCC', correction: true })],
        }),
      ],
    }),
    kinds: ['RequestResource', 'ResponseToRequestResource', 'CommitResource'],
  },
  {
    name: 'text with markup, quotes and characters XML cannot carry',
    request: request({
      incidentTitle: 'Estlink <2> & "Balticconnector"',
      description: 'Bell \u0007 and \uFFFE gone; emoji 🚒 kept',
      constraints: ['IEC 60309 <32 A>', "operators' certificates"],
      offers: [offer({ what: 'Generators <mobile> & crew', conditions: 'None \u0001' })],
    }),
    kinds: ['RequestResource', 'ResponseToRequestResource'],
  },
];

describe('EDXL-RM messages in every shape against the official schemas', () => {
  it.each(VARIANTS)('$name', ({ request: r, kinds }) => {
    const messages = edxlRmMessages([r]);
    expect(messages.map((m) => m.kind)).toEqual(kinds);
    for (const message of messages) {
      const checked = validateAgainst(XSD[message.kind], message.xml);
      expect(checked.valid, `${message.fileName}: ${checked.errors}`).toBe(true);
    }
  });

  it('keeps the text as typed, less what XML cannot carry', () => {
    const [rm] = edxlRmMessages([VARIANTS.at(-1)!.request]);
    expect(rm!.xml).toContain('Estlink &lt;2&gt; &amp; &quot;Balticconnector&quot;');
    expect(rm!.xml).toContain('Bell  and  gone; emoji 🚒 kept');
  });

  it('says EXERCISE in every message of an exercise incident, which EDXL-RM has no element for', () => {
    const taken = VARIANTS.find((v) => v.kinds.length === 3)!.request;
    const messages = edxlRmMessages([taken], undefined, new Set(['incident-1']));
    expect(messages).toHaveLength(3);
    for (const message of messages) {
      expect(message.xml).toMatch(/<rmsg:MessageDescription>EXERCISE: /);
      expect(validateAgainst(XSD[message.kind], message.xml).valid).toBe(true);
    }
    for (const message of edxlRmMessages([taken])) expect(message.xml).not.toContain('EXERCISE');
  });

  it('fails a message the schema does not allow, so the checks above can fail', () => {
    const [rm] = edxlRmMessages([request()]);
    const broken = rm!.xml.replace(/<rmsg:MessageID>.*<\/rmsg:MessageID>\n/, '');
    expect(validateAgainst(XSD.RequestResource, broken).valid).toBe(false);
  });
});
