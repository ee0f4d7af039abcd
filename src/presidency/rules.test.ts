import { describe, expect, it } from 'vitest';
import { PRESIDENCY_CALENDAR } from '../registry/presidency.js';
import { checkExtension, nextChangeAt, presidencyAt, runningOut, termOf, warningAt } from './rules.js';

const CALENDAR = PRESIDENCY_CALENDAR;
const MS = 1;
const at = (iso: string) => new Date(iso);

describe('term lookups at the boundaries, in Brussels time', () => {
  it.each([
    // 1 July 00:00 Brussels is 22:00 UTC the day before (summer time, UTC+2).
    ['2026-06-30T21:59:59.999Z', 'CY'],
    ['2026-06-30T22:00:00.000Z', 'IE'],
    // 1 January 00:00 Brussels is 23:00 UTC the day before (winter time, UTC+1).
    ['2026-12-31T22:59:59.999Z', 'IE'],
    ['2026-12-31T23:00:00.000Z', 'LT'],
    ['2027-01-01T00:00:00+01:00', 'LT'],
    ['2023-12-31T23:00:00.000Z', 'BE'],
    ['2030-12-31T22:59:59.999Z', 'MT'],
    ['2030-12-31T23:00:00.000Z', undefined],
    ['2023-12-31T22:59:59.999Z', undefined],
  ])('at %s the Presidency is %s', (instant, state) => {
    expect(presidencyAt(at(instant), CALENDAR)?.memberState).toBe(state);
  });

  it('terms built from their name start at 00:00 Brussels on 1 January and 1 July', () => {
    expect(termOf({ year: 2031, half: 1 }, 'CY')).toEqual({
      memberState: 'CY',
      term: '2031-H1',
      startsAt: '2030-12-31T23:00:00.000Z',
      endsAt: '2031-06-30T22:00:00.000Z',
    });
    expect(termOf({ year: 2031, half: 2 }, 'IE')).toMatchObject({
      startsAt: '2031-06-30T22:00:00.000Z',
      endsAt: '2031-12-31T23:00:00.000Z',
    });
  });

  it('the next change of hands is the end of the term in office, or the start of a calendar not yet begun', () => {
    expect(nextChangeAt(CALENDAR, at('2026-12-01T12:00:00Z'))).toBe('2026-12-31T23:00:00.000Z');
    expect(nextChangeAt(CALENDAR, at('2026-12-31T23:00:00Z'))).toBe('2027-06-30T22:00:00.000Z');
    expect(nextChangeAt(CALENDAR, at('2020-01-01T00:00:00Z'))).toBe('2023-12-31T23:00:00.000Z');
    // The last term's end is a change too: to no Presidency, which alerts the administrators.
    expect(nextChangeAt(CALENDAR, at('2030-12-01T00:00:00Z'))).toBe('2030-12-31T23:00:00.000Z');
    expect(nextChangeAt(CALENDAR, at('2031-02-01T00:00:00Z'))).toBeUndefined();
  });
});

describe('extending the calendar', () => {
  it.each([
    ['2031-H1', 'CY', { ok: true, state: 'CY' }],
    ['2031-H1', 'el', { ok: true, state: 'GR' }],
    ['2031-H1', ' cy ', { ok: true, state: 'CY' }],
    ['2031-H1', 'NO', { ok: false, field: 'state', message: '"NO" is not an EU member state' }],
    ['2031-H1', 'XX', { ok: false, field: 'state', message: '"XX" is not an EU member state' }],
    ['2031-H1', 'MT', { ok: false, field: 'state', message: 'MT already holds 2030-H2, the term before' }],
    [
      '2031-H2',
      'CY',
      {
        ok: false,
        field: 'term',
        message: 'the calendar ends with 2030-H2: the next term to add is 2031-H1',
      },
    ],
    ['2030-H2', 'CY', { ok: false, field: 'term', message: '2030-H2 is already in the calendar' }],
    ['2024-H1', 'CY', { ok: false, field: 'term', message: '2024-H1 is already in the calendar' }],
    ['2031-H3', 'CY', { ok: false, field: 'term', message: '"2031-H3" is not a term like 2031-H1' }],
    ['2031', 'CY', { ok: false, field: 'term', message: '"2031" is not a term like 2031-H1' }],
  ] as const)('%s held by %j', (term, state, expected) => {
    const checked = checkExtension(CALENDAR, term, state);
    if (expected.ok) {
      expect(checked).toEqual({ ok: true, term: termOf({ year: 2031, half: 1 }, expected.state) });
    } else {
      expect(checked).toEqual({ ok: false, problem: { field: expected.field, message: expected.message } });
    }
  });

  it('an empty calendar takes any term of a member state', () => {
    expect(checkExtension([], '2031-H2', 'IE')).toEqual({
      ok: true,
      term: termOf({ year: 2031, half: 2 }, 'IE'),
    });
  });

  it('extension after extension stays gap-free', () => {
    const first = checkExtension(CALENDAR, '2031-H1', 'CY');
    if (!first.ok) throw new Error('refused');
    const extended = [...CALENDAR, first.term];
    expect(checkExtension(extended, '2031-H2', 'IE').ok).toBe(true);
    expect(checkExtension(extended, '2032-H1', 'IE')).toMatchObject({
      ok: false,
      problem: { field: 'term' },
    });
  });
});

describe('the warning that the calendar runs out', () => {
  it('is due a year before the last term ends, at the same Brussels midnight', () => {
    expect(warningAt(CALENDAR)).toBe('2029-12-31T23:00:00.000Z');
    const first = checkExtension(CALENDAR, '2031-H1', 'CY');
    if (!first.ok) throw new Error('refused');
    // A calendar ending on 1 July warns on 1 July of the year before (summer time: 22:00 UTC).
    expect(warningAt([...CALENDAR, first.term])).toBe('2030-06-30T22:00:00.000Z');
    expect(warningAt([])).toBeUndefined();
  });

  it.each([
    ['2029-12-31T22:59:59.999Z', false],
    ['2029-12-31T23:00:00.000Z', true],
    ['2031-03-01T00:00:00.000Z', true],
  ])('at %s it is running out: %s', (instant, expected) => {
    expect(runningOut(CALENDAR, at(instant))).toBe(expected);
  });

  it('an empty calendar has run out already', () => {
    expect(runningOut([], at('2026-01-01T00:00:00Z'))).toBe(true);
    expect(presidencyAt(new Date(Date.parse('2026-01-01T00:00:00Z') - MS), [])).toBeUndefined();
  });
});
