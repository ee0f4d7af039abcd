import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { OwnLevel } from '../blueprint/model.js';
import { type Cause, IncidentReport, type IncidentReportInput, UpdateRequest } from './model.js';
import { entityReporting, type RegimeFact, regimesFor, stagesOf } from './reporting-clocks.js';
import { type LogFact, reportingClocks, reportingStatus } from './rules.js';

type UpdateInput = z.input<typeof UpdateRequest>;
type EntityInput = NonNullable<IncidentReportInput['entities']>[number];

const HOUR = 3_600_000;
const T0 = '2026-07-01T08:00:00.000Z';
const at = (hours: number, from = T0) => new Date(Date.parse(from) + hours * HOUR).toISOString();

function reportFact(org: string, createdAt: string, fields: Partial<IncidentReportInput> = {}): LogFact {
  return {
    kind: 'report',
    authorOrg: org,
    createdAt,
    body: IncidentReport.parse({
      title: 'Subsea cable cut',
      reportedBy: org,
      occurredAt: '2026-07-01T06:30:00+02:00',
      ...fields,
    }),
  };
}

function updateFact(
  org: string,
  createdAt: string,
  fields: Partial<UpdateInput> & Pick<UpdateInput, 'stage'>,
) {
  return {
    kind: 'update',
    authorOrg: org,
    createdAt,
    body: UpdateRequest.parse({ text: 'Situation update', ...fields }),
  } satisfies LogFact;
}

function ownFact(state: string, level: OwnLevel, createdAt: string): LogFact {
  return { kind: 'own-assessment', authorOrg: state, createdAt, body: { memberState: state, level } };
}

const entity = (name: string, sector: string, subsector?: string): EntityInput =>
  subsector ? { name, sector, subsector } : { name, sector };

describe('regimesFor: the regime follows the entity’s sector and type', () => {
  const cer: RegimeFact = { regime: 'cer', reason: 'cer-critical-entity' };
  const nis2Systems: RegimeFact = { regime: 'nis2', reason: 'nis2-network-and-information-systems' };
  const nis2Digital: RegimeFact = { regime: 'nis2', reason: 'nis2-digital-whatever-cause' };
  const dora: RegimeFact = { regime: 'dora', reason: 'dora-financial-entity' };
  const cases: ReadonlyArray<
    [what: string, sector: string, subsector: string | undefined, cause: Cause, RegimeFact[]]
  > = [
    [
      'a physical cable cut on an electronic-communications entity',
      'digital-infrastructure',
      'electronic-communications',
      'physical',
      [nis2Digital],
    ],
    ['a natural cause on a data centre', 'digital-infrastructure', 'data-centres', 'natural', [nis2Digital]],
    ['a cyber attack on a DNS provider', 'digital-infrastructure', 'dns', 'cyber', [nis2Digital]],
    [
      'a trust service provider, any cause',
      'digital-infrastructure',
      'trust-services',
      'technical-failure',
      [nis2Digital],
    ],
    ['ICT service management, any cause', 'ict-service-management', undefined, 'physical', [nis2Digital]],
    ['a bank, cyber cause', 'banking', 'credit-institutions', 'cyber', [dora]],
    ['a bank, physical cause', 'banking', undefined, 'physical', [dora]],
    ['a central counterparty', 'financial-market-infrastructure', 'central-counterparties', 'hybrid', [dora]],
    ['an energy entity, cyber cause', 'energy', 'gas', 'cyber', [cer, nis2Systems]],
    ['an energy entity, hybrid cause', 'energy', 'electricity', 'hybrid', [cer, nis2Systems]],
    ['an energy entity, physical cause', 'energy', 'electricity', 'physical', [cer]],
    ['a hospital, unknown cause', 'health', 'healthcare-providers', 'unknown', [cer]],
    ['a ground station, GNSS interference', 'space', 'ground-infrastructure', 'gnss-interference', [cer]],
    ['food distribution, cyber cause', 'food', 'food-logistics-wholesale', 'cyber', [cer, nis2Systems]],
  ];
  it.each(cases)('%s', (_what, sector, subsector, cause, regimes) => {
    expect(regimesFor({ sector, subsector }, cause)).toEqual(regimes);
  });
});

