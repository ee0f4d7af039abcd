import { describe, expect, it } from 'vitest';
import { ENTRY_KINDS } from '../incidents/model.js';
import { assertBodyOfKind, bodyOf, ENTRY_BODIES } from './kinds.js';

const facts = { triggers: [], reasons: [] };

/** One body as each kind's flow writes it. */
const written: Record<(typeof ENTRY_KINDS)[number], unknown> = {
  report: {
    title: 'Grid outage',
    reportedBy: 'FI',
    occurredAt: '2026-11-28T08:00:00Z',
    marking: 'TLP:GREEN',
  },
  update: { stage: 'other', text: 'More substations down', marking: 'TLP:AMBER', impacts: [] },
  note: { text: 'Liaison officer on site', withheld: [] },
  'own-assessment': { memberState: 'FI', level: 'significant' },
  'status-change': { from: null, to: 'applies', met: ['T2'], facts },
  activation: { presidency: 'PL', status: 'applies', met: ['T1'] },
  'activation-joined': { presidency: null, status: 'decision-required', met: [] },
  deactivation: { text: 'Restored' },
  reopening: { text: 'Outage again' },
  'consultation-opened': { deadline: '2026-11-29T08:00:00.000Z', question: 'Coordinate?', consulted: ['FI'] },
  'consultation-position': { consultationId: 'c1', position: 'yes', text: '' },
  'consultation-advice': { consultationId: 'c1', text: 'Coordinate' },
  'consultation-decision': {
    consultationId: 'c1',
    decision: 'yes',
    text: 'Agreed',
    agreed: true,
    yes: 1,
    of: 1,
  },
  'consultation-requested': { text: 'Two states cannot restore supply alone' },
  'silence-procedure-opened': {
    proposal: 'coordinate',
    deadline: '2026-11-29T08:00:00.000Z',
    lateJoinerMinimumMinutes: 120,
    text: 'Repair capacity must be pooled',
    consulted: [{ memberState: 'FI', deadline: '2026-11-29T08:00:00.000Z' }],
  },
  'silence-procedure-consulted': {
    consultationId: 'c1',
    memberState: 'LV',
    deadline: '2026-11-29T10:00:00.000Z',
  },
  'silence-procedure-objection': { consultationId: 'c1', text: 'National measures suffice' },
  'silence-procedure-objection-withdrawn': { consultationId: 'c1', text: '' },
  'silence-procedure-consent': { consultationId: 'c1', text: '' },
  'silence-procedure-view': { consultationId: 'c1', text: 'We can lend a repair vessel' },
  'silence-procedure-concluded': {
    consultationId: 'c1',
    outcome: 'agreed',
    agreed: true,
    reason: 'deadline',
    standingObjections: [],
    text: '',
    byPlatform: true,
  },
  merge: { duplicateId: 'd', into: 't', duplicateTitle: 'Same outage' },
  'reach-change': {
    entryId: 'e',
    previous: { marking: 'TLP:GREEN', audience: [], releasableToNato: false, sharingGroupId: null },
    next: { marking: 'TLP:AMBER', audience: ['FI'], releasableToNato: false, sharingGroupId: null },
  },
  retraction: { text: 'Wrong incident', withheld: [] },
  sitrep: { sitrepId: 's', number: 1, title: 'Day 1', text: 'SITREP 1 published: Day 1' },
  mechanism: { mechanism: 'ipcr', state: 'activated', mode: null, reference: null, text: '' },
  'cer-commission-notified': { memberStates: ['FI', 'EE', 'LV', 'LT', 'PL', 'DE'], text: '' },
  'cer-spoc-informed': { informed: ['EE'], text: 'Informed by phone and e-mail' },
  'capacity-overwhelmed': { memberState: 'FI', overwhelmed: true, text: 'No more repair vessels' },
  'public-message-drafted': {
    messageId: 'm1',
    version: 1,
    msgType: 'Alert',
    event: 'Grid disturbance',
    category: 'Infra',
    urgency: 'Expected',
    severity: 'Moderate',
    certainty: 'Likely',
    embargoUntil: '2026-11-28T12:00:00.000Z',
    texts: [{ language: 'en', headline: 'Cuts', text: 'Expect cuts.', instruction: '' }],
  },
  'public-message-decision': {
    messageId: 'm1',
    version: 1,
    organisation: 'EE',
    decision: 'approved',
    languages: ['en', 'et'],
    reason: '',
  },
  'public-message-published': {
    messageId: 'm1',
    version: 1,
    organisation: 'EE',
    publishedAt: '2026-11-28T12:00:00.000Z',
    link: 'https://kriis.ee',
  },
  'public-message-embargo': { messageId: 'm1', version: 1, embargoUntil: '2026-11-28T13:00:00.000Z' },
  'public-message-translation': {
    messageId: 'm1',
    version: 1,
    language: 'et',
    translatedFrom: 'en',
    headline: 'Katkestused',
    text: 'Oodake katkestusi.',
    instruction: '',
  },
  'public-message-comment': {
    messageId: 'm1',
    version: 1,
    language: 'en',
    passage: 'Expect cuts',
    text: 'Say for how long',
  },
  'public-message-comment-resolved': { messageId: 'm1', commentId: 'c1', resolved: true },
  'national-publication': {
    organisation: 'EE',
    publishedAt: '2026-11-28T12:00:00.000Z',
    link: 'https://kriis.ee',
    text: null,
  },
  'national-publication-withdrawn': { publicationId: 'p1', reason: 'wrong link' },
  'national-publication-corrected': {
    publicationId: 'p1',
    reason: 'wrong link',
    link: 'https://kriis.ee/teade',
    text: null,
  },
  'key-fact-marked': { publicationId: 'p1', fact: 'cause', value: 'cable damage' },
  disinformation: {
    narrative: 'The outage was caused on purpose by the grid operator',
    platforms: ['X'],
    countries: ['EE'],
    observedSince: '2026-11-28T09:00:00.000Z',
    reach: 'medium',
    rebuttal: null,
    links: [],
  },
  'presidency-handover': {
    from: 'IE',
    to: 'LT',
    term: '2027-H1',
    openConsultations: ['0190a3c4-0000-7000-8000-000000000001'],
    addressedToPresidency: 2,
  },
  'assistance-request': {
    category: 'power-generators',
    description: '',
    quantity: 2,
    unit: 'MW',
    location: { country: 'EE', place: 'Tallinn' },
    neededFrom: '2026-11-28T12:00:00.000Z',
    neededUntil: null,
    priority: 'urgent',
    constraints: [],
    ucpm: { formal: false, cecisReference: null },
  },
  'assistance-offer': {
    requestId: '0190a3c4-0000-7000-8000-000000000002',
    category: 'power-generators',
    what: 'Two 1 MW diesel generators',
    quantity: 2,
    unit: 'MW',
    location: { country: 'FI', place: 'Helsinki' },
    availableFrom: '2026-11-28T10:00:00.000Z',
    availableUntil: null,
    conditions: '',
    costs: 'free-of-charge',
    onBehalfOf: null,
  },
  'assistance-step': {
    requestId: '0190a3c4-0000-7000-8000-000000000002',
    offerId: '0190a3c4-0000-7000-8000-000000000003',
    step: 'accepted',
    quantity: 2,
    correction: false,
    note: '',
  },
  decision: {
    level: 'strategic',
    decidedBy: 'IPCR roundtable',
    what: 'Pool repair vessels',
    rationale: 'Two cables are down',
    linkedEntries: [],
    meetingId: null,
  },
  action: {
    title: 'Charter a repair vessel',
    details: '',
    ownerOrganisation: 'FI',
    assigneeUserId: null,
    dueAt: '2026-11-28T18:00:00.000Z',
    decisionId: null,
    meetingId: null,
  },
  'action-status': { actionId: '0190a3c4-0000-7000-8000-000000000004', status: 'done', note: '' },
  meeting: {
    title: 'IPCR roundtable',
    format: 'ipcr-roundtable',
    startsAt: '2026-11-28T14:00:00.000Z',
    endsAt: '2026-11-28T15:00:00.000Z',
    agenda: 'Picture; repair options',
    invited: ['FI', 'EE'],
    where: 'video conference',
  },
  'meeting-minutes': {
    meetingId: '0190a3c4-0000-7000-8000-000000000005',
    minutes: 'Agreed to pool vessels.',
  },
  'shift-handover': {
    organisation: 'FI',
    changed: 'Second cable down',
    openAsks: 'ERCC asked for a picture update',
    nextCover: 'Night shift covers the roundtable',
    incomingUserId: null,
  },
  'shift-handover-acknowledged': { handoverId: '0190a3c4-0000-7000-8000-000000000006', note: '' },
  forwarded: {
    entryId: '0190a3c4-0000-7000-8000-000000000007',
    mechanism: 'ucpm',
    format: 'cecis-request-summary',
    recipients: ['ERCC'],
    reference: 'CECIS-2026-114',
    summary: {
      text: 'TLP:GREEN\nUCPM — request summary for CECIS',
      data: { format: 'cecis-request-summary' },
    },
  },
  'isaa-report': { title: 'Baltic cables: ISAA 1' },
  'isaa-question': { reportId: '0190a3c4-0000-7000-8000-000000000008', question: 'Who is behind it?' },
  'isaa-answer': {
    reportId: '0190a3c4-0000-7000-8000-000000000008',
    questionId: '0190a3c4-0000-7000-8000-000000000009',
    text: 'No attribution yet.',
  },
  'isaa-version': { reportId: '0190a3c4-0000-7000-8000-000000000008', version: 1, note: '' },
  intelligence: {
    format: 'stix',
    objectType: 'indicator',
    sourceId: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
    title: 'Malicious site hosting downloader',
    text: '',
    labels: [],
    sectors: [],
    pattern: { type: 'stix', value: "[url:value = 'http://x4z9arb.cn/4712/']" },
    validFrom: '2014-06-29T13:49:37.079Z',
    kept: false,
    importId: '0190a3c4-0000-7000-8000-000000000007',
  },
};

