import { describe, expect, it } from 'vitest';
import { type SupersedableEntry, standingFacts } from './standing-facts.js';

const FACTS = ['report', 'update', 'own-assessment'];
const entry = (id: string, kind: string, supersedes: string | null = null): SupersedableEntry => ({
  id,
  kind,
  supersedes,
});
const report = entry('r1', 'report');
const update = entry('u1', 'update');
const own = entry('o1', 'own-assessment');

describe('the facts as the log’s corrections and retractions leave them', () => {
  const cases: [string, SupersedableEntry[], string[]][] = [
    ['nothing superseded', [report, update, own], ['r1', 'u1', 'o1']],
    [
      'a retracted update no longer counts',
      [report, update, own, entry('x', 'retraction', 'u1')],
      ['r1', 'o1'],
    ],
    ['a retracted own assessment no longer counts', [report, own, entry('x', 'retraction', 'o1')], ['r1']],
    [
      'a retracted merged report no longer counts',
      [report, entry('r2', 'report'), entry('x', 'retraction', 'r2')],
      ['r1'],
    ],
    ['a correction leaves the entry counted once', [report, update, entry('c', 'note', 'u1')], ['r1', 'u1']],
    [
      'a retraction after a correction withdraws it',
      [report, update, entry('c', 'note', 'u1'), entry('x', 'retraction', 'u1')],
      ['r1'],
    ],
    [
      'the newest supersession decides: a correction after a retraction puts it back',
      [report, update, entry('x', 'retraction', 'u1'), entry('c', 'note', 'u1')],
      ['r1', 'u1'],
    ],
    [
      'the first report stands even if a retraction of it was recorded',
      [report, update, entry('x', 'retraction', 'r1')],
      ['r1', 'u1'],
    ],
    ['entries of other kinds are left out', [report, entry('n', 'note'), entry('a', 'activation')], ['r1']],
    [
      'a retraction of another entry withdraws nothing here',
      [report, update, entry('x', 'retraction', 'n9')],
      ['r1', 'u1'],
    ],
  ];
  it.each(cases)('%s', (_, log, standing) => {
    expect(standingFacts(log, FACTS).map((e) => e.id)).toEqual(standing);
  });
});