describe('stagesOf: each regime’s stages and what their times run from', () => {
  const none = new Map();
  it('CER: initial notification 24 h after awareness; the detailed report a month after it, once recorded', () => {
    expect(stagesOf('cer', T0, none, false)).toEqual([
      {
        regime: 'cer',
        stage: 'cer-initial-notification',
        basis: 'awareness-24h',
        dueAt: at(24),
        recordedAt: null,
      },
      {
        regime: 'cer',
        stage: 'cer-detailed-report',
        basis: 'initial-notification-1-month',
        dueAt: null,
        recordedAt: null,
      },
    ]);
    const recorded = new Map([['cer-initial-notification' as const, '2026-01-31T10:00:00.000Z']]);
    expect(stagesOf('cer', T0, recorded, false)[1]?.dueAt).toBe('2026-02-28T10:00:00.000Z');
  });

  it('NIS2: early warning 24 h, notification 72 h, intermediate on request, final and progress a month after the notification', () => {
    const recorded = new Map([['nis2-incident-notification' as const, at(50)]]);
    expect(stagesOf('nis2', T0, recorded, false)).toEqual([
      {
        regime: 'nis2',
        stage: 'nis2-early-warning',
        basis: 'awareness-24h',
        dueAt: at(24),
        recordedAt: null,
      },
      {
        regime: 'nis2',
        stage: 'nis2-incident-notification',
        basis: 'awareness-72h',
        dueAt: at(72),
        recordedAt: at(50),
      },
      {
        regime: 'nis2',
        stage: 'nis2-intermediate-report',
        basis: 'on-request',
        dueAt: null,
        recordedAt: null,
      },
      {
        regime: 'nis2',
        stage: 'nis2-final-report',
        basis: 'incident-notification-1-month',
        dueAt: '2026-08-03T10:00:00.000Z',
        recordedAt: null,
      },
      {
        regime: 'nis2',
        stage: 'nis2-progress-report',
        basis: 'while-ongoing',
        dueAt: '2026-08-03T10:00:00.000Z',
        recordedAt: null,
      },
    ]);
  });

  it('NIS2 for a trust service provider: the incident notification within 24 h', () => {
    const notification = stagesOf('nis2', T0, new Map(), true).find(
      (s) => s.stage === 'nis2-incident-notification',
    );
    expect(notification).toMatchObject({ basis: 'awareness-24h-trust-service', dueAt: at(24) });
  });

  it('DORA: initial notification by 24 h after awareness (4 h after classification), intermediate 72 h later, final a month after that', () => {
    expect(stagesOf('dora', T0, new Map(), false).map((s) => [s.stage, s.basis, s.dueAt])).toEqual([
      ['dora-initial-notification', 'classification-4h-awareness-24h', at(24)],
      ['dora-intermediate-report', 'initial-notification-72h', null],
      ['dora-final-report', 'intermediate-report-1-month', null],
    ]);
    const recorded = new Map([
      ['dora-initial-notification' as const, at(3)],
      ['dora-intermediate-report' as const, at(60)],
    ]);
    expect(stagesOf('dora', T0, recorded, false).map((s) => s.dueAt)).toEqual([
      at(24),
      at(75),
      '2026-08-03T20:00:00.000Z',
    ]);
  });
});

