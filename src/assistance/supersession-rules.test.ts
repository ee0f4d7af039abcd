import { describe, expect, it } from 'vitest';
import { type AssistanceSupersession, standingAssistance } from './supersession-rules.js';

const ENTRIES = [
  { id: 'r1', kind: 'assistance-request', body: { description: 'Generators' } },
  { id: 'r2', kind: 'assistance-request', body: { description: 'Pumps' } },
  { id: 'o1', kind: 'assistance-offer', body: { requestId: 'r1', what: 'Two generators' } },
  { id: 'o2', kind: 'assistance-offer', body: { requestId: null, what: 'Standing pumps' } },
  { id: 's1', kind: 'assistance-step', body: { requestId: 'r1', offerId: 'o1', step: 'accepted' } },
  { id: 's2', kind: 'assistance-step', body: { requestId: 'r2', offerId: 'o2', step: 'accepted' } },
];
const by = (kind: 'retraction' | 'note', supersedes: string, seq: number, text = '', textWithheld = false) =>
  ({ seq, supersedes, kind, text, textWithheld }) satisfies AssistanceSupersession;

describe('assistance follows the log’s corrections and retractions', () => {
  const cases: [string, AssistanceSupersession[], [string, string | null][]][] = [
    [
      'nothing superseded',
      [],
      [
        ['r1', 'Generators'],
        ['r2', 'Pumps'],
        ['o1', 'Two generators'],
        ['o2', 'Standing pumps'],
        ['s1', null],
        ['s2', null],
      ],
    ],
    [
      'a retracted request takes its offers and steps with it; a standing offer it held is free again',
      [by('retraction', 'r2', 9)],
      [
        ['r1', 'Generators'],
        ['o1', 'Two generators'],
        ['o2', 'Standing pumps'],
        ['s1', null],
      ],
    ],
    [
      'a retracted offer takes its steps with it',
      [by('retraction', 'o1', 9)],
      [
        ['r1', 'Generators'],
        ['r2', 'Pumps'],
        ['o2', 'Standing pumps'],
        ['s2', null],
      ],
    ],
    [
      'corrections reword the request’s description and the offer’s what; the newest wins',
      [
        by('note', 'r1', 10, 'Generators, 400 V'),
        by('note', 'r1', 9, 'Old'),
        by('note', 'o2', 9, 'Pumps, 2'),
      ],
      [
        ['r1', 'Generators, 400 V'],
        ['r2', 'Pumps'],
        ['o1', 'Two generators'],
        ['o2', 'Pumps, 2'],
        ['s1', null],
        ['s2', null],
      ],
    ],
    [
      'a correction withheld from the reader leaves what the reader had',
      [by('note', 'r1', 9, 'secret', true)],
      [
        ['r1', 'Generators'],
        ['r2', 'Pumps'],
        ['o1', 'Two generators'],
        ['o2', 'Standing pumps'],
        ['s1', null],
        ['s2', null],
      ],
    ],
    [
      'a retraction after a correction removes the request',
      [by('note', 'r2', 9, 'Pumps, 3'), by('retraction', 'r2', 10)],
      [
        ['r1', 'Generators'],
        ['o1', 'Two generators'],
        ['o2', 'Standing pumps'],
        ['s1', null],
      ],
    ],
  ];
  it.each(cases)('%s', (_name, supersessions, expected) => {
    const text = (b: Record<string, unknown>) =>
      (typeof b.description === 'string' ? b.description : typeof b.what === 'string' ? b.what : null) ??
      null;
    expect(
      standingAssistance(ENTRIES, supersessions).map((e) => [e.id, text(e.body as Record<string, unknown>)]),
    ).toEqual(expected);
  });
});
