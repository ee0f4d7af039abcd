import { describe, expect, it } from 'vitest';
import type { MechanismSuggestion } from './model.js';
import { mechanismSuggestions, ROLE_OF, type SuggestionFacts, suggestedMechanisms } from './suggestions.js';

const quiet: SuggestionFacts = {
  status: 'below-threshold',
  cause: 'unknown',
  suspectedDeliberate: false,
  sectors: [],
  releasableToNato: false,
};

const line = (
  mechanism: keyof typeof ROLE_OF,
  reason: MechanismSuggestion['reason'],
  memberStates: string[] = [],
  mode: MechanismSuggestion['mode'] = mechanism === 'ipcr' ? 'information-sharing' : null,
): MechanismSuggestion => ({ mechanism, role: ROLE_OF[mechanism], mode, reason, memberStates });
const unionLevel = [line('ipcr', 'union-coordination'), line('argus', 'commission-coordination')];

describe('mechanismSuggestions: each suggestion with its reason', () => {
  const cases: ReadonlyArray<
    [what: string, facts: Partial<SuggestionFacts>, expected: MechanismSuggestion[]]
  > = [
    ['nothing points anywhere', {}, []],
    ['the Blueprint applies: IPCR in information sharing, and ARGUS', { status: 'applies' }, unionLevel],
    [
      'a decision is required: IPCR in information sharing, and ARGUS',
      { status: 'decision-required' },
      unionLevel,
    ],
    [
      'the Blueprint applies and a state is overwhelmed: IPCR in full activation, ARGUS and UCPM',
      { status: 'applies', capacityOverwhelmed: ['LV'] },
      [
        line('ipcr', 'union-coordination', [], 'full-activation'),
        line('argus', 'commission-coordination'),
        line('ucpm', 'capacity-overwhelmed', ['LV']),
      ],
    ],
    [
      'a decision is required and a state is overwhelmed: still information sharing until it applies',
      { status: 'decision-required', capacityOverwhelmed: ['LV'] },
      [...unionLevel, line('ucpm', 'capacity-overwhelmed', ['LV'])],
    ],
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
      'digital infrastructure disrupted by a physical cause: the cyber networks for its cyber effects',
      {
        cause: 'physical',
        sectors: [{ sector: 'digital-infrastructure', subsector: 'electronic-communications' }],
      },
      [line('csirts-network', 'cyber-effects'), line('eu-cyclone', 'cyber-effects')],
    ],
    [
      'digital infrastructure with a cyber cause: the cyber networks once, for the cause',
      { cause: 'cyber', sectors: [{ sector: 'digital-infrastructure' }] },
      [line('csirts-network', 'cyber-cause'), line('eu-cyclone', 'cyber-cause')],
    ],
    [
      'a deliberate act with international security: a state may be behind it, the Hybrid Toolbox',
      { cause: 'physical', suspectedDeliberate: true, internationalSecurity: true },
      [
        line('hybrid-toolbox', 'state-sponsored'),
        line('le-emergency-protocol', 'suspected-deliberate'),
        line('eu-nato-dialogue', 'international-security'),
      ],
    ],
    [
      'international security without a suspected deliberate act: no Hybrid Toolbox',
      { cause: 'physical', internationalSecurity: true },
      [line('eu-nato-dialogue', 'international-security')],
    ],
    [
      'malicious cyber activity by a state: the Cyber Diplomacy Toolbox beside the Hybrid Toolbox',
      { cause: 'cyber', suspectedDeliberate: true, internationalSecurity: true },
      [
        line('csirts-network', 'cyber-cause'),
        line('eu-cyclone', 'cyber-cause'),
        line('hybrid-toolbox', 'state-sponsored'),
        line('cyber-diplomacy-toolbox', 'state-cyber-activity'),
        line('le-emergency-protocol', 'suspected-deliberate'),
        line('eu-nato-dialogue', 'international-security'),
      ],
    ],
    [
      'a deliberate cyber act without international security: no Cyber Diplomacy Toolbox',
      { cause: 'cyber', suspectedDeliberate: true },
      [
        line('csirts-network', 'cyber-cause'),
        line('eu-cyclone', 'cyber-cause'),
        line('le-emergency-protocol', 'suspected-deliberate'),
      ],
    ],
    [
      'suspected deliberate: law enforcement',
      { suspectedDeliberate: true },
      [line('le-emergency-protocol', 'suspected-deliberate')],
    ],
    [
      'public order affected: the law-enforcement emergency protocol',
      { publicOrderImpact: true },
      [line('le-emergency-protocol', 'public-order-impact')],
    ],
    [
      'public order affected by a suspected deliberate act: the protocol for both reasons',
      { publicOrderImpact: true, suspectedDeliberate: true },
      [
        line('le-emergency-protocol', 'suspected-deliberate'),
        line('le-emergency-protocol', 'public-order-impact'),
      ],
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
      'argus',
      'csirts-network',
      'eu-cyclone',
      'hybrid-toolbox',
      'eu-nato-dialogue',
    ]);
  });

  it('says what each mechanism leads on, whatever brought it up', () => {
    const roles = Object.fromEntries(
      mechanismSuggestions({
        ...quiet,
        status: 'applies',
        cause: 'hybrid',
        suspectedDeliberate: true,
        internationalSecurity: true,
        capacityOverwhelmed: ['EE'],
      }).map((s) => [s.mechanism, s.role]),
    );
    expect(roles).toMatchObject({
      ipcr: 'political-coordination',
      argus: 'commission-coordination',
      ucpm: 'assistance',
      'hybrid-toolbox': 'response-to-actor',
      'cyber-diplomacy-toolbox': 'response-to-actor',
      'le-emergency-protocol': 'criminal-investigation',
      'eu-nato-dialogue': 'shared-awareness-nato',
    });
  });
});
