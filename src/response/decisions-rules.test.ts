import { describe, expect, it } from 'vitest';
import type { ActionStatus } from './decisions-model.js';
import {
  byUrgency,
  isOverdue,
  projectActions,
  type ResponseEntry,
  statusChangeProblem,
} from './decisions-rules.js';

const NOW = new Date('2026-11-02T12:00:00.000Z');
let seq = 0;
const entry = (
  kind: string,
  body: Record<string, unknown>,
  fields: Partial<ResponseEntry> = {},
): ResponseEntry => {
  seq += 1;
  return {
    id: `e${seq}`,
    seq,
    incidentId: 'i1',
    incidentTitle: 'Cable cut',
    kind,
    createdAt: NOW.toISOString(),
    authorUserId: 'u1',
    authorOrg: 'FI',
    authorName: 'Coordinator FI',
    body,
    marking: 'TLP:GREEN',
    audience: ['FI'],
    ...fields,
  };
};
const action = (dueAt: string | null, fields: Partial<ResponseEntry> = {}) =>
  entry('action', { title: 'Charter a vessel', ownerOrganisation: 'FI', dueAt }, fields);
const status = (actionId: string, s: ActionStatus, fields: Partial<ResponseEntry> = {}) =>
  entry('action-status', { actionId, status: s, note: '' }, fields);

describe('overdue', () => {
  it.each([
    ['open, due an hour ago', 'open', '2026-11-02T11:00:00.000Z', true],
    ['open, due in an hour', 'open', '2026-11-02T13:00:00.000Z', false],
    ['open, due exactly now', 'open', '2026-11-02T12:00:00.000Z', false],
    ['open, no due time', 'open', null, false],
    ['done after its due time', 'done', '2026-11-02T11:00:00.000Z', false],
    ['cancelled after its due time', 'cancelled', '2026-11-02T11:00:00.000Z', false],
  ] as const)('%s → %s', (_case, s, dueAt, expected) => {
    expect(isOverdue(s, dueAt, NOW)).toBe(expected);
  });
});

describe('the state of an action, projected from its entries', () => {
  it.each<[string, (a: ResponseEntry) => ResponseEntry[], ActionStatus, boolean]>([
    ['no status entry: open', () => [], 'open', true],
    ['marked done', (a) => [status(a.id, 'done')], 'done', false],
    [
      'done, then reopened: open and overdue again',
      (a) => [status(a.id, 'done'), status(a.id, 'open')],
      'open',
      true,
    ],
    ['cancelled', (a) => [status(a.id, 'cancelled')], 'cancelled', false],
    ['a status for another action changes nothing', () => [status('elsewhere', 'done')], 'open', true],
    [
      'a status naming it from another incident changes nothing',
      (a) => [status(a.id, 'done', { incidentId: 'i2' })],
      'open',
      true,
    ],
  ])('%s', (_case, after, expected, overdue) => {
    const a = action('2026-11-02T08:00:00.000Z');
    const [state] = projectActions([a, ...after(a)], NOW);
    expect(state?.status).toBe(expected);
    expect(state?.overdue).toBe(overdue);
  });

  it('reads the log in its order whatever order the rows came in, and names who set the latest status', () => {
    const a = action(null);
    const done = status(a.id, 'done', {
      authorOrg: 'EE',
      authorName: 'Coordinator EE',
      body: { actionId: a.id, status: 'done', note: 'vessel on site' },
    });
    const [state] = projectActions([done, a], NOW);
    expect(state).toMatchObject({
      status: 'done',
      lastChange: { status: 'done', organisation: 'EE', name: 'Coordinator EE', note: 'vessel on site' },
    });
  });

  it('a status entry before its action (impossible in one log, harmless here) is ignored', () => {
    const early = status('e-later', 'done');
    const a = action(null, { id: 'e-later' });
    expect(projectActions([early, a], NOW)[0]?.status).toBe('open');
  });
});

describe('urgency order and refusals', () => {
  it('puts overdue first, then open by due time, then closed', () => {
    const late = action('2026-11-02T08:00:00.000Z');
    const soon = action('2026-11-02T13:00:00.000Z');
    const later = action('2026-11-03T13:00:00.000Z');
    const none = action(null);
    const closed = action('2026-11-02T07:00:00.000Z');
    const states = projectActions([closed, none, later, soon, late, status(closed.id, 'done')], NOW).sort(
      byUrgency,
    );
    expect(states.map((s) => s.entry.id)).toEqual([late.id, soon.id, later.id, none.id, closed.id]);
  });

  it.each([
    ['open', 'open', 'unchanged'],
    ['open', 'done', null],
    ['done', 'open', null],
    ['done', 'done', 'unchanged'],
    ['cancelled', 'done', null],
  ] as const)('%s → %s: %s', (from, to, problem) => {
    expect(statusChangeProblem(from, to)).toBe(problem);
  });
});
