import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IncidentReport, type IncidentReportInput } from '../incidents/model.js';
import { MEMBER_STATES } from '../registry/countries.js';
import { Assessment } from './model.js';
import { affectedMemberStates, assessIncident, isCepes, ownLevels, statusRank } from './rules.js';

type ImpactInput = NonNullable<IncidentReportInput['impacts']>[number];
type EntityInput = NonNullable<IncidentReportInput['entities']>[number];

function report(fields: Partial<IncidentReportInput> = {}): IncidentReport {
  return IncidentReport.parse({
    title: 'Gas supply disruption',
    reportedBy: 'ERCC',
    occurredAt: '2026-07-01T08:30:00+02:00',
    ...fields,
  });
}

/** Each state reporting its own impact at `level`. */
function own(level: ImpactInput['level'], ...states: string[]): ImpactInput[] {
  return states.map((state) => ({ memberState: state, level, assessedBy: state }));
}

function entity(fields: Partial<EntityInput> = {}): EntityInput {
  return { name: 'Nordgas', sector: 'energy', ...fields };
}

const SIX = ['DE', 'EE', 'FI', 'LT', 'LV', 'PL'];
const FIVE = SIX.slice(0, 5);

describe('assessIncident: rules of CONTRACT.md', () => {
  const cases: ReadonlyArray<
    [name: string, fields: Partial<IncidentReportInput>, expected: Partial<Assessment>]
  > = [
    [
      'nothing reported',
      {},
      {
        status: 'below-threshold',
        significantlyAffected: [],
        minorlyAffected: [],
        unconfirmed: [],
        thirdCountriesAffected: [],
        cepesAffected: [],
        ownAssessments: [],
      },
    ],
    [
      'one state significantly affected',
      { impacts: own('significant', 'FI') },
      { status: 'below-threshold' },
    ],
    [
      'two states significantly affected: a decision is required',
      { impacts: own('significant', 'PT', 'ES') },
      { status: 'decision-required', significantlyAffected: ['ES', 'PT'] },
    ],
    ['five states: T1 not met', { impacts: own('significant', ...FIVE) }, { status: 'decision-required' }],
    [
      'six states: T1 met',
      { impacts: own('significant', ...SIX) },
      { status: 'applies', significantlyAffected: SIX },
    ],
    [
      'third countries are shown, never counted',
      {
        reportedBy: 'FI',
        impacts: [
          ...own('significant', ...FIVE),
          { memberState: 'NO', level: 'significant' },
          { memberState: 'CH', level: 'significant' },
          { memberState: 'UA', level: 'significant' },
          { memberState: 'UA', level: 'significant', assessedBy: 'DE' },
          { memberState: 'RS', level: 'minor' },
        ],
      },
      {
        status: 'decision-required',
        significantlyAffected: FIVE,
        thirdCountriesAffected: ['CH', 'NO', 'UA'],
      },
    ],
    [
      'EL and GR are one state, UK is GB outside the EU',
      {
        reportedBy: 'EL',
        impacts: [
          { memberState: 'GR', level: 'significant' },
          { memberState: 'EL', level: 'significant', assessedBy: 'gr' },
          { memberState: 'el', level: 'minor', assessedBy: 'EL' },
          ...own('significant', 'CY'),
          { memberState: 'UK', level: 'significant' },
          { memberState: 'GB', level: 'significant' },
        ],
      },
      {
        status: 'decision-required',
        significantlyAffected: ['CY', 'GR'],
        thirdCountriesAffected: ['GB'],
        ownAssessments: ['CY', 'GR'],
      },
    ],
    [
      'several impacts for one state count once, at the highest level',
      {
        impacts: [
          ...own('minor', 'FI', 'EE', 'LV'),
          ...own('significant', 'FI', 'FI', 'EE', 'DE', 'DE', 'DE', 'PL'),
          ...own('none', 'LV', 'SE'),
          ...own('unknown', 'SE', 'DK'),
        ],
      },
      {
        status: 'decision-required',
        significantlyAffected: ['DE', 'EE', 'FI', 'PL'],
        minorlyAffected: ['LV'],
        ownAssessments: ['DE', 'EE', 'FI', 'LV', 'PL', 'SE'],
      },
    ],
    [
      'a significantly disrupted CEPES by flag: T2',
      { entities: [entity({ cepes: true, significantlyDisrupted: true })] },
      { status: 'applies', cepesAffected: ['Nordgas'] },
    ],
    [
      'a CEPES by reach, six EU member states served',
      { entities: [entity({ memberStatesServed: SIX, significantlyDisrupted: true })] },
      { status: 'applies', cepesAffected: ['Nordgas'] },
    ],
    [
      'five EU member states served is not CEPES, nor are third countries or repeats counted',
      {
        entities: [
          entity({
            memberStatesServed: [...FIVE, 'NO', 'CH', 'UK', 'fi', 'FI'],
            significantlyDisrupted: true,
          }),
        ],
      },
      { status: 'below-threshold', cepesAffected: [] },
    ],
    [
      'a CEPES that is not significantly disrupted',
      { entities: [entity({ cepes: true, memberStatesServed: SIX })] },
      { status: 'below-threshold', cepesAffected: [] },
    ],
    ...(['banking', 'financial-market-infrastructure', 'digital-infrastructure'] as const).map(
      (sector): [string, Partial<IncidentReportInput>, Partial<Assessment>] => [
        `${sector} is never CEPES (CER Art. 8)`,
        {
          entities: [
            entity({
              name: 'Big',
              sector,
              cepes: true,
              memberStatesServed: SIX,
              significantlyDisrupted: true,
            }),
          ],
        },
        { status: 'below-threshold', cepesAffected: [] },
      ],
    ),
    [
      'others assessing a state leave it unconfirmed',
      {
        reportedBy: 'DE',
        impacts: [
          ...own('significant', 'DE'),
          { memberState: 'FR', level: 'significant' },
          { memberState: 'PL', level: 'significant', assessedBy: 'ERCC' },
          { memberState: 'PL', level: 'significant', assessedBy: 'CZ' },
        ],
      },
      {
        status: 'below-threshold',
        significantlyAffected: ['DE'],
        unconfirmed: ['FR', 'PL'],
        ownAssessments: ['DE'],
      },
    ],
    [
      'any own assessment, even none, confirms; unknown does not',
      {
        reportedBy: 'ERCC',
        impacts: [
          { memberState: 'FR', level: 'significant' },
          { memberState: 'IT', level: 'significant' },
          { memberState: 'AT', level: 'significant' },
          ...own('none', 'FR'),
          ...own('minor', 'IT'),
          ...own('unknown', 'AT'),
        ],
      },
      {
        status: 'below-threshold',
        unconfirmed: ['AT'],
        minorlyAffected: ['IT'],
        ownAssessments: ['FR', 'IT'],
      },
    ],
    [
      'others calling a state not affected is no assessment either',
      { impacts: [{ memberState: 'FR', level: 'none' }] },
      { unconfirmed: [], ownAssessments: [] },
    ],
    [
      'T3: two states and coordination agreed',
      { impacts: own('significant', 'ES', 'PT'), coordinationAgreed: true },
      { status: 'applies' },
    ],
    [
      'T3: coordination agreed is not enough with one state',
      { impacts: own('significant', 'ES'), coordinationAgreed: true },
      { status: 'below-threshold' },
    ],
    ...(['national-security', 'defence', 'law-enforcement'] as const).map(
      (domain): [string, Partial<IncidentReportInput>, Partial<Assessment>] => [
        `the ${domain} domain is out of scope`,
        { domain, impacts: own('significant', ...SIX) },
        { status: 'out-of-scope', significantlyAffected: SIX },
      ],
    ),
  ];

  it.each(cases)('%s', (_, fields, expected) => {
    expect(assessIncident(report(fields))).toMatchObject(expected);
  });
});

