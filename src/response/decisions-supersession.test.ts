import { describe, expect, it } from 'vitest';
import { decisionsOf, type ResponseEntry, type Supersession } from './decisions-rules.js';

const AT = '2026-11-02T09:00:00.000Z';
const decision = (id: string, seq: number, what: string): ResponseEntry => ({
  id,
  seq,
  incidentId: 'i1',
  incidentTitle: 'Cable cut',
  kind: 'decision',
  createdAt: AT,
  authorUserId: 'u1',
  authorOrg: 'FI',
  authorName: 'Coordinator FI',
  body: { level: 'operational', decidedBy: 'FI', what, rationale: '' },
  marking: 'TLP:GREEN',
  audience: ['FI'],
});
const by = (
  kind: 'retraction' | 'note',
  supersedes: string,
  seq: number,
  text: string,
  textWithheld = false,
): Supersession => ({
  id: `s${seq}`,
  seq,
  supersedes,
  kind,
  text,
  textWithheld,
  createdAt: AT,
  authorOrg: 'FI',
  authorName: 'Coordinator FI',
});

describe('the decision log follows the log’s corrections and retractions', () => {
  const d1 = decision('d1', 1, 'Pool vessels');
  const d2 = decision('d2', 2, 'Close the Gulf');
  const cases: [string, Supersession[], [string, string][]][] = [
    [
      'nothing superseded',
      [],
      [
        ['d1', 'Pool vessels'],
        ['d2', 'Close the Gulf'],
      ],
    ],
    [
      'a retraction drops the decision',
      [by('retraction', 'd2', 5, 'wrong incident')],
      [['d1', 'Pool vessels']],
    ],
    [
      'a correction rewords it',
      [by('note', 'd1', 5, 'Pool two vessels')],
      [
        ['d1', 'Pool two vessels'],
        ['d2', 'Close the Gulf'],
      ],
    ],
    [
      'the newest correction wins, whatever order they arrive in',
      [by('note', 'd1', 7, 'Pool three vessels'), by('note', 'd1', 5, 'Pool two vessels')],
      [
        ['d1', 'Pool three vessels'],
        ['d2', 'Close the Gulf'],
      ],
    ],
    [
      'a retraction after a correction drops it',
      [by('note', 'd1', 5, 'Pool two vessels'), by('retraction', 'd1', 6, 'not decided')],
      [['d2', 'Close the Gulf']],
    ],
    [
      'a correction whose text is withheld from the reader leaves the wording the reader had',
      [by('note', 'd1', 5, 'secret wording', true)],
      [
        ['d1', 'Pool vessels'],
        ['d2', 'Close the Gulf'],
      ],
    ],
    [
      'a supersession of another entry changes nothing',
      [by('retraction', 'n9', 5, 'x')],
      [
        ['d1', 'Pool vessels'],
        ['d2', 'Close the Gulf'],
      ],
    ],
  ];
  it.each(cases)('%s', (_name, supersessions, expected) => {
    expect(decisionsOf([d2, d1], supersessions).map((d) => [d.id, d.body.what])).toEqual(expected);
  });
});
