import { describe, expect, it } from 'vitest';
import { checkImpacts, emptyImpact, impactRequest } from '../components/report/reportForm.js';
import { readNumber } from './numbers.js';

describe('numbers as the reader writes them', () => {
  it('reads Dutch decimals with a comma and thousands with a point', () => {
    expect(readNumber('12,5', 'nl')).toBe(12.5);
    expect(readNumber('12,5 %', 'nl')).toBe(12.5);
    expect(readNumber('12.000', 'nl')).toBe(12000);
    expect(readNumber('1.234,5', 'nl')).toBe(1234.5);
    expect(readNumber('12.5', 'nl')).toBe('ambiguous');
  });

  it('reads English decimals with a point and says a decimal comma is ambiguous', () => {
    expect(readNumber('12.5', 'en')).toBe(12.5);
    expect(readNumber('12,000', 'en')).toBe(12000);
    expect(readNumber('12,5', 'en')).toBe('ambiguous');
    expect(readNumber('12,5 %', 'en')).toBe('ambiguous');
    expect(readNumber('-3', 'en')).toBeNull();
    expect(readNumber('12x', 'en')).toBeNull();
    expect(readNumber('  ', 'en')).toBeNull();
  });

  it('checks and sends impact figures in the reader’s language', () => {
    const row = {
      ...emptyImpact('FI'),
      proportionAffected: '12,5',
      durationHours: '1,5',
      usersAffected: '12.000',
    };
    expect(checkImpacts([row], 'nl')).toEqual({});
    expect(impactRequest(row, 'nl')).toMatchObject({
      proportionAffected: 12.5,
      durationHours: 1.5,
      usersAffected: 12000,
    });
    expect(checkImpacts([row], 'en')).toEqual({
      'impacts[0].proportionAffected': 'ambiguousDecimal',
      'impacts[0].durationHours': 'ambiguousDecimal',
    });
    expect(
      checkImpacts([{ ...row, proportionAffected: '', durationHours: '90000', usersAffected: '' }], 'en'),
    ).toEqual({
      'impacts[0].durationHours': 'durationTooLong',
    });
  });
});