describe('triggers', () => {
  function triggers(
    fields: Partial<IncidentReportInput>,
  ): Record<string, { met: boolean; explanation: string }> {
    return Object.fromEntries(assessIncident(report(fields)).triggers.map((t) => [t.id, t]));
  }

  it('are T1, T2 and T3 in that order', () => {
    expect(assessIncident(report()).triggers.map((t) => t.id)).toEqual(['T1', 'T2', 'T3']);
  });

  it('T1 names the states counted and how many more are needed', () => {
    expect(triggers({ impacts: own('significant', 'FI', 'LV', 'EE', 'DE') }).T1).toEqual({
      id: 'T1',
      met: false,
      explanation:
        '4 of 6 member states significantly affected by their own assessment (DE, EE, FI, LV); 2 more needed',
    });
    expect(triggers({ impacts: own('significant', ...FIVE) }).T1?.explanation).toMatch(/; 1 more needed$/);
    expect(triggers({}).T1?.explanation).toBe(
      '0 of 6 member states significantly affected by their own assessment; 6 more needed',
    );
    expect(triggers({ impacts: own('significant', ...SIX) }).T1).toMatchObject({
      met: true,
      explanation:
        '6 member states significantly affected by their own assessment (DE, EE, FI, LT, LV, PL); 6 needed, threshold reached',
    });
  });

  it('T1 says which claims by others would count once confirmed', () => {
    const t1 = triggers({
      impacts: [...own('significant', 'DE'), { memberState: 'FR', level: 'significant' }],
    }).T1;
    expect(t1?.explanation).toContain('FR would count once they assess their own impact');
  });

  it('T2 names the disrupted CEPES and why each is one', () => {
    expect(
      triggers({
        entities: [
          entity({ name: 'Nordgas', memberStatesServed: [...SIX, 'SE'], significantlyDisrupted: true }),
          entity({ name: 'Baltic Rail', sector: 'transport', cepes: true, significantlyDisrupted: true }),
        ],
      }).T2,
    ).toEqual({
      id: 'T2',
      met: true,
      explanation:
        '2 CEPES significantly disrupted: Nordgas (serves 7 member states), asserted by ERCC, Baltic Rail (designated CEPES), asserted by ERCC',
    });
  });

  it('T2 says why a disrupted entity is not a CEPES', () => {
    const t2 = triggers({
      entities: [
        entity({ name: 'Gridco', memberStatesServed: ['FI', 'EE', 'NO'], significantlyDisrupted: true }),
        entity({ name: 'Eurobank', sector: 'banking', cepes: true, significantlyDisrupted: true }),
        entity({ name: 'Pipeco', cepes: true }),
      ],
    }).T2;
    expect(t2?.met).toBe(false);
    expect(t2?.explanation).toBe(
      'No CEPES significantly disrupted; 1 needed; ' +
        'Gridco is significantly disrupted but is not a CEPES: it serves 2 of 6 member states needed and is not designated one; ' +
        'Eurobank is significantly disrupted but is not a CEPES: CER Art. 8 excludes the banking sector; ' +
        'Pipeco is a CEPES not significantly disrupted',
    );
  });

  it.each([
    [
      ['ES', 'PT'],
      true,
      true,
      '2 member states significantly affected by their own assessment (ES, PT); coordination at Union level agreed',
    ],
    [
      ['ES', 'PT'],
      false,
      false,
      '2 member states significantly affected by their own assessment (ES, PT); coordination at Union level not yet agreed in the consultation of the Council Presidency',
    ],
    [
      ['ES'],
      true,
      false,
      '1 of 2 member states significantly affected by their own assessment (ES); 1 more needed; coordination at Union level agreed',
    ],
    [
      [],
      false,
      false,
      '0 of 2 member states significantly affected by their own assessment; 2 more needed; coordination at Union level not yet agreed in the consultation of the Council Presidency',
    ],
  ])(
    'T3 with %j significant and coordinationAgreed %s: met %s',
    (states, coordinationAgreed, met, explanation) => {
      expect(triggers({ impacts: own('significant', ...states), coordinationAgreed }).T3).toEqual({
        id: 'T3',
        met,
        explanation,
      });
    },
  );

  it('are still evaluated out of scope', () => {
    const assessment = assessIncident(
      report({ domain: 'defence', impacts: own('significant', 'ES', 'PT'), coordinationAgreed: true }),
    );
    expect(assessment.status).toBe('out-of-scope');
    expect(assessment.triggers.find((t) => t.id === 'T3')?.met).toBe(true);
  });
});

