import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { Assessment, AssessmentStatus, OwnLevel } from '../blueprint/model.js';
import { assessIncident, assessIncidentFacts, ownLevels, statusRank } from '../blueprint/rules.js';
import { MEMBER_STATES } from '../registry/countries.js';
import { DOMAINS, IMPACT_LEVELS, IncidentReport, type IncidentReportInput, UpdateRequest } from './model.js';
import {
  addMonth,
  assessmentForReader,
  currentFacts,
  currentReport,
  fieldSpeakingForOthers,
  type LogFact,
} from './rules.js';

type UpdateInput = z.input<typeof UpdateRequest>;
type ImpactInput = NonNullable<IncidentReportInput['impacts']>[number];

const HOUR = 3_600_000;
const T0 = '2026-07-01T08:00:00.000Z';

/** T0 shifted by `hours` (fractions allowed), as the log stores times. */
function at(hours: number, from = T0): string {
  return new Date(Date.parse(from) + hours * HOUR).toISOString();
}

function _ms(iso: string, delta: number): Date {
  return new Date(Date.parse(iso) + delta);
}

function reportFact(org: string, createdAt: string, fields: Partial<IncidentReportInput> = {}): LogFact {
  return {
    kind: 'report',
    authorOrg: org,
    createdAt,
    body: IncidentReport.parse({
      title: 'Baltic interconnector damaged',
      reportedBy: org,
      occurredAt: '2026-07-01T06:30:00+02:00',
      ...fields,
    }),
  };
}

function updateFact(
  org: string,
  createdAt: string,
  fields: Partial<UpdateInput> & Pick<UpdateInput, 'stage'> = { stage: 'other' },
): LogFact {
  return {
    kind: 'update',
    authorOrg: org,
    createdAt,
    body: UpdateRequest.parse({ text: 'Situation update', ...fields }),
  };
}

function ownFact(state: string, level: OwnLevel, createdAt: string): LogFact {
  return { kind: 'own-assessment', authorOrg: state, createdAt, body: { memberState: state, level } };
}

function decisionFact(agreed: boolean, createdAt: string, presidency = 'IE'): LogFact {
  return { kind: 'silence-procedure-concluded', authorOrg: presidency, createdAt, body: { agreed } };
}

/** Impacts as `state/assessor/level`, in the fold's order. */
function impactKeys(report: IncidentReport): string[] {
  return report.impacts.map((i) => `${i.memberState}/${i.assessedBy ?? '?'}/${i.level}`);
}

function claims(level: ImpactInput['level'], ...states: string[]): ImpactInput[] {
  return states.map((memberState) => ({ memberState, level }));
}

function own(level: ImpactInput['level'], ...states: string[]): ImpactInput[] {
  return states.map((memberState) => ({ memberState, level, assessedBy: memberState }));
}

const SIX = ['DE', 'EE', 'FI', 'LT', 'LV', 'PL'];