describe('entry kinds', () => {
  it('has a body schema for every kind of the log, and none for others', () => {
    expect(Object.keys(ENTRY_BODIES).sort()).toEqual([...ENTRY_KINDS].sort());
  });

  it.each(ENTRY_KINDS)('accepts a %s body as its flow writes it', (kind) => {
    expect(() => assertBodyOfKind(kind, written[kind])).not.toThrow();
  });

  it('refuses a body of the wrong shape for its kind', () => {
    expect(() => assertBodyOfKind('sitrep', { text: 'no number' })).toThrow(/sitrep entry's body/);
    expect(() => assertBodyOfKind('own-assessment', { memberState: 'FI', level: 'huge' })).toThrow(/level/);
    expect(() => assertBodyOfKind('consultation-position', { consultationId: 'c1', text: 'yes' })).toThrow(
      /position/,
    );
    expect(() => assertBodyOfKind('report', { text: 'a note, not a report', withheld: [] })).toThrow(/title/);
    // An objection carries its reason.
    expect(() => assertBodyOfKind('silence-procedure-objection', { consultationId: 'c1', text: '' })).toThrow(
      /text/,
    );
  });

  it("refuses another kind's body", () => {
    expect(() => assertBodyOfKind('status-change', written.activation)).toThrow();
    expect(() => assertBodyOfKind('reach-change', written.retraction)).toThrow();
  });

  it('refuses a kind the log does not have', () => {
    expect(() => assertBodyOfKind('gossip', { text: 'x' })).toThrow(/no entry kind "gossip"/);
  });

  it('keeps what merges carry and status changes stored before their reasons were facts', () => {
    const mergedFrom = { incidentId: 'd', entryId: 'e', createdAt: '2026-11-28T08:00:00Z' };
    expect(() => assertBodyOfKind('note', { text: 'carried', withheld: [], mergedFrom })).not.toThrow();
    expect(() =>
      assertBodyOfKind('status-change', { from: null, to: 'applies', met: ['T2'], reasons: ['T2 is met'] }),
    ).not.toThrow();
  });

  it('reads a body as its kind only when the kind matches', () => {
    const entry = { kind: 'sitrep', body: written.sitrep };
    expect(bodyOf(entry, 'sitrep')?.number).toBe(1);
    expect(bodyOf(entry, 'note')).toBeUndefined();
  });
});