describe('reasons', () => {
  it('explain an applying Blueprint by its met triggers', () => {
    const { reasons } = assessIncident(
      report({ impacts: own('significant', 'ES', 'PT'), coordinationAgreed: true }),
    );
    expect(reasons).toEqual([
      'The Blueprint applies because T3 is met: 2 member states significantly affected by their own assessment (ES, PT); coordination at Union level agreed.',
    ]);
  });

  it('explain a required decision', () => {
    const { reasons } = assessIncident(report({ impacts: own('significant', 'ES', 'PT') }));
    expect(reasons[0]).toBe(
      'Decision required: 2 member states significantly affected by their own assessment (ES, PT); the Council Presidency decides after consulting them, by silence procedure, whether coordination at Union level is needed (T3).',
    );
  });

  it('explain below threshold, unconfirmed claims and third countries', () => {
    const { reasons } = assessIncident(
      report({
        reportedBy: 'ES',
        impacts: [
          ...own('significant', 'ES'),
          { memberState: 'FR', level: 'significant' },
          { memberState: 'FR', level: 'significant', assessedBy: 'ERCC' },
          { memberState: 'NO', level: 'significant' },
        ],
      }),
    );
    expect(reasons).toEqual([
      'Below threshold: 1 member state significantly affected by its own assessment (ES) and no CEPES significantly disrupted; a decision on coordination at Union level needs 2 significantly affected member states.',
      'FR is reported as significantly affected by ERCC and ES but has not made its own assessment; it counts only once FR assesses its own impact.',
      'Significantly affected outside the EU: NO; shown, but only EU member states count towards the triggers.',
    ]);
  });

  it('explain an out-of-scope domain and what would otherwise be met', () => {
    const { reasons } = assessIncident(
      report({ domain: 'law-enforcement', impacts: own('significant', ...SIX) }),
    );
    expect(reasons[0]).toMatch(/^Out of scope: the incident is in the law-enforcement domain/);
    expect(reasons[1]).toMatch(/^T1 would be met: 6 member states/);
  });
});

