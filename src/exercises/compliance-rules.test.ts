import { describe, expect, it } from 'vitest';
import { addMonths, exerciseStanding, monthsBetween } from './compliance-rules.js';

describe('exercise compliance', () => {
  it.each([
    ['2024-06-25', 12, '2025-06-25'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2023-08-31', 6, '2024-02-29'],
  ])('%s plus %d months is %s', (from, months, to) => {
    expect(addMonths(from, months)).toBe(to);
  });

  it.each([
    ['2025-01-10', '2025-04-09', 2],
    ['2025-01-10', '2025-04-10', 3],
    ['2025-04-10', '2025-01-10', 0],
  ])('from %s to %s is %d whole months', (from, to, months) => {
    expect(monthsBetween(from, to)).toBe(months);
  });

  it.each([
    [[], '2025-03-01', 'due', null],
    [[], '2025-07-01', 'overdue', null],
    [['2025-05-20T09:00:00.000Z', '2024-11-18'], '2026-12-01', 'met', 18],
    [['2025-09-01'], '2026-12-01', 'late', 15],
  ] as const)('held on %j, on %s the first is %s, the last %s months ago', (held, today, first, months) => {
    const standing = exerciseStanding('2024-06-25', held, today);
    expect(standing.firstDueBy).toBe('2025-06-25');
    expect(standing.firstExercise).toBe(first);
    expect(standing.monthsSinceLast).toBe(months);
  });
});
