import { describe, expect, it } from 'vitest';
import {
  IncidentReport,
  type IncidentReportInput,
  type UpdateRequest as UpdateBody,
  UpdateRequest,
} from '../incidents/model.js';
import { assessmentForReader, currentFacts, type LogFact } from '../incidents/rules.js';
import type { CepesRegister, CepesRegisterVerdict } from './cepes-verdict.js';
import { assessIncident, assessIncidentFacts, thirdCountryLevels } from './rules.js';

type EntityInput = NonNullable<IncidentReportInput['entities']>[number];

function report(fields: Partial<IncidentReportInput> = {}): IncidentReport {
  return IncidentReport.parse({
    title: 'Gas interconnector damaged',
    reportedBy: 'FI',
    occurredAt: '2026-07-01T08:30:00+02:00',
    ...fields,
  });
}

/** Serves six member states; FI is where it is established, not among those it serves. */
const SERVED = ['EE', 'LT', 'LV', 'PL', 'SE', 'DK'];

function gasco(fields: Partial<EntityInput> = {}): EntityInput {
  return {
    name: 'Gasco',
    sector: 'energy',
    establishedIn: 'FI',
    memberStatesServed: SERVED,
    significantlyDisrupted: true,
    ...fields,
  };
}

function verdict(fields: Partial<CepesRegisterVerdict> = {}): CepesRegisterVerdict {
  return {
    id: 'reg-1',
    name: 'Gasco Oy',
    kind: 'cepes',
    establishedIn: 'FI',
    memberStatesServed: ['FI', 'EE'],
    sectors: ['energy'],
    ...fields,
  };
}

const register = (...verdicts: CepesRegisterVerdict[]): CepesRegister =>
  new Map(verdicts.map((v) => [v.id, v]));

describe('T2 counts a CEPES disruption only when asserted by someone entitled to (CONTRACT)', () => {
  const cases: ReadonlyArray<
    [name: string, reportedBy: string, entity: EntityInput, met: boolean, unconfirmed: string[]]
  > = [
    ['asserted by the state of establishment', 'FI', gasco(), true, []],
    ['asserted by a member state it serves', 'EE', gasco(), true, []],
    ['asserted by ERCC', 'ERCC', gasco(), true, []],
    ['claimed by a third party: unconfirmed', 'DE', gasco(), false, ['Gasco']],
    [
      'claimed by a third party without any state named: unconfirmed',
      'DE',
      gasco({ establishedIn: undefined, cepes: true, memberStatesServed: [] }),
      false,
      ['Gasco'],
    ],
    [
      'a territory as the state of establishment counts for its member state',
      'FR',
      gasco({ establishedIn: 'RE' }),
      true,
      [],
    ],
    [
      'banking is never a CEPES, whoever asserts it',
      'ERCC',
      gasco({ sector: 'banking', cepes: true }),
      false,
      [],
    ],
    [
      'financial market infrastructure is never a CEPES',
      'FI',
      gasco({ sector: 'financial-market-infrastructure' }),
      false,
      [],
    ],
    [
      'digital infrastructure is never a CEPES, not even unconfirmed',
      'DE',
      gasco({ sector: 'digital-infrastructure', cepes: true }),
      false,
      [],
    ],
    ['not disrupted: nothing to confirm', 'DE', gasco({ significantlyDisrupted: false }), false, []],
  ];
  it.each(cases)('%s', (_name, reportedBy, entity, met, unconfirmed) => {
    const assessment = assessIncident(report({ reportedBy, entities: [entity] }));
    expect(assessment.triggers.find((t) => t.id === 'T2')?.met).toBe(met);
    expect(assessment.cepesAffected).toEqual(met ? ['Gasco'] : []);
    expect(assessment.unconfirmedCepes).toEqual(unconfirmed);
  });

  it('says who claimed an unconfirmed CEPES and who could confirm it', () => {
    const assessment = assessIncident(report({ reportedBy: 'DE', entities: [gasco()] }));
    expect(assessment.triggers[1]?.explanation).toContain(
      'Gasco is reported as significantly disrupted by DE',
    );
    expect(assessment.reasons.join(' ')).toContain('counts for T2 only once its state of establishment');
    expect(assessment.status).toBe('below-threshold');
  });

  it('makes no state affected by an unconfirmed CEPES', () => {
    const facts = assessIncidentFacts(report({ reportedBy: 'DE', entities: [gasco()] }));
    expect(facts.facts.triggers[1]).toMatchObject({
      id: 'T2',
      met: false,
      unconfirmedCepes: [{ name: 'Gasco', claimedBy: ['DE'] }],
    });
  });

  it('counts each member state served once after mapping territories (GF, MQ, RE are FR)', () => {
    const parsed = report({
      entities: [gasco({ memberStatesServed: ['FR', 'GF', 'MQ', 'RE', 'EE', 'LV', 'LT', 'PL'] })],
    });
    expect(parsed.entities[0]?.memberStatesServed).toEqual(['FR', 'EE', 'LV', 'LT', 'PL']);
    expect(assessIncident(parsed).triggers[1]?.met).toBe(false);
  });
});

