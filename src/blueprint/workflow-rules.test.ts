import { describe, expect, it } from 'vitest';
import { IncidentReport, type IncidentReportInput } from '../incidents/model.js';
import type { Activation, Position } from './model.js';
import {
  activatingStates,
  activationState,
  majorityConsultations as consultations,
  type WorkflowFact,
} from './rules.js';

const HOUR = 3_600_000;
const T0 = '2026-07-01T08:00:00.000Z';

function at(hours: number): string {
  return new Date(Date.parse(T0) + hours * HOUR).toISOString();
}

let sequence = 0;

function fact(
  kind: string,
  authorOrg: string,
  createdAt: string,
  body: Record<string, unknown> = {},
  id = `e${++sequence}`,
): WorkflowFact {
  return { id, kind, authorOrg, authorName: `Officer ${authorOrg}`, createdAt, body };
}

const INACTIVE: Activation = {
  state: 'inactive',
  activatedAt: null,
  activatedBy: null,
  joinedBy: [],
  presidency: null,
  deactivatedAt: null,
  deactivatedBy: null,
  closingSummary: null,
  history: [],
};

describe('activationState', () => {
  it('is inactive with no entries, or only unrelated ones', () => {
    expect(activationState([])).toEqual(INACTIVE);
    expect(
      activationState([
        fact('note', 'FI', at(0), { text: 'hello' }),
        fact('consultation-opened', 'IE', at(1), { question: 'Coordinate?' }),
      ]),
    ).toEqual(INACTIVE);
  });

  it('an activation makes it active, naming the activator and the Presidency', () => {
    expect(
      activationState([fact('activation', 'FI', at(1), { presidency: 'IE', text: 'FI and EE activate' })]),
    ).toEqual({
      ...INACTIVE,
      state: 'active',
      activatedAt: at(1),
      activatedBy: 'FI',
      presidency: 'IE',
      history: [{ kind: 'activation', at: at(1), by: 'FI', text: 'FI and EE activate' }],
    });
  });

  it('an activation without a Presidency or text records null', () => {
    const state = activationState([fact('activation', 'FI', at(1), { presidency: 7 })]);
    expect(state.presidency).toBeNull();
    expect(state.history).toEqual([{ kind: 'activation', at: at(1), by: 'FI', text: null }]);
  });

  it('lists each joining state once, never the activator', () => {
    const state = activationState([
      fact('activation', 'FI', at(1), { presidency: 'IE' }),
      fact('activation-joined', 'EE', at(2)),
      fact('activation-joined', 'FI', at(3)),
      fact('activation-joined', 'EE', at(4)),
      fact('activation-joined', 'LV', at(5)),
    ]);
    expect(state.joinedBy).toEqual(['EE', 'LV']);
    expect(state.activatedBy).toBe('FI');
  });

  it('ignores a join before any activation', () => {
    const state = activationState([
      fact('activation-joined', 'EE', at(0)),
      fact('activation', 'FI', at(1)),
      fact('activation-joined', 'LV', at(2)),
    ]);
    expect(state.joinedBy).toEqual(['LV']);
    expect(state.state).toBe('active');
  });

  it('a deactivation closes it with the closing summary, keeping who activated and joined', () => {
    const state = activationState([
      fact('activation', 'FI', at(1), { presidency: 'IE' }),
      fact('activation-joined', 'EE', at(2)),
      fact('deactivation', 'IE', at(50), { text: 'Supply restored; lessons to CERG.' }),
    ]);
    expect(state).toMatchObject({
      state: 'deactivated',
      activatedAt: at(1),
      activatedBy: 'FI',
      joinedBy: ['EE'],
      presidency: 'IE',
      deactivatedAt: at(50),
      deactivatedBy: 'IE',
      closingSummary: 'Supply restored; lessons to CERG.',
    });
  });

  it('ignores joins while deactivated', () => {
    const state = activationState([
      fact('activation', 'FI', at(1)),
      fact('deactivation', 'FI', at(50), { text: 'Over' }),
      fact('activation-joined', 'EE', at(51)),
    ]);
    expect(state.joinedBy).toEqual([]);
    expect(state.state).toBe('deactivated');
  });

  it('reopening makes it active again, keeping the original activation and clearing the closure', () => {
    const state = activationState([
      fact('activation', 'FI', at(1), { presidency: 'IE' }),
      fact('activation-joined', 'EE', at(2)),
      fact('deactivation', 'IE', at(50), { text: 'Over' }),
      fact('reopening', 'EE', at(60), { text: 'Second outage' }),
      fact('activation-joined', 'LV', at(61)),
    ]);
    expect(state).toEqual({
      state: 'active',
      activatedAt: at(1),
      activatedBy: 'FI',
      joinedBy: ['EE', 'LV'],
      presidency: 'IE',
      deactivatedAt: null,
      deactivatedBy: null,
      closingSummary: null,
      history: [
        { kind: 'activation', at: at(1), by: 'FI', text: null },
        { kind: 'activation-joined', at: at(2), by: 'EE', text: null },
        { kind: 'deactivation', at: at(50), by: 'IE', text: 'Over' },
        { kind: 'reopening', at: at(60), by: 'EE', text: 'Second outage' },
        { kind: 'activation-joined', at: at(61), by: 'LV', text: null },
      ],
    });
  });

  it('a second deactivation after reopening records the new closure', () => {
    const state = activationState([
      fact('activation', 'FI', at(1)),
      fact('deactivation', 'FI', at(50), { text: 'First closure' }),
      fact('reopening', 'FI', at(60)),
      fact('deactivation', 'EE', at(90), { text: 'Second closure' }),
    ]);
    expect(state).toMatchObject({
      state: 'deactivated',
      activatedAt: at(1),
      deactivatedAt: at(90),
      deactivatedBy: 'EE',
      closingSummary: 'Second closure',
    });
    expect(state.history.map((h) => h.kind)).toEqual([
      'activation',
      'deactivation',
      'reopening',
      'deactivation',
    ]);
  });

  it('history keeps log order and leaves unrelated entries out', () => {
    const state = activationState([
      fact('note', 'FI', at(0)),
      fact('activation', 'FI', at(1)),
      fact('consultation-opened', 'IE', at(2)),
      fact('activation-joined', 'EE', at(3)),
      fact('update', 'EE', at(4)),
      fact('deactivation', 'FI', at(5)),
    ]);
    expect(state.history.map((h) => [h.kind, h.at, h.by])).toEqual([
      ['activation', at(1), 'FI'],
      ['activation-joined', at(3), 'EE'],
      ['deactivation', at(5), 'FI'],
    ]);
  });
});