describe('currentFacts', () => {
  interface Expected {
    impacts?: string[];
    entities?: Array<[name: string, significantlyDisrupted: boolean]>;
    sectors?: string[];
    coordinationAgreed?: boolean;
    reportedBy?: string;
    title?: string;
  }
  const cases: ReadonlyArray<[name: string, facts: LogFact[], expected: Expected]> = [
    [
      'the first report alone: impacts get their assessor filled in from reportedBy',
      [reportFact('FI', T0, { impacts: [...claims('significant', 'FI', 'EE'), ...own('minor', 'LV')] })],
      { impacts: ['FI/FI/significant', 'EE/FI/significant', 'LV/LV/minor'], coordinationAgreed: false },
    ],
    [
      'an update replaces the same assessor’s earlier claim about a state',
      [
        reportFact('FI', T0, { impacts: claims('significant', 'FI', 'EE') }),
        updateFact('FI', at(2), { stage: 'other', impacts: claims('minor', 'EE') }),
      ],
      { impacts: ['FI/FI/significant', 'EE/FI/minor'] },
    ],
    [
      'an update’s impacts are assessed by the updating organisation, not by the first reporter',
      [
        reportFact('FI', T0, { impacts: claims('significant', 'EE') }),
        updateFact('ERCC', at(1), { stage: 'other', impacts: claims('minor', 'EE') }),
      ],
      { impacts: ['EE/FI/significant', 'EE/ERCC/minor'] },
    ],
    [
      'an update leaves other assessors’ claims about the same state alone',
      [
        reportFact('ERCC', T0, { impacts: claims('significant', 'EE') }),
        updateFact('FI', at(1), { stage: 'other', impacts: claims('none', 'EE') }),
      ],
      { impacts: ['EE/ERCC/significant', 'EE/FI/none'] },
    ],
    [
      'a later own assessment replaces the state’s own earlier word and keeps others’ claims',
      [
        reportFact('FI', T0, { impacts: [...claims('significant', 'FI', 'EE')] }),
        updateFact('EE', at(1), { stage: 'other', impacts: claims('significant', 'EE') }),
        ownFact('EE', 'minor', at(2)),
      ],
      { impacts: ['FI/FI/significant', 'EE/FI/significant', 'EE/EE/minor'] },
    ],
    [
      'an own assessment of the first reporter replaces its own impacts in the first report',
      [reportFact('FI', T0, { impacts: claims('significant', 'FI', 'EE') }), ownFact('FI', 'none', at(1))],
      { impacts: ['EE/FI/significant', 'FI/FI/none'] },
    ],
    [
      'a merged report from another organisation adds its impacts with its own assessor',
      [
        reportFact('FI', T0, { impacts: claims('significant', 'FI') }),
        reportFact('EE', at(3), { impacts: [...claims('significant', 'EE', 'FI'), ...own('minor', 'LV')] }),
      ],
      { impacts: ['FI/FI/significant', 'EE/EE/significant', 'FI/EE/significant', 'LV/LV/minor'] },
    ],
    [
      'a merged report does not replace the first report’s title or reporter',
      [
        reportFact('FI', T0, { title: 'First title' }),
        reportFact('EE', at(3), { title: 'Second title', impacts: claims('minor', 'EE') }),
      ],
      { title: 'First title', reportedBy: 'FI', impacts: ['EE/EE/minor'] },
    ],
    [
      "each organisation's statements about an entity are kept apart; its own later word replaces its earlier one",
      [
        reportFact('FI', T0, {
          entities: [
            { name: 'Balticconnector', sector: 'energy', significantlyDisrupted: false },
            { name: 'Elering', sector: 'energy' },
          ],
        }),
        updateFact('FI', at(1), {
          stage: 'other',
          entities: [
            { name: 'Balticconnector', sector: 'energy', significantlyDisrupted: true },
            { name: 'Gasgrid', sector: 'energy' },
          ],
        }),
        reportFact('EE', at(2), {
          entities: [{ name: 'Elering', sector: 'energy', significantlyDisrupted: true }],
        }),
      ],
      {
        entities: [
          ['Elering', false],
          ['Balticconnector', true],
          ['Gasgrid', false],
          ['Elering', true],
        ],
      },
    ],
    [
      'sectors are unioned by sector and subsector',
      [
        reportFact('FI', T0, { sectors: [{ sector: 'energy', subsector: 'gas' }] }),
        updateFact('FI', at(1), {
          stage: 'other',
          sectors: [
            { sector: 'energy', subsector: 'gas' },
            { sector: 'energy', subsector: 'electricity' },
          ],
        }),
        reportFact('EE', at(2), {
          sectors: [{ sector: 'energy' }, { sector: 'energy', subsector: 'electricity' }],
        }),
        updateFact('ERCC', at(3), { stage: 'other', sectors: [{ sector: 'transport', subsector: 'water' }] }),
      ],
      { sectors: ['energy/gas', 'energy/electricity', 'energy/-', 'transport/water'] },
    ],
    [
      'a consultation’s conclusion sets coordinationAgreed',
      [reportFact('FI', T0), decisionFact(true, at(5))],
      { coordinationAgreed: true },
    ],
    [
      'a later declined conclusion sets coordinationAgreed back to false',
      [reportFact('FI', T0), decisionFact(true, at(5)), decisionFact(false, at(9))],
      { coordinationAgreed: false },
    ],
    [
      'a declined then agreed conclusion ends agreed',
      [reportFact('FI', T0), decisionFact(false, at(5)), decisionFact(true, at(9))],
      { coordinationAgreed: true },
    ],
    [
      // By design (rules.ts docstring): on the platform only the consultation's outcome sets it.
      'a report cannot declare coordination agreed by itself',
      [reportFact('FI', T0, { coordinationAgreed: true })],
      { coordinationAgreed: false },
    ],
  ];

  it.each(cases)('%s', (_name, facts, expected) => {
    const current = currentFacts(facts);
    if (expected.impacts) expect(impactKeys(current)).toEqual(expected.impacts);
    if (expected.entities)
      expect(current.entities.map((e) => [e.name, e.significantlyDisrupted])).toEqual(expected.entities);
    if (expected.sectors)
      expect(current.sectors.map((s) => `${s.sector}/${s.subsector ?? '-'}`)).toEqual(expected.sectors);
    if (expected.coordinationAgreed !== undefined)
      expect(current.coordinationAgreed).toBe(expected.coordinationAgreed);
    if (expected.reportedBy) expect(current.reportedBy).toBe(expected.reportedBy);
    if (expected.title) expect(current.title).toBe(expected.title);
  });

  it('keeps the CER parameters of an impact through the fold', () => {
    const current = currentFacts([
      reportFact('FI', T0),
      updateFact('EE', at(1), {
        stage: 'other',
        impacts: [
          { memberState: 'EE', level: 'significant', service: 'gas', usersAffected: 1200, durationHours: 6 },
        ],
      }),
    ]);
    expect(current.impacts).toEqual([
      {
        memberState: 'EE',
        level: 'significant',
        assessedBy: 'EE',
        service: 'gas',
        usersAffected: 1200,
        durationHours: 6,
      },
    ]);
  });

  it('does not mutate the facts it folds', () => {
    const first = reportFact('FI', T0, {
      impacts: claims('significant', 'FI'),
      entities: [{ name: 'A', sector: 'energy' }],
    });
    const before = structuredClone(first);
    currentFacts([
      first,
      ownFact('FI', 'none', at(1)),
      updateFact('FI', at(2), { stage: 'other', entities: [{ name: 'A', sector: 'food' }] }),
    ]);
    expect(first).toEqual(before);
  });

  it('needs a report', () => {
    expect(() => currentFacts([ownFact('FI', 'significant', T0)])).toThrow(/report/);
  });

  it('a later own assessment wins over others’ claims in the assessment', () => {
    const current = currentFacts([
      reportFact('ERCC', T0, { impacts: claims('significant', 'FI', 'EE') }),
      ownFact('EE', 'none', at(1)),
      ownFact('FI', 'significant', at(2)),
    ]);
    expect(Object.fromEntries(ownLevels(current))).toEqual({ EE: 'none', FI: 'significant' });
    const assessment = assessIncident(current);
    expect(assessment.significantlyAffected).toEqual(['FI']);
    expect(assessment.unconfirmed).toEqual([]);
  });

  it('a later own assessment wins over the state’s own earlier one in the assessment', () => {
    const current = currentFacts([
      reportFact('FI', T0, { impacts: own('significant', 'FI', 'EE') }),
      ownFact('EE', 'minor', at(1)),
    ]);
    const assessment = assessIncident(current);
    expect(assessment.significantlyAffected).toEqual(['FI']);
    expect(assessment.minorlyAffected).toEqual(['EE']);
    expect(assessment.status).toBe('below-threshold');
  });

  it('an own assessment raising a level counts over the state’s earlier lower one', () => {
    const current = currentFacts([
      reportFact('EE', T0, { impacts: own('minor', 'EE') }),
      ownFact('EE', 'significant', at(1)),
    ]);
    expect(Object.fromEntries(ownLevels(current))).toEqual({ EE: 'significant' });
  });

  it('first report: a state’s own level is the highest of its several own impacts', () => {
    const current = currentFacts([
      reportFact('FI', T0, {
        impacts: [
          { memberState: 'FI', level: 'significant', service: 'electricity' },
          { memberState: 'FI', level: 'minor', service: 'district heating' },
        ],
      }),
    ]);
    expect(Object.fromEntries(ownLevels(current))).toEqual({ FI: 'significant' });
  });

  // CONTRACT: a state's own level is the highest of its own impacts, wherever they appear; a later entry replaces
  // an assessor's earlier claims, but the impacts of one entry all stand.
  it('update: a state’s own level is the highest of its several own impacts in that update', () => {
    const current = currentFacts([
      reportFact('ERCC', T0),
      updateFact('FI', at(1), {
        stage: 'other',
        impacts: [
          { memberState: 'FI', level: 'significant', service: 'electricity' },
          { memberState: 'FI', level: 'minor', service: 'district heating' },
        ],
      }),
    ]);
    expect(Object.fromEntries(ownLevels(current))).toEqual({ FI: 'significant' });
  });

  it('merged report: a state’s own level is the highest of its several own impacts in that report', () => {
    const current = currentFacts([
      reportFact('ERCC', T0),
      reportFact('FI', at(1), {
        impacts: [
          { memberState: 'FI', level: 'significant', service: 'electricity' },
          { memberState: 'FI', level: 'minor', service: 'district heating' },
        ],
      }),
    ]);
    expect(Object.fromEntries(ownLevels(current))).toEqual({ FI: 'significant' });
  });
});

