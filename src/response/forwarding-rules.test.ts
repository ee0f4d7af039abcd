import { describe, expect, it } from 'vitest';
import { MECHANISMS } from '../registry/mechanisms.js';
import { FORWARD_FORMATS } from './forwarding-model.js';
import { type ForwardedEntry, MECHANISM_FORMS, mechanismFormOf, prepareSummary } from './forwarding-rules.js';

const entry = (overrides: Partial<ForwardedEntry> = {}): ForwardedEntry => ({
  id: 'e1',
  kind: 'update',
  createdAt: '2026-11-02T09:15:00.000Z',
  authorOrg: 'EE',
  marking: 'TLP:GREEN',
  body: {
    stage: 'cer-initial-notification',
    text: 'Rotating supply cuts in Harju county.',
    cause: 'physical',
    suspectedDeliberate: true,
    impacts: [{ memberState: 'EE', level: 'significant', service: 'electricity', usersAffected: 85000 }],
    sectors: [{ sector: 'energy', subsector: 'electricity', status: 'disrupted' }],
    entities: [{ sector: 'energy', subsector: 'electricity' }],
  },
  withheld: [{ field: 'entities[0].name', reason: 'commercial-confidentiality' }],
  ...overrides,
});

const summary = (format: (typeof FORWARD_FORMATS)[number], e = entry(), exercise = false) =>
  prepareSummary({
    incident: { id: 'i1', title: 'Gulf of Finland cables', exercise },
    mechanism: { id: 'm', name: 'M' },
    format,
    recipients: ['ERCC'],
    reference: 'CECIS-9',
    entry: e,
  });

describe('prepared summaries', () => {
  it('has a form for every mechanism that takes reports, each receiving through organisations of the platform', () => {
    for (const m of MECHANISMS) {
      const form = mechanismFormOf(m.id);
      if (m.id === 'solidarity-clause') expect(form).toBeUndefined();
      else expect(form?.recipients.length, m.id).toBeGreaterThan(0);
    }
    expect(Object.values(MECHANISM_FORMS).filter((f) => f.nato).length).toBe(1);
  });

  it.each(FORWARD_FORMATS)('%s carries the marking, the source and nothing withheld', (format) => {
    const s = summary(format);
    expect(s.text.split('\n')[0]).toBe('TLP:GREEN');
    expect(s.text).toContain('From: EE, 2026-11-02 09:15 UTC');
    expect(s.text).toContain('Withheld by EE: entities[0].name (commercial-confidentiality)');
    expect(s.text.trimEnd().split('\n').at(-1)).toMatch(/^TLP:GREEN: /);
    expect(s.data).toMatchObject({ format, marking: 'TLP:GREEN', from: 'EE', reference: 'CECIS-9' });
    expect(s.data.source).toEqual({
      entryId: 'e1',
      kind: 'update',
      writtenAt: '2026-11-02T09:15:00.000Z',
      stage: 'cer-initial-notification',
    });
    // An entity whose name was withheld is no entity to name: it is left out, never shown empty.
    expect(JSON.stringify(s.data)).not.toMatch(/"name"/);
  });

  it('takes from the update what each form asks for', () => {
    expect(summary('cecis-request-summary').data.impacts).toEqual([
      { memberState: 'EE', level: 'significant', service: 'electricity', usersAffected: 85000 },
    ]);
    expect(summary('cecis-request-summary').data.cause).toBeUndefined();
    expect(summary('law-enforcement-summary').data).toMatchObject({
      cause: 'physical',
      suspectedDeliberate: true,
    });
    expect(summary('law-enforcement-summary').data.impacts).toBeUndefined();
    expect(summary('sectoral-summary').text).toContain('- energy/electricity: disrupted');
  });

  it('leads with EXERCISE for an exercise, and a withheld text leaves the account out', () => {
    const s = summary(
      'isaa-contribution',
      entry({ body: { stage: 'other' }, withheld: [{ field: 'text', reason: 'national-security' }] }),
      true,
    );
    expect(s.text.split('\n').slice(0, 2)).toEqual(['EXERCISE', 'TLP:GREEN']);
    expect(s.data.account).toBeUndefined();
    expect(s.data.exercise).toBe(true);
  });

  it('is the same for the same entry and form', () => {
    expect(summary('cyber-incident-summary')).toEqual(summary('cyber-incident-summary'));
  });
});