describe('activatingStates', () => {
  function report(fields: Partial<IncidentReportInput>): IncidentReport {
    return IncidentReport.parse({ title: 'Gas', reportedBy: 'ERCC', occurredAt: T0, ...fields });
  }
  const cases: ReadonlyArray<[name: string, fields: Partial<IncidentReportInput>, states: string[]]> = [
    ['nobody assessed', {}, []],
    [
      'own minor and significant assessments activate; none, claims and third countries do not',
      {
        impacts: [
          { memberState: 'FI', level: 'significant', assessedBy: 'FI' },
          { memberState: 'EE', level: 'minor', assessedBy: 'EE' },
          { memberState: 'LV', level: 'none', assessedBy: 'LV' },
          { memberState: 'LT', level: 'significant' },
          { memberState: 'NO', level: 'significant' },
        ],
      },
      ['EE', 'FI'],
    ],
    [
      'the EU member states served by a significantly disrupted CEPES',
      {
        entities: [
          {
            name: 'Nordgas',
            sector: 'energy',
            memberStatesServed: ['PL', 'DE', 'NO', 'LT', 'LV', 'EE', 'FI'],
            significantlyDisrupted: true,
          },
          { name: 'Quiet', sector: 'energy', cepes: true, memberStatesServed: ['SE'] },
          {
            name: 'Bank',
            sector: 'banking',
            memberStatesServed: ['FR', 'IT'],
            cepes: true,
            significantlyDisrupted: true,
          },
        ],
      },
      ['DE', 'EE', 'FI', 'LT', 'LV', 'PL'],
    ],
  ];
  it.each(cases)('%s', (_name, fields, states) => {
    expect(activatingStates(report(fields))).toEqual(states);
  });
});