describe('currentReport', () => {
  it('folds own assessments onto a report', () => {
    const report = IncidentReport.parse({
      title: 'Cable cut',
      reportedBy: 'FI',
      occurredAt: T0,
      impacts: claims('significant', 'FI', 'EE'),
      coordinationAgreed: false,
    });
    const current = currentReport(report, [
      { memberState: 'EE', level: 'significant' },
      { memberState: 'FI', level: 'minor' },
    ]);
    expect(impactKeys(current)).toEqual(['EE/FI/significant', 'EE/EE/significant', 'FI/FI/minor']);
    expect(assessIncident(current).significantlyAffected).toEqual(['EE']);
  });
});

describe('currentFacts with assessIncident', () => {
  const fiReport = reportFact('FI', T0, { impacts: claims('significant', 'FI', 'EE') });
  const cases: ReadonlyArray<
    [name: string, facts: LogFact[], expected: Partial<Assessment> & { met?: string[] }]
  > = [
    [
      'FI reports FI and EE significant: EE is only a claim',
      [fiReport],
      { status: 'below-threshold', significantlyAffected: ['FI'], unconfirmed: ['EE'], met: [] },
    ],
    [
      'EE confirms its own significant impact: a decision is required',
      [fiReport, ownFact('EE', 'significant', at(1))],
      { status: 'decision-required', significantlyAffected: ['EE', 'FI'], unconfirmed: [], met: [] },
    ],
    [
      'the consultation agrees: the Blueprint applies through T3',
      [fiReport, ownFact('EE', 'significant', at(1)), decisionFact(true, at(6))],
      { status: 'applies', significantlyAffected: ['EE', 'FI'], met: ['T3'] },
    ],
    [
      'the consultation agreed, then a later one declined: a decision is required again',
      [fiReport, ownFact('EE', 'significant', at(1)), decisionFact(true, at(6)), decisionFact(false, at(30))],
      { status: 'decision-required', met: [] },
    ],
    [
      'agreement without two significantly affected states does not apply',
      [fiReport, decisionFact(true, at(6))],
      { status: 'below-threshold', met: [] },
    ],
    [
      'EE assesses its impact as minor after agreement: T3 no longer met',
      [
        fiReport,
        ownFact('EE', 'significant', at(1)),
        decisionFact(true, at(6)),
        ownFact('EE', 'minor', at(8)),
      ],
      { status: 'below-threshold', significantlyAffected: ['FI'], minorlyAffected: ['EE'], met: [] },
    ],
    [
      'ERCC names six states: nothing counts until they assess themselves',
      [reportFact('ERCC', T0, { impacts: claims('significant', ...SIX) })],
      { status: 'below-threshold', significantlyAffected: [], unconfirmed: SIX, met: [] },
    ],
    [
      'six states’ own assessments: the Blueprint applies through T1',
      [
        reportFact('ERCC', T0, { impacts: claims('significant', ...SIX) }),
        ...SIX.map((s, i) => ownFact(s, 'significant', at(i + 1))),
      ],
      { status: 'applies', significantlyAffected: SIX, unconfirmed: [], met: ['T1'] },
    ],
    [
      'five own assessments and one claim: T1 not met',
      [
        reportFact('ERCC', T0, { impacts: claims('significant', ...SIX) }),
        ...SIX.slice(0, 5).map((s, i) => ownFact(s, 'significant', at(i + 1))),
      ],
      { status: 'decision-required', unconfirmed: ['PL'], met: [] },
    ],
    [
      'six own assessments through updates and merged reports',
      [
        reportFact('DE', T0, { impacts: claims('significant', 'DE') }),
        reportFact('EE', at(1), { impacts: claims('significant', 'EE') }),
        updateFact('FI', at(2), { stage: 'cer-initial-notification', impacts: claims('significant', 'FI') }),
        updateFact('LT', at(3), { stage: 'other', impacts: claims('significant', 'LT') }),
        updateFact('LV', at(4), { stage: 'other', impacts: claims('significant', 'LV') }),
        ownFact('PL', 'significant', at(5)),
      ],
      { status: 'applies', significantlyAffected: SIX, met: ['T1'] },
    ],
    [
      'a significantly disrupted CEPES added by an update: T2',
      [
        fiReport,
        updateFact('FI', at(2), {
          stage: 'other',
          entities: [
            {
              name: 'Nordgas',
              sector: 'energy',
              establishedIn: 'FI',
              cepes: true,
              significantlyDisrupted: true,
            },
          ],
        }),
      ],
      { status: 'applies', cepesAffected: ['Nordgas'], met: ['T2'] },
    ],
    [
      'six own assessments in the defence domain: out of scope, T1 still evaluated',
      [
        reportFact('ERCC', T0, { domain: 'defence' }),
        ...SIX.map((s, i) => ownFact(s, 'significant', at(i + 1))),
      ],
      { status: 'out-of-scope', met: ['T1'] },
    ],
  ];

  it.each(cases)('%s', (_name, facts, { met, ...expected }) => {
    const assessment = assessIncident(currentFacts(facts));
    expect(assessment).toMatchObject(expected);
    if (met) expect(assessment.triggers.filter((t) => t.met).map((t) => t.id)).toEqual(met);
  });
});

