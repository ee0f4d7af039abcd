import { describe, expect, it } from 'vitest';
import {
  awaitedAnswers,
  conclude,
  consultationSituation,
  consultations,
  lateJoiners,
  mayWithdraw,
  ownDeadline,
  silenceProcedures,
  standingObjections,
} from './consultation-rules.js';
import type { ConclusionReason, Proposal } from './model.js';
import type { WorkflowFact } from './rules.js';

const HOUR = 3_600_000;
const T0 = '2026-07-01T08:00:00.000Z';
const at = (hours: number) => new Date(Date.parse(T0) + hours * HOUR).toISOString();

let sequence = 0;
function fact(
  kind: string,
  authorOrg: string,
  hours: number,
  body: Record<string, unknown> = {},
): WorkflowFact {
  return {
    id: `e${++sequence}`,
    kind,
    authorOrg,
    authorName: `Officer ${authorOrg}`,
    createdAt: at(hours),
    body,
  };
}

const C = 'c1';
/** The Presidency (IE) opens at T0 with a deadline after 24 hours and 6 hours for late joiners, consulting FI and EE. */
function opened(proposal: Proposal = 'coordinate', consulted = ['EE', 'FI']): WorkflowFact {
  return {
    ...fact('silence-procedure-opened', 'IE', 0, {
      proposal,
      deadline: at(24),
      lateJoinerMinimumMinutes: 360,
      text: 'Repair capacity must be pooled',
      consulted: consulted.map((memberState) => ({ memberState, deadline: at(24) })),
    }),
    id: C,
  };
}
const objection = (state: string, hours: number, reason = 'National means suffice') =>
  fact('silence-procedure-objection', state, hours, { consultationId: C, text: reason });
const withdrawal = (state: string, hours: number) =>
  fact('silence-procedure-objection-withdrawn', state, hours, { consultationId: C, text: '' });
const consent = (state: string, hours: number) =>
  fact('silence-procedure-consent', state, hours, { consultationId: C, text: '' });
const joined = (state: string, hours: number, deadlineHours: number) =>
  fact('silence-procedure-consulted', 'IE', hours, {
    consultationId: C,
    memberState: state,
    deadline: at(deadlineHours),
  });

describe('ownDeadline', () => {
  it.each([
    ['joined early: the deadline', at(1), at(24)],
    ['joined late: its joining time plus the minimum', at(20), at(26)],
    ['joined exactly the minimum before: the deadline', at(18), at(24)],
  ])('%s', (_, joinedAt, expected) => {
    expect(ownDeadline(at(24), joinedAt, 360)).toBe(expected);
  });
});

