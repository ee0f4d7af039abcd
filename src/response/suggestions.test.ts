import { describe, expect, it } from 'vitest';
import type { MechanismSuggestion } from './model.js';
import { mechanismSuggestions, type SuggestionFacts, suggestedMechanisms } from './suggestions.js';

const quiet: SuggestionFacts = {
  status: 'below-threshold',
  cause: 'unknown',
  suspectedDeliberate: false,
  sectors: [],
  releasableToNato: false,
};

const line = (mechanism: string, reason: MechanismSuggestion['reason'], memberStates: string[] = []) => ({
  mechanism,
  reason,
  memberStates,
});

describe('mechanismSuggestions: each suggestion with its reason', () => {
  const cases: ReadonlyArray<
    [what: string, facts: Partial<SuggestionFacts>, expected: MechanismSuggestion[]]
  > = [
    ['nothing points anywhere', {}, []],
    ['the Blueprint applies: IPCR', { status: 'applies' }, [line('ipcr', 'union-coordination')]],
    ['a decision is required: IPCR', { status: 'decision-required' }, [line('ipcr', 'union-coordination')]],
    ['out of scope: no IPCR', { status: 'out-of-scope' }, []],
    [
      'a state says its capacity is overwhelmed: UCPM, naming the states',
      { capacityOverwhelmed: ['LV', 'EE', 'LV'] },
      [line('ucpm', 'capacity-overwhelmed', ['EE', 'LV'])],
    ],
    ['nobody overwhelmed: no UCPM', { capacityOverwhelmed: [] }, []],
    [
      'a cyber cause: the cyber networks',
      { cause: 'cyber' },
      [line('csirts-network', 'cyber-cause'), line('eu-cyclone', 'cyber-cause')],
    ],
    [
      'a hybrid cause: the cyber networks and the Hybrid Toolbox',
      { cause: 'hybrid' },
      [
        line('csirts-network', 'cyber-cause'),
        line('eu-cyclone', 'cyber-cause'),
        line('hybrid-toolbox', 'hybrid-cause'),
      ],
    ],
    [
      'suspected deliberate: law enforcement',
      { suspectedDeliberate: true },
      [line('le-emergency-protocol', 'suspected-deliberate')],
    ],
    ['GNSS interference: EUSPA', { cause: 'gnss-interference' }, [line('euspa-gsmc', 'space-or-gnss')]],
    [
      'the space sector: EUSPA',
      { sectors: [{ sector: 'space', subsector: 'ground-infrastructure' }] },
      [line('euspa-gsmc', 'space-or-gnss')],
    ],
    [
      'electricity: the Electricity Coordination Group',
      { sectors: [{ sector: 'energy', subsector: 'electricity' }] },
      [line('electricity-coordination-group', 'electricity-sector')],
    ],
    [
      'gas: the Gas Coordination Group',
      { sectors: [{ sector: 'energy', subsector: 'gas' }] },
      [line('gas-coordination-group', 'gas-sector')],
    ],
    ['energy without a subsector: no sector group', { sectors: [{ sector: 'energy' }] }, []],
    [
      'international security flagged, not released to NATO: the EU–NATO dialogue',
      { internationalSecurity: true },
      [line('eu-nato-dialogue', 'international-security')],
    ],
    [
      'released to NATO: the EU–NATO dialogue',
      { releasableToNato: true },
      [line('eu-nato-dialogue', 'international-security')],
    ],
  ];
  it.each(cases)('%s', (_what, facts, expected) => {
    expect(mechanismSuggestions({ ...quiet, ...facts })).toEqual(expected);
  });

  it('the ids, each once, for callers that list them', () => {
    expect(suggestedMechanisms({ ...quiet, cause: 'hybrid', releasableToNato: true }, 'applies')).toEqual([
      'ipcr',
      'csirts-network',
      'eu-cyclone',
      'hybrid-toolbox',
      'eu-nato-dialogue',
    ]);
  });
});