describe('helpers', () => {
  it('ownLevels keeps only EU member states’ own, known assessments at their highest level', () => {
    const levels = ownLevels(
      report({
        reportedBy: 'EL',
        impacts: [
          { memberState: 'GR', level: 'minor' },
          { memberState: 'GR', level: 'none' },
          { memberState: 'FI', level: 'significant' },
          ...own('unknown', 'DE'),
          ...own('significant', 'AT'),
        ],
      }),
    );
    expect([...levels].sort()).toEqual([
      ['AT', 'significant'],
      ['GR', 'minor'],
    ]);
  });

  it('affectedMemberStates joins own minor or significant impact and states served by a disrupted CEPES', () => {
    const affected = affectedMemberStates(
      report({
        impacts: [...own('minor', 'SE'), ...own('none', 'DK'), ...own('significant', 'HR')],
        entities: [
          entity({
            memberStatesServed: ['AT', 'SI', 'HU', 'SK', 'CZ', 'PL', 'UA'],
            significantlyDisrupted: true,
          }),
          entity({ name: 'Other', memberStatesServed: ['PT', 'ES'], significantlyDisrupted: true }),
          entity({ name: 'Quiet', cepes: true, memberStatesServed: ['IE'] }),
        ],
      }),
    );
    expect(affected).toEqual(['AT', 'CZ', 'HR', 'HU', 'PL', 'SE', 'SI', 'SK']);
  });

  it('isCepes by flag or reach, never in excluded sectors', () => {
    const none: string[] = [];
    expect(isCepes({ sector: 'energy', cepes: true, memberStatesServed: none })).toBe(true);
    expect(isCepes({ sector: 'energy', cepes: false, memberStatesServed: SIX })).toBe(true);
    expect(isCepes({ sector: 'energy', cepes: false, memberStatesServed: FIVE })).toBe(false);
    expect(isCepes({ sector: 'digital-infrastructure', cepes: true, memberStatesServed: SIX })).toBe(false);
  });
});

