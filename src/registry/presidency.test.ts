import { describe, expect, it } from 'vitest';
import { PRESIDENCY_CALENDAR, presidencyAt } from './presidency.js';

const EXPECTED: ReadonlyArray<readonly [term: string, memberState: string]> = [
  ['2024-H1', 'BE'],
  ['2024-H2', 'HU'],
  ['2025-H1', 'PL'],
  ['2025-H2', 'DK'],
  ['2026-H1', 'CY'],
  ['2026-H2', 'IE'],
  ['2027-H1', 'LT'],
  ['2027-H2', 'GR'],
  ['2028-H1', 'IT'],
  ['2028-H2', 'LV'],
  ['2029-H1', 'LU'],
  ['2029-H2', 'NL'],
  ['2030-H1', 'SK'],
  ['2030-H2', 'MT'],
];

const MS = 1;

describe('PRESIDENCY_CALENDAR', () => {
  it('lists every term of Council Decision 2016/1316 from 2024 to 2030 in order', () => {
    expect(PRESIDENCY_CALENDAR.map((t) => [t.term, t.memberState])).toEqual(EXPECTED);
  });

  it('has no gaps: each term ends when the next starts', () => {
    for (let i = 1; i < PRESIDENCY_CALENDAR.length; i++) {
      expect(PRESIDENCY_CALENDAR[i]?.startsAt).toBe(PRESIDENCY_CALENDAR[i - 1]?.endsAt);
    }
  });

  it('starts terms at midnight Brussels time: 23:00 UTC in winter, 22:00 UTC in summer', () => {
    for (const term of PRESIDENCY_CALENDAR) {
      const [year, half] = term.term.split('-H').map(Number);
      const expectedStart =
        half === 1 ? `${(year ?? 0) - 1}-12-31T23:00:00.000Z` : `${year}-06-30T22:00:00.000Z`;
      expect(term.startsAt).toBe(expectedStart);
    }
    expect(PRESIDENCY_CALENDAR.at(-1)?.endsAt).toBe('2030-12-31T23:00:00.000Z');
  });
});

describe('presidencyAt', () => {
  it.each(PRESIDENCY_CALENDAR.map((t) => [t.term, t] as const))(
    '%s holds from its first instant',
    (_, term) => {
      const start = Date.parse(term.startsAt);
      expect(presidencyAt(new Date(start))).toEqual(term);
      expect(presidencyAt(new Date(Date.parse(term.endsAt) - MS))).toEqual(term);
      expect(presidencyAt(new Date(start - MS))?.term).not.toBe(term.term);
    },
  );

  it('hands over from Cyprus to Ireland at 2026-07-01 00:00 Brussels time', () => {
    expect(presidencyAt(new Date('2026-06-30T21:59:59.999Z'))?.memberState).toBe('CY');
    expect(presidencyAt(new Date('2026-06-30T22:00:00.000Z'))).toEqual({
      memberState: 'IE',
      term: '2026-H2',
      startsAt: '2026-06-30T22:00:00.000Z',
      endsAt: '2026-12-31T23:00:00.000Z',
    });
    expect(presidencyAt(new Date('2026-07-01T00:00:00+02:00'))?.memberState).toBe('IE');
  });

  it('hands over from Ireland to Lithuania at 2027-01-01 00:00 Brussels time', () => {
    expect(presidencyAt(new Date('2026-12-31T22:59:59.999Z'))?.memberState).toBe('IE');
    expect(presidencyAt(new Date('2026-12-31T23:00:00.000Z'))?.memberState).toBe('LT');
  });

  it('is undefined outside the calendar and for invalid dates', () => {
    expect(presidencyAt(new Date('2023-12-31T22:59:59.999Z'))).toBeUndefined();
    expect(presidencyAt(new Date('2023-12-31T23:00:00.000Z'))?.memberState).toBe('BE');
    expect(presidencyAt(new Date('2030-12-31T22:59:59.999Z'))?.memberState).toBe('MT');
    expect(presidencyAt(new Date('2030-12-31T23:00:00.000Z'))).toBeUndefined();
    expect(presidencyAt(new Date(Number.NaN))).toBeUndefined();
  });
});