describe('silence procedure: conclusion', () => {
  const cases: Array<{
    name: string;
    facts: WorkflowFact[];
    /** The significantly affected states at the conclusion. */
    affected: string[];
    now: number;
    reason: ConclusionReason;
    expected:
      | { outcome: string; agreed: boolean; standingObjections: string[] }
      | { refused: 'not-due' | 'answers-awaited' | 'consultation-closed' };
  }> = [
    {
      name: 'silence is consent: agreed at the deadline',
      facts: [opened()],
      affected: ['EE', 'FI'],
      now: 24,
      reason: 'deadline',
      expected: { outcome: 'agreed', agreed: true, standingObjections: [] },
    },
    {
      name: 'not before the deadline',
      facts: [opened()],
      affected: ['EE', 'FI'],
      now: 23.9,
      reason: 'deadline',
      expected: { refused: 'not-due' },
    },
    {
      name: 'an objection with its reason stops agreement',
      facts: [opened(), objection('EE', 3)],
      affected: ['EE', 'FI'],
      now: 24,
      reason: 'deadline',
      expected: { outcome: 'not-agreed', agreed: false, standingObjections: ['EE'] },
    },
    {
      name: 'a withdrawn objection no longer stands',
      facts: [opened(), objection('EE', 3), withdrawal('EE', 5)],
      affected: ['EE', 'FI'],
      now: 24,
      reason: 'deadline',
      expected: { outcome: 'agreed', agreed: true, standingObjections: [] },
    },
    {
      name: 'a withdrawal after the state’s deadline does not count',
      facts: [opened(), objection('EE', 3), withdrawal('EE', 24)],
      affected: ['EE', 'FI'],
      now: 24,
      reason: 'deadline',
      expected: { outcome: 'not-agreed', agreed: false, standingObjections: ['EE'] },
    },
    {
      name: 'an objection after the deadline does not count',
      facts: [opened(), objection('EE', 24.5)],
      affected: ['EE', 'FI'],
      now: 25,
      reason: 'deadline',
      expected: { outcome: 'agreed', agreed: true, standingObjections: [] },
    },
    {
      name: 'an objection by a state not consulted does not count',
      facts: [opened(), objection('DE', 3)],
      affected: ['EE', 'FI'],
      now: 24,
      reason: 'deadline',
      expected: { outcome: 'agreed', agreed: true, standingObjections: [] },
    },
    {
      name: 'an objection counts only while its state is significantly affected',
      facts: [opened(), objection('EE', 3)],
      affected: ['FI', 'LV'],
      now: 24,
      reason: 'deadline',
      expected: { outcome: 'agreed', agreed: true, standingObjections: [] },
    },
    {
      name: 'the counting bug: a state significantly affected after the deadline was never asked and changes nothing',
      facts: [opened(), consent('FI', 2)],
      affected: ['DE', 'EE', 'FI', 'LV'],
      now: 24,
      reason: 'deadline',
      expected: { outcome: 'agreed', agreed: true, standingObjections: [] },
    },
    {
      name: 'a late joiner concludes only at its own deadline',
      facts: [opened(), joined('LV', 20, 26)],
      affected: ['EE', 'FI', 'LV'],
      now: 24,
      reason: 'deadline',
      expected: { refused: 'not-due' },
    },
    {
      name: 'a late joiner may object until its own deadline, after the general one',
      facts: [opened(), joined('LV', 20, 26), objection('LV', 25)],
      affected: ['EE', 'FI', 'LV'],
      now: 26,
      reason: 'deadline',
      expected: { outcome: 'not-agreed', agreed: false, standingObjections: ['LV'] },
    },
    {
      name: 'a proposal not to coordinate is never agreed coordination',
      facts: [opened('do-not-coordinate')],
      affected: ['EE', 'FI'],
      now: 24,
      reason: 'deadline',
      expected: { outcome: 'not-agreed', agreed: false, standingObjections: [] },
    },
    {
      name: 'early conclusion once every consulted state has answered',
      facts: [opened(), consent('EE', 1), consent('FI', 2)],
      affected: ['EE', 'FI'],
      now: 3,
      reason: 'all-answered',
      expected: { outcome: 'agreed', agreed: true, standingObjections: [] },
    },
    {
      name: 'early conclusion with an objection standing: not agreed',
      facts: [opened(), consent('EE', 1), objection('FI', 2)],
      affected: ['EE', 'FI'],
      now: 3,
      reason: 'all-answered',
      expected: { outcome: 'not-agreed', agreed: false, standingObjections: ['FI'] },
    },
    {
      name: 'no early conclusion while an answer is awaited',
      facts: [opened(), consent('EE', 1)],
      affected: ['EE', 'FI'],
      now: 3,
      reason: 'all-answered',
      expected: { refused: 'answers-awaited' },
    },
    {
      name: 'a withdrawn objection is no answer: early conclusion waits',
      facts: [opened(), consent('EE', 1), objection('FI', 2), withdrawal('FI', 2.5)],
      affected: ['EE', 'FI'],
      now: 3,
      reason: 'all-answered',
      expected: { refused: 'answers-awaited' },
    },
    {
      name: 'the Presidency may decline early without any answer',
      facts: [opened()],
      affected: ['EE', 'FI'],
      now: 1,
      reason: 'declined',
      expected: { outcome: 'declined', agreed: false, standingObjections: [] },
    },
    {
      name: 'a concluded procedure does not conclude again',
      facts: [
        opened(),
        fact('silence-procedure-concluded', 'IE', 2, {
          consultationId: C,
          outcome: 'declined',
          agreed: false,
          reason: 'declined',
          standingObjections: [],
          text: 'Not needed',
          byPlatform: false,
        }),
      ],
      affected: ['EE', 'FI'],
      now: 24,
      reason: 'deadline',
      expected: { refused: 'consultation-closed' },
    },
  ];

  it.each(cases)('$name', ({ facts, affected, now, reason, expected }) => {
    const [c] = silenceProcedures(facts);
    const result = conclude(c!, affected, at(now), reason);
    if ('refused' in expected) expect(result).toMatchObject({ ok: false, code: expected.refused });
    else expect(result).toEqual({ ok: true, body: { ...expected, reason } });
  });
});

