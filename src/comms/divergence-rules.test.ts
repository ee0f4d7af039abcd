import { describe, expect, it } from 'vitest';
import type { KeyFact } from './divergence-model.js';
import {
  currentFacts,
  divergenceFlags,
  type FactMark,
  marksByPublication,
  normaliseFact,
  type Publication,
  type StateFacts,
} from './divergence-rules.js';

describe('comparing the values of a key fact', () => {
  it.each<[KeyFact, string, string, boolean]>([
    ['cause', 'Damaged subsea cable', 'damaged  subsea cable.', true],
    ['cause', 'Damaged subsea cable', 'A cyber attack', false],
    ['restoration', '2026-12-02T18:00:00Z', '2026-12-02T20:00:00+02:00', true],
    ['restoration', '2026-12-02T18:00:00Z', '2026-12-02T19:00:00Z', false],
    ['restoration', 'Within two days', 'within two days!', true],
    ['safety-advice', 'Boil tap water', 'Do not drink tap water', false],
  ])('%s: "%s" and "%s" agree: %s', (fact, a, b, same) => {
    expect(normaliseFact(fact, a) === normaliseFact(fact, b)).toBe(same);
  });
});

const publication = (id: string, organisation: string, publishedAt: string, order: number): Publication => ({
  id,
  organisation,
  source: 'entered',
  publishedAt,
  link: null,
  text: 'text',
  recordedBy: organisation,
  order,
});

describe('what a state stands by now', () => {
  const publications = [
    publication('fi1', 'FI', '2026-12-01T08:00:00.000Z', 0),
    publication('fi2', 'FI', '2026-12-01T10:00:00.000Z', 1),
    publication('fi3', 'FI', '2026-12-01T10:00:00.000Z', 2),
    publication('ee1', 'EE', '2026-12-01T09:00:00.000Z', 3),
  ];
  const cases: Array<[string, FactMark[], Record<string, string>]> = [
    ['nothing marked', [], {}],
    [
      'the latest publication with the fact marked',
      [
        { publicationId: 'fi1', fact: 'cause', value: 'storm' },
        { publicationId: 'fi2', fact: 'cause', value: 'anchor drag' },
      ],
      { cause: 'anchor drag' },
    ],
    [
      'an older publication when the newer ones say nothing on the fact',
      [
        { publicationId: 'fi1', fact: 'safety-advice', value: 'stay indoors' },
        { publicationId: 'fi3', fact: 'cause', value: 'anchor drag' },
      ],
      { cause: 'anchor drag', 'safety-advice': 'stay indoors' },
    ],
    [
      'the one recorded later, of two published at the same time',
      [
        { publicationId: 'fi2', fact: 'cause', value: 'storm' },
        { publicationId: 'fi3', fact: 'cause', value: 'sabotage' },
      ],
      { cause: 'sabotage' },
    ],
    [
      'the latest mark on a publication, and none once it is taken away',
      [
        { publicationId: 'fi2', fact: 'cause', value: 'storm' },
        { publicationId: 'fi2', fact: 'cause', value: 'sabotage' },
        { publicationId: 'fi2', fact: 'restoration', value: 'tomorrow' },
        { publicationId: 'fi2', fact: 'restoration', value: '' },
      ],
      { cause: 'sabotage' },
    ],
    ['never another state’s', [{ publicationId: 'ee1', fact: 'cause', value: 'storm' }], {}],
  ];
  it.each(cases)('is %s', (_name, marks, expected) => {
    const facts = currentFacts('FI', publications, marksByPublication(marks));
    expect(Object.fromEntries(facts.current.map((c) => [c.fact, c.value]))).toEqual(expected);
  });
});

describe('flagging contradictions', () => {
  const state = (organisation: string, facts: Partial<Record<KeyFact, string>>): StateFacts => ({
    organisation,
    current: Object.entries(facts).map(([fact, value]) => ({
      fact: fact as KeyFact,
      value: value!,
      publicationId: `${organisation}-p`,
    })),
  });
  const cases: Array<[string, StateFacts[], Array<[KeyFact, string[][]]>]> = [
    ['no flag when nobody marked anything', [state('FI', {}), state('EE', {})], []],
    ['no flag for one state alone', [state('FI', { cause: 'storm' }), state('EE', {})], []],
    [
      'no flag when the values agree after normalising',
      [state('FI', { cause: 'Anchor drag' }), state('EE', { cause: 'anchor drag.' })],
      [],
    ],
    [
      'a flag naming who says what',
      [
        state('FI', { cause: 'anchor drag', restoration: '2026-12-03T12:00:00Z' }),
        state('EE', { cause: 'sabotage', restoration: '2026-12-03T14:00:00+02:00' }),
        state('LV', { cause: 'Anchor drag' }),
      ],
      [['cause', [['FI', 'LV'], ['EE']]]],
    ],
    [
      'a flag per fact that differs',
      [
        state('FI', { 'safety-advice': 'boil water', restoration: 'tonight' }),
        state('EE', { 'safety-advice': 'no action needed', restoration: 'in a week' }),
      ],
      [
        ['restoration', [['FI'], ['EE']]],
        ['safety-advice', [['FI'], ['EE']]],
      ],
    ],
  ];
  it.each(cases)('%s', (_name, states, expected) => {
    const flags = divergenceFlags(states);
    expect(flags.map((f) => [f.fact, f.values.map((v) => v.organisations)])).toEqual(expected);
  });
});