describe('addMonth', () => {
  const cases: ReadonlyArray<[from: string, to: string]> = [
    ['2026-01-31T10:00:00.000Z', '2026-02-28T10:00:00.000Z'],
    ['2028-01-31T10:00:00.000Z', '2028-02-29T10:00:00.000Z'],
    ['2028-01-29T10:00:00.000Z', '2028-02-29T10:00:00.000Z'],
    ['2026-01-29T10:00:00.000Z', '2026-02-28T10:00:00.000Z'],
    ['2100-01-31T00:00:00.000Z', '2100-02-28T00:00:00.000Z'],
    ['2000-01-31T00:00:00.000Z', '2000-02-29T00:00:00.000Z'],
    ['2026-03-31T23:59:59.999Z', '2026-04-30T23:59:59.999Z'],
    ['2026-05-31T12:00:00.000Z', '2026-06-30T12:00:00.000Z'],
    ['2026-08-31T12:00:00.000Z', '2026-09-30T12:00:00.000Z'],
    ['2026-04-30T12:00:00.000Z', '2026-05-30T12:00:00.000Z'],
    ['2026-02-28T12:00:00.000Z', '2026-03-28T12:00:00.000Z'],
    ['2026-12-15T06:07:08.009Z', '2027-01-15T06:07:08.009Z'],
    ['2026-12-31T23:00:00.000Z', '2027-01-31T23:00:00.000Z'],
    ['2026-07-01T00:00:00.000Z', '2026-08-01T00:00:00.000Z'],
    ['2026-01-15T13:45:30.250Z', '2026-02-15T13:45:30.250Z'],
    // An offset is read as the instant it names; the month is added in UTC.
    ['2026-01-31T23:30:00+02:00', '2026-02-28T21:30:00.000Z'],
    ['2026-03-01T01:00:00+02:00', '2026-03-28T23:00:00.000Z'],
  ];
  it.each(cases)('%s + 1 month = %s', (from, to) => {
    expect(addMonth(from)).toBe(to);
  });

  it('always lands 28 to 31 days later, on the same UTC time of day', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1970-01-01T00:00:00Z'),
          max: new Date('2200-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        (d) => {
          const next = new Date(addMonth(d.toISOString()));
          const days = (next.getTime() - d.getTime()) / (24 * HOUR);
          expect(days).toBeGreaterThanOrEqual(28);
          expect(days).toBeLessThanOrEqual(31);
          expect(next.getTime() % (24 * HOUR)).toBe(((d.getTime() % (24 * HOUR)) + 24 * HOUR) % (24 * HOUR));
          expect((next.getUTCMonth() - d.getUTCMonth() + 12) % 12).toBe(1);
        },
      ),
    );
  });
});

