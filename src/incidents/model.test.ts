import { describe, expect, it } from 'vitest';
import { describeZodError } from '../platform/errors.js';
import { IncidentReport, type IncidentReportInput, TLP_MARKINGS, TlpMarking } from './model.js';

const minimal = { title: 'Gas supply disruption', reportedBy: 'FI', occurredAt: '2026-07-01T08:30:00+02:00' };

/** The one-line message a caller sees, or 'ok'. */
function problem(input: unknown): string {
  const result = IncidentReport.safeParse(input);
  return result.success ? 'ok' : describeZodError(result.error).message;
}

function withFields(fields: Record<string, unknown>): unknown {
  return { ...minimal, ...fields };
}

describe('IncidentReport', () => {
  it('fills the defaults of a minimal report', () => {
    expect(IncidentReport.parse(minimal)).toEqual({
      ...minimal,
      domain: 'civil',
      cause: 'unknown',
      suspectedDeliberate: false,
      internationalSecurity: false,
      publicOrderImpact: false,
      sectors: [],
      entities: [],
      impacts: [],
      coordinationAgreed: false,
      releasableToNato: false,
      withheld: [],
      exercise: false,
    });
  });

  it('accepts the full report, normalising codes and ids', () => {
    const full: IncidentReportInput = {
      title: '  Baltic gas interconnector damaged ',
      reportedBy: 'el',
      occurredAt: '2026-07-01T06:30:00Z',
      detectedAt: '2026-07-01T07:00:00.250+03:00',
      description: 'Pressure drop on the interconnector.',
      domain: 'civil',
      cause: 'physical',
      suspectedDeliberate: true,
      sectors: [{ sector: 'energy', subsector: 'gas' }, { sector: 'transport' }],
      entities: [
        {
          name: 'Nordgas',
          sector: 'energy',
          subsector: 'gas',
          memberStatesServed: ['fi', 'EE', 'EL', 'uk'],
          cepes: true,
          significantlyDisrupted: true,
        },
      ],
      impacts: [
        {
          memberState: 'EL',
          level: 'significant',
          assessedBy: 'gr',
          service: 'gas supply',
          usersAffected: 120000,
          proportionAffected: 12.5,
          durationHours: 36,
          area: 'Attica',
          isolatedAreas: true,
        },
        { memberState: 'no', level: 'unknown' },
      ],
      coordinationAgreed: true,
      marking: 'TLP:AMBER+STRICT',
      audience: ['fi', 'ERCC', 'el'],
      recipients: ['duty.officer@example.eu'],
      releasableToNato: true,
      withheld: [{ field: 'entities[0].name', reason: 'commercial-confidentiality' }],
      exercise: true,
    };
    const parsed = IncidentReport.parse(full);
    expect(parsed.title).toBe('Baltic gas interconnector damaged');
    expect(parsed.reportedBy).toBe('GR');
    expect(parsed.entities[0]?.memberStatesServed).toEqual(['FI', 'EE', 'GR', 'GB']);
    expect(parsed.impacts.map((i) => [i.memberState, i.assessedBy])).toEqual([
      ['GR', 'GR'],
      ['NO', undefined],
    ]);
    expect(parsed.audience).toEqual(['FI', 'ERCC', 'GR']);
    expect(parsed.occurredAt).toBe('2026-07-01T06:30:00Z');
  });

  it.each([
    [{}, 'title: required'],
    [[], 'must be an object, not an array'],
    [withFields({ title: '   ' }), 'title: must not be empty'],
    [withFields({ title: 'x'.repeat(301) }), 'title: must be at most 300 characters'],
    [withFields({ title: 'x'.repeat(300) }), 'ok'],
    [withFields({ title: 7 }), 'title: must be a string, not a number'],
    [withFields({ reportedBy: undefined }), 'reportedBy: required'],
    [withFields({ reportedBy: 'XX' }), 'reportedBy: unknown organisation "XX"'],
    [withFields({ reportedBy: 'UK' }), 'reportedBy: unknown organisation "UK"'],
    [withFields({ reportedBy: 'nato' }), 'ok'],
    [
      withFields({ occurredAt: '2026-07-01T08:30:00' }),
      /^occurredAt: must be an ISO 8601 date-time with zone/,
    ],
    [withFields({ occurredAt: '2026-07-01' }), /^occurredAt: must be an ISO 8601 date-time with zone/],
    [
      withFields({ occurredAt: '2026-02-30T08:30:00Z' }),
      /^occurredAt: must be an ISO 8601 date-time with zone/,
    ],
    [withFields({ occurredAt: '2026-07-01T08:30:00.123-05:30' }), 'ok'],
    [withFields({ detectedAt: 'yesterday' }), /^detectedAt: must be an ISO 8601/],
    [withFields({ description: 'x'.repeat(20001) }), 'description: must be at most 20000 characters'],
    [
      withFields({ domain: 'military' }),
      'domain: must be one of "civil", "national-security", "public-security", "defence", "law-enforcement"',
    ],
    [withFields({ cause: 'aliens' }), /^cause: must be one of "physical", /],
    [withFields({ suspectedDeliberate: 'yes' }), 'suspectedDeliberate: must be a boolean, not a string'],
    [withFields({ colour: 'red' }), 'colour: unknown property'],
    [withFields({ sectors: [{ sector: 'x' }] }), 'sectors[0].sector: unknown sector "x"'],
    [
      withFields({ sectors: [{ sector: 'energy', subsector: 'rail' }] }),
      'sectors[0].subsector: unknown subsector "rail" of sector "energy"',
    ],
    [withFields({ sectors: [{ sector: 'energy', size: 3 }] }), 'sectors[0].size: unknown property'],
    [withFields({ entities: [{ sector: 'energy' }] }), 'entities[0].name: required'],
    [withFields({ entities: [{ name: 'A' }] }), 'entities[0].sector: required'],
    [
      withFields({ entities: [{ name: 'A', sector: 'mining' }] }),
      'entities[0].sector: unknown sector "mining"',
    ],
    [
      withFields({ entities: [{ name: 'A', sector: 'energy', memberStatesServed: ['FI', 'XX'] }] }),
      'entities[0].memberStatesServed[1]: unknown country "XX"',
    ],
    [withFields({ impacts: [{ level: 'minor' }] }), 'impacts[0].memberState: required'],
    [withFields({ impacts: [{ memberState: 'FI' }] }), 'impacts[0].level: required'],
    [
      withFields({
        impacts: [
          { memberState: 'FI', level: 'minor' },
          { memberState: 'FI', level: 'minor' },
          { memberState: 'XX', level: 'minor' },
        ],
      }),
      'impacts[2].memberState: unknown country "XX"',
    ],
    [
      withFields({ impacts: [{ memberState: 'FI', level: 'minor', colour: 'red' }] }),
      'impacts[0].colour: unknown property',
    ],
    [
      withFields({ impacts: [{ memberState: 'FI', level: 'severe' }] }),
      'impacts[0].level: must be one of "none", "minor", "significant", "unknown"',
    ],
    [
      withFields({ impacts: [{ memberState: 'FI', level: 'minor', assessedBy: 'XX' }] }),
      'impacts[0].assessedBy: unknown organisation "XX"',
    ],
    [
      withFields({ impacts: [{ memberState: 'FI', level: 'minor', usersAffected: -1 }] }),
      'impacts[0].usersAffected: must be at least 0',
    ],
    [
      withFields({ impacts: [{ memberState: 'FI', level: 'minor', usersAffected: 1.5 }] }),
      'impacts[0].usersAffected: must be a whole number',
    ],
    [
      withFields({ impacts: [{ memberState: 'FI', level: 'minor', proportionAffected: 100.5 }] }),
      'impacts[0].proportionAffected: must be at most 100',
    ],
    [withFields({ impacts: [{ memberState: 'FI', level: 'minor', proportionAffected: 100 }] }), 'ok'],
    [
      withFields({ impacts: [{ memberState: 'FI', level: 'minor', durationHours: -0.5 }] }),
      'impacts[0].durationHours: must be at least 0',
    ],
    [
      withFields({ impacts: [{ memberState: 'FI', level: 'minor', isolatedAreas: 'no' }] }),
      'impacts[0].isolatedAreas: must be a boolean, not a string',
    ],
    [withFields({ impacts: 'FI' }), 'impacts: must be an array, not a string'],
    [withFields({ impacts: [null] }), 'impacts[0]: must be an object, not null'],
    [withFields({ marking: 'TLP:WHITE' }), /^marking: must be one of "TLP:CLEAR", /],
    [withFields({ marking: 'TLP:RED' }), 'recipients: required for TLP:RED: name at least one recipient'],
    [
      withFields({ marking: 'TLP:RED', recipients: [] }),
      'recipients: required for TLP:RED: name at least one recipient',
    ],
    [withFields({ marking: 'TLP:RED', recipients: ['a@example.eu'] }), 'ok'],
    [withFields({ recipients: ['not an address'] }), 'recipients[0]: not a valid e-mail address'],
    [withFields({ audience: ['FI', 'NATO'] }), /^audience\[1\]: NATO is not a participating organisation/],
    [withFields({ audience: ['XX'] }), 'audience[0]: unknown organisation "XX"'],
    [withFields({ audience: [] }), 'ok'],
    [withFields({ releasableToNato: 1 }), 'releasableToNato: must be a boolean, not a number'],
    [
      withFields({ withheld: [{ field: 'entities[0].name', reason: 'secret' }] }),
      /^withheld\[0\]\.reason: must be one of/,
    ],
    [
      withFields({ withheld: [{ field: 'entities[0', reason: 'national-security' }] }),
      /^withheld\[0\]\.field: must be a field path/,
    ],
    [
      withFields({ withheld: [{ field: 'impacts[1].usersAffected', reason: 'ongoing-investigation' }] }),
      'ok',
    ],
    [withFields({ exercise: 'true' }), 'exercise: must be a boolean, not a string'],
  ])('%j → %s', (input, expected) => {
    if (typeof expected === 'string') expect(problem(input)).toBe(expected);
    else expect(problem(input)).toMatch(expected);
  });

  it('keeps an echoed value on one short line', () => {
    expect(problem(withFields({ reportedBy: 'X\nY' }))).toBe('reportedBy: unknown organisation "X\\nY"');
    expect(problem(withFields({ reportedBy: 'Z'.repeat(1000) }))).toBe(
      `reportedBy: unknown organisation "${'Z'.repeat(40)}…"`,
    );
  });
});

describe('TlpMarking', () => {
  it('holds the five TLP 2.0 labels', () => {
    expect(TLP_MARKINGS).toEqual(['TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED']);
    expect(TlpMarking.safeParse('TLP:WHITE').success).toBe(false);
  });
});