describe('entityReporting: clocks per entity, for information', () => {
  it('a physical cable cut on an electronic-communications entity runs under NIS2, with no CER stage', () => {
    const facts = [
      reportFact('FI', T0, {
        cause: 'physical',
        detectedAt: '2026-07-01T09:00:00+03:00',
        entities: [entity('Baltic link operator', 'digital-infrastructure', 'electronic-communications')],
      }),
    ];
    const [clock] = entityReporting(facts, 'physical');
    expect(clock).toMatchObject({
      entity: 'Baltic link operator',
      reportedBy: 'FI',
      awareAt: '2026-07-01T06:00:00.000Z',
      regimes: [{ regime: 'nis2', reason: 'nis2-digital-whatever-cause' }],
    });
    expect(clock!.stages.map((s) => s.stage)).toEqual([
      'nis2-early-warning',
      'nis2-incident-notification',
      'nis2-intermediate-report',
      'nis2-final-report',
      'nis2-progress-report',
    ]);
  });

  it('a bank under DORA beside an energy entity under CER and NIS2 in the same cyber incident', () => {
    const facts = [
      reportFact('DE', T0, {
        cause: 'cyber',
        entities: [
          entity('Rhein Bank', 'banking', 'credit-institutions'),
          entity('Nord Gas TSO', 'energy', 'gas'),
        ],
      }),
    ];
    const clocks = reportingClocks(facts);
    expect(clocks.map((c) => [c.entity, c.regimes.map((r) => r.regime)])).toEqual([
      ['Rhein Bank', ['dora']],
      ['Nord Gas TSO', ['cer', 'nis2']],
    ]);
    expect(clocks[1]!.stages.map((s) => `${s.regime}:${s.stage}`)).toEqual([
      'cer:cer-initial-notification',
      'cer:cer-detailed-report',
      'nis2:nis2-early-warning',
      'nis2:nis2-incident-notification',
      'nis2:nis2-intermediate-report',
      'nis2:nis2-final-report',
      'nis2:nis2-progress-report',
    ]);
  });

  it('a stage is recorded by an update of the organisation that named the entity, or one naming it; others do not count', () => {
    const facts = [
      reportFact('FI', T0, { cause: 'physical', entities: [entity('Inkoo terminal', 'energy', 'gas')] }),
      updateFact('EE', at(2), { stage: 'cer-initial-notification' }),
      updateFact('FI', at(5), { stage: 'cer-initial-notification' }),
      updateFact('LV', at(7), {
        stage: 'cer-detailed-report',
        entities: [entity('Inkoo terminal', 'energy', 'gas')],
      }),
    ];
    const [clock] = entityReporting(facts, 'physical');
    expect(clock!.stages).toEqual([
      {
        regime: 'cer',
        stage: 'cer-initial-notification',
        basis: 'awareness-24h',
        dueAt: at(24),
        recordedAt: at(5),
      },
      {
        regime: 'cer',
        stage: 'cer-detailed-report',
        basis: 'initial-notification-1-month',
        dueAt: '2026-08-01T13:00:00.000Z',
        recordedAt: at(7),
      },
    ]);
  });

  it('an update naming the entity with awareAt moves its clock; an entity whose name the reader may not see stays nameless', () => {
    const facts = [
      reportFact('FI', T0, { cause: 'physical', entities: [entity('Inkoo terminal', 'energy', 'gas')] }),
      updateFact('FI', at(4), {
        stage: 'other',
        awareAt: '2026-07-01T07:00:00+00:00',
        entities: [entity('Inkoo terminal', 'energy', 'gas')],
      }),
    ];
    expect(entityReporting(facts, 'physical')[0]?.awareAt).toBe('2026-07-01T07:00:00.000Z');
    // What a reader receives when the author withheld the name: the entity without it.
    const withheld = reportFact('FI', T0, { cause: 'physical' });
    (withheld.body as { entities: unknown[] }).entities = [{ sector: 'energy', subsector: 'gas' }];
    expect(entityReporting([withheld], 'physical')).toEqual([
      expect.objectContaining({ entity: null, sector: 'energy', subsector: 'gas' }),
    ]);
  });

  it('the cause as the facts now give it decides NIS2 for a critical entity', () => {
    const facts = [
      reportFact('FI', T0, { cause: 'cyber', entities: [entity('Fingrid', 'energy', 'electricity')] }),
    ];
    expect(reportingClocks(facts)[0]?.regimes.map((r) => r.regime)).toEqual(['cer', 'nis2']);
  });

  it('no clock says anyone is late, whatever the time', () => {
    const facts = [
      reportFact('FI', T0, { cause: 'cyber', entities: [entity('Fingrid', 'energy', 'electricity')] }),
    ];
    const shown = JSON.stringify([reportingClocks(facts), reportingStatus(facts)]);
    expect(shown).not.toMatch(/overdue|late/i);
  });
});

describe('reportingStatus: what each state has shared, never a deadline of its own', () => {
  const cases: ReadonlyArray<[name: string, facts: LogFact[], current: string | null]> = [
    ['named only', [reportFact('ERCC', T0, { impacts: [{ memberState: 'FI', level: 'minor' }] })], null],
    ['its first report is its initial notification', [reportFact('FI', T0)], 'cer-initial-notification'],
    [
      'a later stage becomes current',
      [reportFact('FI', T0), updateFact('FI', at(40), { stage: 'nis2-incident-notification' })],
      'nis2-incident-notification',
    ],
    [
      'a repeated earlier stage does not become current',
      [
        reportFact('FI', T0),
        updateFact('FI', at(200), { stage: 'cer-detailed-report' }),
        updateFact('FI', at(300), { stage: 'cer-initial-notification' }),
      ],
      'cer-detailed-report',
    ],
    [
      'another state’s stages are not this state’s',
      [reportFact('FI', T0), updateFact('EE', at(200), { stage: 'dora-final-report' })],
      'cer-initial-notification',
    ],
  ];
  it.each(cases)('%s', (_name, facts, current) => {
    expect(reportingStatus(facts).find((s) => s.memberState === 'FI')?.current ?? null).toBe(current);
  });

  it('lists EU member states only, sorted, with the time of their latest entry', () => {
    const facts = [
      reportFact('ERCC', T0, {
        impacts: [
          { memberState: 'NO', level: 'significant' },
          { memberState: 'FI', level: 'minor' },
        ],
      }),
      updateFact('DE', at(3), { stage: 'other' }),
      ownFact('FI', 'significant', at(4)),
    ];
    expect(reportingStatus(facts)).toEqual([
      { memberState: 'DE', current: null, lastUpdateAt: at(3) },
      { memberState: 'FI', current: null, lastUpdateAt: at(4) },
    ]);
  });
});