describe('properties', () => {
  const EU = MEMBER_STATES.map((state) => state.code);
  const countries = fc.constantFrom(...EU, 'EL', 'NO', 'CH', 'UA', 'UK');
  const assessors = fc.option(fc.constantFrom(...EU, 'EL', 'ERCC', 'ENISA', 'NATO'), { nil: undefined });
  const impact: fc.Arbitrary<ImpactInput> = fc.record({
    memberState: countries,
    level: fc.constantFrom('none', 'minor', 'significant', 'unknown'),
    assessedBy: assessors,
  });
  const anEntity: fc.Arbitrary<EntityInput> = fc.record({
    name: fc.constantFrom('Nordgas', 'Gridco', 'Railnet', 'Eurobank'),
    sector: fc.constantFrom('energy', 'transport', 'banking', 'digital-infrastructure', 'health'),
    memberStatesServed: fc.array(countries, { maxLength: 10 }),
    cepes: fc.boolean(),
    significantlyDisrupted: fc.boolean(),
  });
  const civilReport = fc.record({
    reportedBy: fc.constantFrom(...EU, 'ERCC'),
    impacts: fc.array(impact, { maxLength: 20 }),
    entities: fc.array(anEntity, { maxLength: 4 }),
    coordinationAgreed: fc.boolean(),
  });

  function rank(fields: Partial<IncidentReportInput>): number {
    const status = assessIncident(report(fields)).status;
    const value = statusRank(status);
    if (value === undefined) throw new Error(`civil report gave ${status}`);
    return value;
  }

  it('adding a significantly affected state by its own assessment never lowers the status', () => {
    fc.assert(
      fc.property(civilReport, fc.constantFrom(...EU), (fields, state) => {
        const more = { ...fields, impacts: [...fields.impacts, ...own('significant', state)] };
        expect(rank(more)).toBeGreaterThanOrEqual(rank(fields));
      }),
    );
  });

  it('adding a significantly disrupted CEPES never lowers the status', () => {
    fc.assert(
      fc.property(civilReport, fc.boolean(), (fields, byFlag) => {
        // Asserted by someone entitled to: the reporter is where it is established (or ERCC).
        const cepes = entity({
          name: 'Added',
          establishedIn: fields.reportedBy === 'ERCC' ? undefined : fields.reportedBy,
          cepes: byFlag,
          memberStatesServed: byFlag ? [] : SIX,
          significantlyDisrupted: true,
        });
        const more = { ...fields, entities: [...fields.entities, cepes] };
        expect(rank(more)).toBeGreaterThanOrEqual(rank(fields));
        expect(assessIncident(report(more)).status).toBe('applies');
      }),
    );
  });

  it('withdrawing the coordination agreement never raises the status', () => {
    fc.assert(
      fc.property(civilReport, (fields) => {
        expect(rank({ ...fields, coordinationAgreed: false })).toBeLessThanOrEqual(rank(fields));
      }),
    );
  });

  it('claims about a state by others never change what counts', () => {
    fc.assert(
      fc.property(civilReport, fc.constantFrom(...EU), (fields, state) => {
        const claimant = state === 'FI' ? 'SE' : 'FI';
        const claim: ImpactInput = { memberState: state, level: 'significant', assessedBy: claimant };
        const before = assessIncident(report(fields));
        const after = assessIncident(report({ ...fields, impacts: [...fields.impacts, claim] }));
        expect(after.status).toBe(before.status);
        expect(after.significantlyAffected).toEqual(before.significantlyAffected);
      }),
    );
  });

  it('a domain other than civil is always out of scope', () => {
    fc.assert(
      fc.property(
        civilReport,
        fc.constantFrom('national-security', 'defence', 'law-enforcement'),
        (fields, domain) => {
          expect(assessIncident(report({ ...fields, domain })).status).toBe('out-of-scope');
        },
      ),
    );
  });

  it('every assessment satisfies its own schema and lists are sorted and unique', () => {
    fc.assert(
      fc.property(civilReport, (fields) => {
        const assessment = Assessment.parse(assessIncident(report(fields)));
        for (const list of [
          assessment.significantlyAffected,
          assessment.unconfirmed,
          assessment.thirdCountriesAffected,
          assessment.ownAssessments,
        ]) {
          expect(list).toEqual([...new Set(list)].sort());
        }
        for (const state of assessment.unconfirmed) expect(assessment.ownAssessments).not.toContain(state);
      }),
    );
  });
});