describe('silence procedure: late joiners', () => {
  it.each([
    [
      'consulted at once with its own deadline',
      [opened()],
      ['EE', 'FI', 'LV'],
      20,
      [{ memberState: 'LV', deadline: at(26) }],
    ],
    [
      'early in the procedure the deadline is its own',
      [opened()],
      ['EE', 'FI', 'LV'],
      2,
      [{ memberState: 'LV', deadline: at(24) }],
    ],
    [
      'a state already consulted is not consulted again',
      [opened(), joined('LV', 20, 26)],
      ['EE', 'FI', 'LV'],
      21,
      [],
    ],
    ['nobody once the last deadline has passed', [opened()], ['EE', 'FI', 'LV'], 24, []],
  ])('%s', (_, facts, affected, now, expected) => {
    expect(lateJoiners(silenceProcedures(facts)[0]!, affected, at(now))).toEqual(expected);
  });

  it('a late joiner moves the last deadline', () => {
    const [c] = silenceProcedures([opened(), joined('LV', 20, 26)]);
    expect(c!.lastDeadline).toBe(at(26));
    expect(c!.consulted.find((s) => s.memberState === 'LV')).toEqual({
      memberState: 'LV',
      since: at(20),
      deadline: at(26),
    });
  });
});

describe('silence procedure: answers', () => {
  it('the latest answer stands; a withdrawal is kept as history', () => {
    const [c] = silenceProcedures([
      opened(),
      objection('EE', 1, 'Too early'),
      withdrawal('EE', 2),
      consent('FI', 3),
    ]);
    expect(c!.answers.map((a) => [a.memberState, a.answer])).toEqual([['FI', 'consent']]);
    expect(c!.withdrawnObjections).toEqual([
      { memberState: 'EE', reason: 'Too early', at: at(1), withdrawnAt: at(2) },
    ]);
    expect(standingObjections(c!, ['EE', 'FI'])).toEqual([]);
    expect(awaitedAnswers(c!, ['EE', 'FI'])).toEqual(['EE']);
  });

  it('withdrawing is possible only for a standing objection before the state’s deadline', () => {
    const [c] = silenceProcedures([opened(), objection('EE', 1), consent('FI', 1)]);
    expect(mayWithdraw(c!, 'EE', at(23))).toBe(true);
    expect(mayWithdraw(c!, 'EE', at(24))).toBe(false);
    expect(mayWithdraw(c!, 'FI', at(2))).toBe(false);
  });

  it('the situation says who may still answer and whether everyone has', () => {
    const [c] = silenceProcedures([opened(), joined('LV', 20, 26), objection('EE', 1), consent('FI', 2)]);
    expect(consultationSituation(c, ['EE', 'FI', 'LV'], at(25))).toEqual({
      open: true,
      answering: ['LV'],
      objecting: [],
      everyoneAnswered: false,
    });
    expect(consultationSituation(c, ['EE', 'FI'], at(3))).toMatchObject({
      objecting: ['EE'],
      everyoneAnswered: true,
    });
  });
});

describe('consultations', () => {
  it('keeps majority counts as closed history beside silence procedures, in order', () => {
    const list = consultations([
      fact('consultation-opened', 'IE', -10, {
        deadline: at(-5),
        question: 'Coordinate?',
        consulted: ['EE', 'FI'],
      }),
      opened(),
    ]);
    expect(list.map((c) => [c.procedure, c.open])).toEqual([
      ['majority-count', false],
      ['silence', true],
    ]);
  });
});