describe('fieldSpeakingForOthers', () => {
  function parsed(fields: Partial<IncidentReportInput>): IncidentReport {
    return IncidentReport.parse({ title: 'Cable cut', reportedBy: 'FI', occurredAt: T0, ...fields });
  }
  const cases: ReadonlyArray<[name: string, report: IncidentReport, org: string, field: string | undefined]> =
    [
      ['a report for itself', parsed({ impacts: claims('significant', 'FI', 'EE') }), 'FI', undefined],
      ['explicit own assessor', parsed({ impacts: own('significant', 'FI') }), 'FI', undefined],
      ['reportedBy another organisation', parsed({}), 'EE', 'reportedBy'],
      [
        'the first impact assessed by another organisation',
        parsed({
          impacts: [...claims('significant', 'FI'), ...own('significant', 'EE'), ...own('minor', 'LV')],
        }),
        'FI',
        'impacts[1].assessedBy',
      ],
      ['EL is read as GR', parsed({ reportedBy: 'EL', impacts: own('minor', 'EL') }), 'GR', undefined],
    ];
  it.each(cases)('%s', (_name, report, org, field) => {
    expect(fieldSpeakingForOthers(report, org)).toBe(field);
  });
});

describe('assessmentForReader', () => {
  const record = assessIncidentFacts(
    IncidentReport.parse({
      title: 'Gas',
      reportedBy: 'FI',
      occurredAt: T0,
      entities: [
        { name: 'Nordgas', sector: 'energy', establishedIn: 'FI', cepes: true, significantlyDisrupted: true },
        { name: 'Nord', sector: 'energy', establishedIn: 'FI', cepes: true, significantlyDisrupted: true },
      ],
    }),
  );

  it('renders every sentence in full when nothing is hidden', () => {
    const read = assessmentForReader(record, []);
    expect(read.cepesAffected).toEqual(['Nordgas', 'Nord']);
    expect(read.triggers.find((t) => t.id === 'T2')?.explanation).toBe(
      '2 CEPES significantly disrupted: Nordgas (designated CEPES), asserted by FI, Nord (designated CEPES), asserted by FI',
    );
  });

  it('withholds each hidden name and its details, and keeps the facts', () => {
    const read = assessmentForReader(record, [
      { name: 'Nord', by: 'EE' },
      { name: 'Nordgas', by: 'FI' },
    ]);
    expect(read.cepesAffected).toEqual(['withheld by FI', 'withheld by EE']);
    const t2 = read.triggers.find((t) => t.id === 'T2')!;
    expect(t2.met).toBe(true);
    expect(t2.explanation).toBe(
      '2 CEPES significantly disrupted: withheld by FI, asserted by FI, withheld by EE, asserted by FI',
    );
    expect(read.reasons.join(' ')).not.toMatch(/Nord/);
    expect(read.status).toBe(record.status);
    expect(read.significantlyAffected).toEqual(record.significantlyAffected);
  });

  it('leaves names that are not hidden, matching whole names only', () => {
    const read = assessmentForReader(record, [{ name: 'Nordgas', by: 'FI' }]);
    expect(read.cepesAffected).toEqual(['withheld by FI', 'Nord']);
    expect(read.triggers.find((t) => t.id === 'T2')?.explanation).toBe(
      '2 CEPES significantly disrupted: withheld by FI, asserted by FI, Nord (designated CEPES), asserted by FI',
    );
  });

  it('shows no name at all to a path that could not learn what the reader may see', () => {
    const read = assessmentForReader(record, 'every-name');
    expect(read.cepesAffected).toEqual(['withheld', 'withheld']);
    expect(JSON.stringify(read)).not.toMatch(/Nord/);
  });
});

