import { describe, expect, it } from 'vitest';
import type { ResponseEntry, Supersession } from './decisions-rules.js';
import { projectMeetings } from './meetings-rules.js';

const AT = '2026-11-02T09:00:00.000Z';
const entry = (id: string, seq: number, kind: string, body: Record<string, unknown>): ResponseEntry => ({
  id,
  seq,
  incidentId: 'i1',
  incidentTitle: 'Cable cut',
  kind,
  createdAt: AT,
  authorUserId: 'u1',
  authorOrg: 'FI',
  authorName: 'Coordinator FI',
  body,
  marking: 'TLP:GREEN',
  audience: ['FI'],
});
const by = (kind: 'retraction' | 'note', supersedes: string, seq: number, text = ''): Supersession => ({
  id: `s${seq}`,
  seq,
  supersedes,
  kind,
  text,
  textWithheld: false,
  createdAt: AT,
  authorOrg: 'FI',
  authorName: 'Coordinator FI',
});

const ENTRIES = [
  entry('m1', 1, 'meeting', { title: 'Roundtable', startsAt: '2026-11-02T14:00:00Z', agenda: 'Picture' }),
  entry('m2', 2, 'meeting', { title: 'Call', startsAt: '2026-11-02T15:00:00Z', agenda: 'Vessels' }),
  entry('n1', 3, 'meeting-minutes', { meetingId: 'm1', minutes: 'First' }),
  entry('n2', 4, 'meeting-minutes', { meetingId: 'm1', minutes: 'Second' }),
  entry('d1', 5, 'decision', { meetingId: 'm1', what: 'Pool vessels' }),
];

describe('meetings follow the log’s corrections and retractions', () => {
  const cases: [string, Supersession[], [string, string, string | null, string[]][]][] = [
    [
      'nothing superseded',
      [],
      [
        ['m1', 'Picture', 'Second', ['d1']],
        ['m2', 'Vessels', null, []],
      ],
    ],
    ['a retracted meeting is gone', [by('retraction', 'm2', 9)], [['m1', 'Picture', 'Second', ['d1']]]],
    [
      'retracted minutes give way to the earlier ones',
      [by('retraction', 'n2', 9)],
      [
        ['m1', 'Picture', 'First', ['d1']],
        ['m2', 'Vessels', null, []],
      ],
    ],
    [
      'corrected minutes and agenda read as corrected',
      [by('note', 'n2', 9, 'Second, amended'), by('note', 'm2', 10, 'Vessels; costs')],
      [
        ['m1', 'Picture', 'Second, amended', ['d1']],
        ['m2', 'Vessels; costs', null, []],
      ],
    ],
    [
      'a retracted decision no longer came out of the meeting',
      [by('retraction', 'd1', 9)],
      [
        ['m1', 'Picture', 'Second', []],
        ['m2', 'Vessels', null, []],
      ],
    ],
  ];
  it.each(cases)('%s', (_name, supersessions, expected) => {
    expect(
      projectMeetings(ENTRIES, supersessions).map((m) => [
        m.entry.id,
        m.entry.body.agenda,
        m.minutes?.text ?? null,
        m.decisionIds,
      ]),
    ).toEqual(expected);
  });
});