describe("the CEPES register's verdict overrides the presumption", () => {
  const cases: ReadonlyArray<
    [
      name: string,
      reportedBy: string,
      entity: EntityInput,
      verdict: CepesRegisterVerdict,
      met: boolean,
      unconfirmed: string[],
    ]
  > = [
    [
      'a registered CEPES counts though it serves two states',
      'FI',
      gasco({ cepesId: 'reg-1', memberStatesServed: ['FI'] }),
      verdict(),
      true,
      [],
    ],
    [
      '"not a CEPES" though it serves six',
      'FI',
      gasco({ cepesId: 'reg-1' }),
      verdict({ kind: 'not-cepes' }),
      false,
      [],
    ],
    [
      'EU infrastructure is never a CEPES',
      'ERCC',
      gasco({ cepesId: 'reg-1', cepes: true }),
      verdict({ kind: 'eu-infrastructure' }),
      false,
      [],
    ],
    // The register's states decide who may assert: SE is served by the report's word only.
    ['the register decides who may assert', 'SE', gasco({ cepesId: 'reg-1' }), verdict(), false, ['Gasco']],
    [
      'a state the register says it serves may assert',
      'EE',
      gasco({ cepesId: 'reg-1', establishedIn: 'DE' }),
      verdict(),
      true,
      [],
    ],
    [
      'an unknown register id falls back to the presumption',
      'FI',
      gasco({ cepesId: 'reg-9' }),
      verdict(),
      true,
      [],
    ],
  ];
  it.each(cases)('%s', (_name, reportedBy, entity, v, met, unconfirmed) => {
    const assessment = assessIncident(report({ reportedBy, entities: [entity] }), register(v));
    expect(assessment.triggers[1]?.met).toBe(met);
    expect(assessment.unconfirmedCepes).toEqual(unconfirmed);
  });

  it('explains a verdict of EU infrastructure', () => {
    const assessment = assessIncident(
      report({ reportedBy: 'ERCC', entities: [gasco({ name: 'Galileo', cepesId: 'reg-1' })] }),
      register(verdict({ kind: 'eu-infrastructure' })),
    );
    expect(assessment.triggers[1]?.explanation).toContain("ERCC's register holds it as EU infrastructure");
  });
});

describe('territories inside the EU count for their member state (CONTRACT reference data)', () => {
  const cases: ReadonlyArray<[input: string, state: string, territory: string]> = [
    ['GF', 'FR', 'GF'],
    ['GP', 'FR', 'GP'],
    ['MQ', 'FR', 'MQ'],
    ['RE', 'FR', 'RE'],
    ['YT', 'FR', 'YT'],
    ['MF', 'FR', 'MF'],
    ['AX', 'FI', 'AX'],
    ['ic', 'ES', 'IC'],
    ['EA', 'ES', 'EA'],
  ];
  it.each(cases)('%s is %s, kept as the territory %s', (input, state, territory) => {
    const parsed = report({ reportedBy: state, impacts: [{ memberState: input, level: 'significant' }] });
    expect(parsed.impacts[0]).toMatchObject({ memberState: state, territory });
    expect(assessIncident(parsed).significantlyAffected).toEqual([state]);
  });

  it("a state's own level is the highest over its territories", () => {
    const parsed = report({
      reportedBy: 'FR',
      impacts: [
        { memberState: 'FR', level: 'minor' },
        { memberState: 'RE', level: 'significant' },
        { memberState: 'GF', level: 'none' },
      ],
    });
    expect(assessIncident(parsed)).toMatchObject({ significantlyAffected: ['FR'], minorlyAffected: [] });
  });

  it('refuses a territory that is not part of the state', () => {
    expect(() => report({ impacts: [{ memberState: 'DE', territory: 'RE', level: 'minor' }] })).toThrow(
      /not a territory of DE/,
    );
    expect(
      report({ impacts: [{ memberState: 'FR', territory: 're', level: 'minor' }] }).impacts[0],
    ).toMatchObject({
      memberState: 'FR',
      territory: 'RE',
    });
  });

  it('Kosovo (XK) is a valid country outside the EU; Greenland and New Caledonia are outside too', () => {
    const assessment = assessIncident(
      report({
        impacts: [
          { memberState: 'XK', level: 'significant' },
          { memberState: 'GL', level: 'significant' },
          { memberState: 'NC', level: 'significant' },
        ],
      }),
    );
    expect(assessment).toMatchObject({
      thirdCountriesAffected: ['GL', 'NC', 'XK'],
      significantlyAffected: [],
    });
  });
});