describe('majority consultations, kept as history', () => {
  const open = (id: string, hours: number, consulted: unknown = ['EE', 'FI']) =>
    fact(
      'consultation-opened',
      'IE',
      at(hours),
      { deadline: at(hours + 24), question: 'Is coordination at Union level needed?', consulted },
      id,
    );
  const position = (consultationId: string, org: string, hours: number, value: Position, text = '') =>
    fact('consultation-position', org, at(hours), { consultationId, position: value, text });
  const advice = (consultationId: string, org: string, hours: number, text: string) =>
    fact('consultation-advice', org, at(hours), { consultationId, text });
  const decide = (
    consultationId: string,
    hours: number,
    decision: string,
    extra: Record<string, unknown> = {},
  ) =>
    fact('consultation-decision', 'IE', at(hours), { consultationId, decision, text: 'Rationale', ...extra });

  it('none without an opening', () => {
    expect(consultations([])).toEqual([]);
    expect(consultations([position('c1', 'FI', 1, 'yes'), decide('c1', 2, 'yes')])).toEqual([]);
  });

  it('an opened consultation', () => {
    expect(consultations([open('c1', 1)])).toEqual([
      {
        procedure: 'majority-count',
        id: 'c1',
        openedAt: at(1),
        openedBy: 'IE',
        deadline: at(25),
        question: 'Is coordination at Union level needed?',
        consulted: ['EE', 'FI'],
        positions: [],
        advice: [],
        decision: null,
        // None is open any more: the procedure they were opened under is gone.
        open: false,
      },
    ]);
  });

  it('an opening with a malformed consulted list consults nobody', () => {
    expect(consultations([open('c1', 1, 'EE')])[0]?.consulted).toEqual([]);
  });

  it('a state’s later position replaces its earlier one before the decision', () => {
    const [c] = consultations([
      open('c1', 1),
      position('c1', 'EE', 2, 'yes', 'Gas supply down'),
      position('c1', 'FI', 3, 'no'),
      position('c1', 'EE', 4, 'abstain', 'On reflection'),
    ]);
    expect(c?.positions).toEqual([
      { memberState: 'FI', position: 'no', comment: '', at: at(3), by: 'Officer FI' },
      { memberState: 'EE', position: 'abstain', comment: 'On reflection', at: at(4), by: 'Officer EE' },
    ]);
  });

  it('lists the advice of the Commission and others', () => {
    const [c] = consultations([
      open('c1', 1),
      advice('c1', 'ERCC', 2, 'Coordination advised'),
      advice('c1', 'ENISA', 3, 'Cyber dimension unclear'),
    ]);
    expect(c?.advice).toEqual([
      { text: 'Coordination advised', at: at(2), by: 'Officer ERCC', organisation: 'ERCC' },
      { text: 'Cyber dimension unclear', at: at(3), by: 'Officer ENISA', organisation: 'ENISA' },
    ]);
    expect(c?.positions).toEqual([]);
  });

  it('a decision closes the consultation; later positions and decisions are ignored', () => {
    const [c] = consultations([
      open('c1', 1),
      position('c1', 'EE', 2, 'yes'),
      position('c1', 'FI', 3, 'yes'),
      decide('c1', 10, 'yes', { agreed: true, yes: 2, of: 2 }),
      position('c1', 'FI', 11, 'no'),
      position('c1', 'LV', 12, 'yes'),
      decide('c1', 13, 'no', { agreed: false, yes: 0, of: 2, text: 'Changed mind' }),
    ]);
    expect(c?.open).toBe(false);
    expect(c?.positions.map((p) => [p.memberState, p.position])).toEqual([
      ['EE', 'yes'],
      ['FI', 'yes'],
    ]);
    expect(c?.decision).toEqual({
      decision: 'yes',
      rationale: 'Rationale',
      at: at(10),
      by: 'Officer IE',
      agreed: true,
      yes: 2,
      of: 2,
    });
  });

  it('a decision reads anything but yes as no, and agreed only when recorded as true', () => {
    const [c] = consultations([open('c1', 1), decide('c1', 2, 'maybe', { agreed: 'true' })]);
    expect(c?.decision).toMatchObject({ decision: 'no', agreed: false, yes: 0, of: 0 });
  });

  it('a second consultation after a declined one is separate', () => {
    const list = consultations([
      open('c1', 1),
      position('c1', 'EE', 2, 'no'),
      decide('c1', 10, 'no', { agreed: false, yes: 0, of: 2 }),
      open('c2', 20, ['EE', 'FI', 'LV']),
      position('c2', 'FI', 21, 'yes'),
      position('c1', 'LV', 22, 'yes'),
      advice('c2', 'ERCC', 23, 'Now advised'),
      decide('c2', 30, 'yes', { agreed: true, yes: 2, of: 3 }),
    ]);
    expect(list.map((c) => [c.id, c.open, c.decision?.decision, c.decision?.agreed])).toEqual([
      ['c1', false, 'no', false],
      ['c2', false, 'yes', true],
    ]);
    expect(list[0]?.positions.map((p) => p.memberState)).toEqual(['EE']);
    expect(list[0]?.advice).toEqual([]);
    expect(list[1]?.positions.map((p) => p.memberState)).toEqual(['FI']);
    expect(list[1]?.consulted).toEqual(['EE', 'FI', 'LV']);
    expect(list[1]?.advice.map((a) => a.text)).toEqual(['Now advised']);
  });

  it('entries for unknown consultation ids, or none, are ignored', () => {
    const list = consultations([
      open('c1', 1),
      position('c9', 'EE', 2, 'yes'),
      advice('c9', 'ERCC', 3, 'Lost'),
      decide('c9', 4, 'yes', { agreed: true }),
      fact('consultation-position', 'FI', at(5), { position: 'yes' }),
      fact('consultation-decision', 'IE', at(6), { decision: 'yes', agreed: true }),
    ]);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ id: 'c1', open: false, positions: [], advice: [], decision: null });
  });
});
