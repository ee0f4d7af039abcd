import { describe, expect, it } from 'vitest';
import type { WorkflowFact } from '../blueprint/rules.js';
import { activeMechanisms, capacityOverwhelmed, cerSteps } from './rules.js';

let seq = 0;
function fact(kind: string, authorOrg: string, body: Record<string, unknown>): WorkflowFact {
  seq += 1;
  return {
    id: `e${seq}`,
    kind,
    authorOrg,
    authorName: 'Duty officer',
    createdAt: `2026-11-02T09:00:0${seq % 10}.000Z`,
    body,
  };
}

describe('capacityOverwhelmed: a state’s own latest word about itself', () => {
  const said = (org: string, overwhelmed: boolean, memberState = org) =>
    fact('capacity-overwhelmed', org, { memberState, overwhelmed, text: '' });
  const cases: ReadonlyArray<[what: string, facts: WorkflowFact[], states: string[]]> = [
    ['nobody said anything', [], []],
    ['EE says so', [said('EE', true)], ['EE']],
    ['EE says so, then no longer', [said('EE', true), said('EE', false)], []],
    ['two states, sorted', [said('LV', true), said('EE', true)], ['EE', 'LV']],
    ['a word about another state does not count', [said('FI', true, 'EE')], []],
  ];
  it.each(cases)('%s', (_what, facts, states) => {
    expect(capacityOverwhelmed(facts)).toEqual(states);
  });
});

describe('activeMechanisms', () => {
  it('IPCR monitoring recorded before it was understood as the default watch makes IPCR active in no mode', () => {
    const facts = [
      fact('mechanism', 'IE', {
        mechanism: 'ipcr',
        state: 'activated',
        mode: 'monitoring',
        reference: null,
        text: '',
      }),
    ];
    expect(activeMechanisms(facts)).toEqual([]);
  });

  it('keeps whether information sharing was recorded in consultation with the Presidency; the latest word wins', () => {
    const facts = [
      fact('mechanism', 'GSC', {
        mechanism: 'ipcr',
        state: 'activated',
        mode: 'information-sharing',
        reference: null,
        text: '',
        inConsultationWithPresidency: true,
      }),
      fact('mechanism', 'IE', {
        mechanism: 'ipcr',
        state: 'activated',
        mode: 'full-activation',
        reference: null,
        text: '',
      }),
    ];
    expect(activeMechanisms(facts.slice(0, 1))[0]).toMatchObject({
      by: 'GSC',
      inConsultationWithPresidency: true,
    });
    expect(activeMechanisms(facts)).toEqual([
      expect.objectContaining({
        mode: 'full-activation',
        by: 'IE',
        inConsultationWithPresidency: false,
        since: facts[0]!.createdAt,
      }),
    ]);
  });
});

describe('cerSteps', () => {
  it('lists both kinds of step in log order, with who and whom', () => {
    const facts = [
      fact('cer-commission-notified', 'FI', { memberStates: ['EE', 'FI', 'LT', 'LV', 'PL', 'SE'], text: '' }),
      fact('note', 'FI', { text: 'unrelated' }),
      fact('cer-spoc-informed', 'EE', { informed: ['LV'], text: 'By phone' }),
    ];
    expect(cerSteps(facts).map((s) => [s.kind, s.by, s.memberStates, s.text])).toEqual([
      ['cer-commission-notified', 'FI', ['EE', 'FI', 'LT', 'LV', 'PL', 'SE'], ''],
      ['cer-spoc-informed', 'EE', ['LV'], 'By phone'],
    ]);
  });
});