describe("a third country's own assessment: carried, listed, never counted", () => {
  const cases: ReadonlyArray<[name: string, impacts: IncidentReportInput['impacts'], listed: string[]]> = [
    ['claimed significant by FI', [{ memberState: 'NO', level: 'significant' }], ['NO']],
    [
      'its own "none" beats the claim',
      [
        { memberState: 'NO', level: 'significant' },
        { memberState: 'NO', level: 'none', assessedBy: 'NO' },
      ],
      [],
    ],
    [
      'its own "significant" beats a claim of minor',
      [
        { memberState: 'NO', level: 'minor' },
        { memberState: 'NO', level: 'significant', assessedBy: 'no' },
      ],
      ['NO'],
    ],
    [
      'its own "unknown" is no assessment',
      [
        { memberState: 'NO', level: 'significant' },
        { memberState: 'NO', level: 'unknown', assessedBy: 'NO' },
      ],
      ['NO'],
    ],
  ];
  it.each(cases)('NO %s', (_name, impacts, listed) => {
    const assessment = assessIncident(report({ impacts }));
    expect(assessment.thirdCountriesAffected).toEqual(listed);
    expect(assessment.significantlyAffected).toEqual([]);
    expect(assessment.ownAssessments).toEqual([]);
  });

  it('says which third countries assessed themselves', () => {
    const assessment = assessIncident(
      report({
        impacts: [
          { memberState: 'NO', level: 'significant', assessedBy: 'NO' },
          { memberState: 'UA', level: 'significant' },
        ],
      }),
    );
    expect(assessment.reasons.at(-1)).toBe(
      'Significantly affected outside the EU: NO and UA (NO by its own assessment); shown, but only EU member states count towards the triggers.',
    );
    expect(
      thirdCountryLevels(report({ impacts: [{ memberState: 'NO', level: 'minor', assessedBy: 'NO' }] })).get(
        'NO',
      ),
    ).toEqual({
      level: 'minor',
      own: true,
    });
  });

  it.each([
    [{ memberState: 'SE', level: 'significant', assessedBy: 'NO' }],
    [{ memberState: 'UA', level: 'significant', assessedBy: 'NO' }],
  ] as const)('a country outside the EU assesses only itself: %j', (impact) => {
    const parsed = IncidentReport.safeParse({
      title: 't',
      reportedBy: 'ERCC',
      occurredAt: '2026-07-01T08:30:00Z',
      impacts: [{ memberState: 'FI', level: 'none' }, impact],
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({
      path: ['impacts', 1, 'assessedBy'],
      message: 'a country outside the EU assesses only itself',
    });
  });
});

/** Log facts as the platform stores them: the asserter is the organisation of each entry. */
function first(fields: Partial<IncidentReportInput> = {}): LogFact {
  const body = report(fields);
  return { kind: 'report', authorOrg: body.reportedBy, createdAt: '2026-07-01T07:00:00Z', body };
}

function update(authorOrg: string, fields: Partial<Record<keyof UpdateBody, unknown>>): LogFact {
  const body = UpdateRequest.parse({ stage: 'other', text: 'update', ...fields });
  return { kind: 'update', authorOrg, createdAt: '2026-07-01T09:00:00Z', body };
}

function ownAssessment(
  authorOrg: string,
  memberState: string,
  level: 'none' | 'minor' | 'significant',
  territory?: string,
): LogFact {
  return {
    kind: 'own-assessment',
    authorOrg,
    createdAt: '2026-07-01T10:00:00Z',
    body: { memberState, level, territory },
  };
}

describe('facts over the log: each asserter kept apart', () => {
  const cases: ReadonlyArray<[name: string, facts: LogFact[], met: boolean, unconfirmed: string[]]> = [
    ['the establishment state asserts', [first({ entities: [gasco()] })], true, []],
    [
      'a later update by someone not entitled never overwrites the entitled word',
      [
        first({ entities: [gasco()] }),
        update('DE', { entities: [gasco({ significantlyDisrupted: false })] }),
      ],
      true,
      [],
    ],
    [
      'nor does a claim by someone not entitled count over an entitled "not disrupted"',
      [
        first({ entities: [gasco({ significantlyDisrupted: false })] }),
        update('DE', { entities: [gasco()] }),
      ],
      false,
      [],
    ],
    [
      'the entitled asserter’s own later word replaces its earlier one',
      [
        first({ entities: [gasco()] }),
        update('FI', { entities: [gasco({ significantlyDisrupted: false })] }),
      ],
      false,
      [],
    ],
    [
      'a claim by a third party stays unconfirmed until ERCC asserts it',
      [first({ reportedBy: 'DE', entities: [gasco()] })],
      false,
      ['Gasco'],
    ],
    [
      'ERCC asserting it confirms the claim',
      [first({ reportedBy: 'DE', entities: [gasco()] }), update('ERCC', { entities: [gasco()] })],
      true,
      [],
    ],
  ];
  it.each(cases)('%s', (_name, facts, met, unconfirmed) => {
    const assessment = assessIncident(currentFacts(facts));
    expect(assessment.triggers[1]?.met).toBe(met);
    expect(assessment.unconfirmedCepes).toEqual(unconfirmed);
  });

  it('an own assessment replaces the earlier one for the same state and territory only', () => {
    const facts = currentFacts([
      first({ reportedBy: 'DE' }),
      ownAssessment('FR', 'FR', 'minor'),
      ownAssessment('FR', 'FR', 'significant', 'RE'),
      ownAssessment('FR', 'FR', 'none', 'RE'),
    ]);
    expect(facts.impacts.filter((i) => i.memberState === 'FR').map((i) => [i.territory, i.level])).toEqual([
      [undefined, 'minor'],
      ['RE', 'none'],
    ]);
    expect(assessIncident(facts).minorlyAffected).toEqual(['FR']);
  });

  it("ERCC relays a third country's own assessment, which is marked as relayed", () => {
    const facts = currentFacts([first(), ownAssessment('ERCC', 'NO', 'significant')]);
    expect(facts.impacts).toContainEqual({
      memberState: 'NO',
      level: 'significant',
      assessedBy: 'NO',
      relayedBy: 'ERCC',
    });
    expect(assessIncident(facts).thirdCountriesAffected).toEqual(['NO']);
  });
});

describe('facts that develop: cause, a suspected deliberate act and the domain change by update', () => {
  const affected = { impacts: [{ memberState: 'EE', level: 'minor' as const, assessedBy: 'EE' }] };
  const cases: ReadonlyArray<
    [name: string, author: string, change: Record<string, unknown>, expected: Record<string, unknown>]
  > = [
    ['the reporter changes the cause', 'FI', { cause: 'hybrid' }, { cause: 'hybrid', domain: 'civil' }],
    [
      'an affected state suspects a deliberate act',
      'EE',
      { suspectedDeliberate: true },
      { suspectedDeliberate: true },
    ],
    [
      'an affected state changes the domain',
      'EE',
      { domain: 'public-security' },
      { domain: 'public-security', domainSetBy: 'EE' },
    ],
    [
      'the reporter finds international security involved',
      'FI',
      { internationalSecurity: true },
      { internationalSecurity: true },
    ],
    [
      'an organisation neither reporting nor affected changes nothing',
      'DE',
      { cause: 'cyber', domain: 'defence' },
      { cause: 'unknown', domain: 'civil' },
    ],
  ];
  it.each(cases)('%s', (_name, author, change, expected) => {
    const facts = currentFacts([first(affected), update(author, change)]);
    expect(facts).toMatchObject(expected);
  });

  it('out of scope by an update, back in scope by a later one, the latest change winning and its author shown', () => {
    const out = currentFacts([first(affected), update('EE', { domain: 'national-security' })]);
    expect(assessIncident(out).status).toBe('out-of-scope');
    expect(assessIncident(out).reasons).toContain(
      "The incident's domain (national-security) was last set by EE in an update.",
    );
    const back = currentFacts([
      first(affected),
      update('EE', { domain: 'national-security' }),
      update('FI', { domain: 'civil' }),
    ]);
    expect(assessIncident(back).status).toBe('below-threshold');
    expect(assessIncident(back).reasons).toContain(
      "The incident's domain (civil) was last set by FI in an update.",
    );
  });

  it('an update that leaves the developing facts out leaves them as they are', () => {
    const facts = currentFacts([
      first({ ...affected, cause: 'physical', suspectedDeliberate: true }),
      update('FI', {}),
    ]);
    expect(facts).toMatchObject({ cause: 'physical', suspectedDeliberate: true, domain: 'civil' });
    expect(facts.domainSetBy).toBeUndefined();
  });
});

describe('unconfirmed CEPES are withheld like cepesAffected', () => {
  it('names an unconfirmed CEPES only to readers who may see it', () => {
    const record = assessIncidentFacts(
      report({ reportedBy: 'DE', entities: [gasco({ name: 'Hidden Gas Oy' })] }),
    );
    const read = assessmentForReader(record, [{ name: 'Hidden Gas Oy', by: 'DE' }]);
    expect(read.unconfirmedCepes).toEqual(['withheld by DE']);
    expect(JSON.stringify(read)).not.toContain('Hidden Gas');
    expect(read.reasons.join(' ')).toContain('withheld by DE is reported as significantly disrupted by DE');
    expect(assessmentForReader(record, 'every-name').unconfirmedCepes).toEqual(['withheld']);
  });
});
