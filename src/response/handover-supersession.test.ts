import { describe, expect, it } from 'vitest';
import type { ResponseEntry, Supersession } from './decisions-rules.js';
import { projectHandovers } from './handover-rules.js';

const entry = (id: string, seq: number, kind: string, body: Record<string, unknown>, authorName = 'A') =>
  ({
    id,
    seq,
    incidentId: 'i1',
    incidentTitle: 't',
    kind,
    createdAt: `2026-11-02T0${seq}:00:00.000Z`,
    authorUserId: 'u',
    authorOrg: 'FI',
    authorName,
    body,
    marking: 'TLP:AMBER+STRICT',
    audience: ['FI'],
  }) satisfies ResponseEntry;
const by = (kind: 'retraction' | 'note', supersedes: string, seq: number, text = ''): Supersession => ({
  id: `s${seq}`,
  seq,
  supersedes,
  kind,
  text,
  textWithheld: false,
  createdAt: '2026-11-02T09:00:00.000Z',
  authorOrg: 'FI',
  authorName: 'A',
});

const ENTRIES = [
  entry('h1', 1, 'shift-handover', { organisation: 'FI', changed: 'Cable down' }),
  entry('h2', 2, 'shift-handover', { organisation: 'FI', changed: 'Wrong incident' }),
  entry('a1', 3, 'shift-handover-acknowledged', { handoverId: 'h1', note: 'ok' }, 'B'),
  entry('a2', 4, 'shift-handover-acknowledged', { handoverId: 'h1', note: 'me too' }, 'C'),
];

describe('handovers follow the log’s corrections and retractions', () => {
  const cases: [string, Supersession[], [string, unknown, string | null][]][] = [
    [
      'nothing superseded',
      [],
      [
        ['h2', 'Wrong incident', null],
        ['h1', 'Cable down', 'B'],
      ],
    ],
    ['a retracted note is gone', [by('retraction', 'h2', 9)], [['h1', 'Cable down', 'B']]],
    [
      'a retracted acknowledgement gives way to the next',
      [by('retraction', 'a1', 9)],
      [
        ['h2', 'Wrong incident', null],
        ['h1', 'Cable down', 'C'],
      ],
    ],
    [
      'every acknowledgement retracted: the note waits again',
      [by('retraction', 'a1', 9), by('retraction', 'a2', 10)],
      [
        ['h2', 'Wrong incident', null],
        ['h1', 'Cable down', null],
      ],
    ],
    [
      'a corrected note reads as corrected',
      [by('note', 'h1', 9, 'Two cables down')],
      [
        ['h2', 'Wrong incident', null],
        ['h1', 'Two cables down', 'B'],
      ],
    ],
  ];
  it.each(cases)('%s', (_name, supersessions, expected) => {
    expect(
      projectHandovers(ENTRIES, supersessions).map((h) => [
        h.entry.id,
        h.entry.body.changed,
        h.acknowledged?.name ?? null,
      ]),
    ).toEqual(expected);
  });
});