describe('property: a new member state’s significant own assessment never lowers the status', () => {
  const STATES = ['DE', 'EE', 'FI', 'LT', 'LV', 'PL', 'SE', 'DK', 'NO', 'GB'];
  const ORGS = [...STATES.filter((s) => s !== 'NO' && s !== 'GB'), 'ERCC'];
  const impact = fc.record({
    memberState: fc.constantFrom(...STATES),
    level: fc.constantFrom(...IMPACT_LEVELS),
    assessedBy: fc.option(fc.constantFrom(...ORGS), { nil: undefined }),
  });
  const entity = fc.record({
    name: fc.constantFrom('Nordgas', 'Balticconnector', 'Estlink'),
    sector: fc.constantFrom('energy', 'banking', 'transport'),
    memberStatesServed: fc.subarray(STATES),
    cepes: fc.boolean(),
    significantlyDisrupted: fc.boolean(),
  });
  const time = fc.integer({ min: 0, max: 500 }).map((h) => at(h));
  const later: fc.Arbitrary<LogFact> = fc.oneof(
    fc
      .record({ org: fc.constantFrom(...ORGS), createdAt: time, impacts: fc.array(impact, { maxLength: 4 }) })
      .map(({ org, createdAt, impacts }) => updateFact(org, createdAt, { stage: 'other', impacts })),
    fc
      .record({
        org: fc.constantFrom(...ORGS),
        createdAt: time,
        impacts: fc.array(impact, { maxLength: 4 }),
        entities: fc.array(entity, { maxLength: 2 }),
      })
      .map(({ org, createdAt, impacts, entities }) => reportFact(org, createdAt, { impacts, entities })),
    fc
      .record({
        state: fc.constantFrom(...STATES.filter((s) => s !== 'NO' && s !== 'GB')),
        level: fc.constantFrom<OwnLevel>('none', 'minor', 'significant'),
        createdAt: time,
      })
      .map(({ state, level, createdAt }) => ownFact(state, level, createdAt)),
    fc
      .record({ agreed: fc.boolean(), createdAt: time })
      .map(({ agreed, createdAt }) => decisionFact(agreed, createdAt)),
  );
  const scenario = fc.record({
    first: fc.record({
      org: fc.constantFrom(...ORGS),
      domain: fc.constantFrom(...DOMAINS),
      impacts: fc.array(impact, { maxLength: 8 }),
      entities: fc.array(entity, { maxLength: 2 }),
    }),
    rest: fc.array(later, { maxLength: 8 }),
    newState: fc.constantFrom(...MEMBER_STATES.map((m) => m.code)),
    position: fc.nat(),
  });

  it('holds for any log (out of scope stays out of scope)', () => {
    fc.assert(
      fc.property(scenario, ({ first, rest, newState, position }) => {
        const facts = [
          reportFact(first.org, T0, {
            domain: first.domain,
            impacts: first.impacts,
            entities: first.entities,
          }),
          ...rest,
        ];
        const before = currentFacts(facts);
        // New: nothing in the log is the state's own word about itself (not even `unknown`).
        fc.pre(!before.impacts.some((i) => i.memberState === newState && i.assessedBy === newState));
        const index = 1 + (position % facts.length);
        const withOwn = [
          ...facts.slice(0, index),
          ownFact(newState, 'significant', at(600)),
          ...facts.slice(index),
        ];
        const after = currentFacts(withOwn);
        const statusBefore: AssessmentStatus = assessIncident(before).status;
        const statusAfter: AssessmentStatus = assessIncident(after).status;
        expect(ownLevels(after).get(newState)).toBe('significant');
        if (first.domain !== 'civil') {
          expect([statusBefore, statusAfter]).toEqual(['out-of-scope', 'out-of-scope']);
          return;
        }
        expect(statusRank(statusAfter)!).toBeGreaterThanOrEqual(statusRank(statusBefore)!);
        expect(assessIncident(after).significantlyAffected.length).toBe(
          assessIncident(before).significantlyAffected.length + 1,
        );
      }),
      { numRuns: 300 },
    );
  });
});
