import { describe, expect, it } from 'vitest';
import {
  COUNTRY_CODES,
  countryName,
  isCountryCode,
  isMemberState,
  MEMBER_STATES,
  memberStateByCode,
  normaliseCountryCode,
} from './countries.js';

describe('member states', () => {
  it('are the 27, each once, Greece as GR', () => {
    const codes = MEMBER_STATES.map((state) => state.code);
    expect(codes).toHaveLength(27);
    expect(new Set(codes).size).toBe(27);
    expect(codes).toContain('GR');
    expect(codes).not.toContain('EL');
    expect([...codes].sort()).toEqual(
      'AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK'.split(' '),
    );
  });

  it('have English and native names', () => {
    expect(memberStateByCode('DE')).toEqual({ code: 'DE', name: 'Germany', nativeName: 'Deutschland' });
    for (const state of MEMBER_STATES) {
      expect(state.name).not.toBe('');
      expect(state.nativeName).not.toBe('');
    }
  });

  it.each([
    ['FI', true],
    ['GR', true],
    ['EL', false],
    ['NO', false],
    ['GB', false],
    ['fi', false],
  ])('isMemberState(%s) is %s', (code, expected) => {
    expect(isMemberState(code)).toBe(expected);
  });
});

describe('country codes', () => {
  it('hold every officially assigned ISO 3166-1 alpha-2 code once', () => {
    expect(COUNTRY_CODES).toHaveLength(249);
    expect(new Set(COUNTRY_CODES).size).toBe(249);
    for (const code of COUNTRY_CODES) expect(code).toMatch(/^[A-Z]{2}$/);
    for (const state of MEMBER_STATES) expect(COUNTRY_CODES).toContain(state.code);
  });

  it.each([
    ['FI', 'FI'],
    ['fi', 'FI'],
    ['  de ', 'DE'],
    ['EL', 'GR'],
    ['el', 'GR'],
    ['GR', 'GR'],
    ['UK', 'GB'],
    ['uk', 'GB'],
    ['GB', 'GB'],
    ['NO', 'NO'],
    ['UA', 'UA'],
    ['CH', 'CH'],
    ['XX', undefined],
    ['XK', 'XK'],
    ['xk', 'XK'],
    ['RE', 'RE'],
    ['IC', 'IC'],
    ['EA', 'EA'],
    ['EU', undefined],
    ['', undefined],
    ['FIN', undefined],
  ])('normaliseCountryCode(%j) is %s', (input, expected) => {
    expect(normaliseCountryCode(input)).toBe(expected);
  });

  it('isCountryCode takes canonical codes only', () => {
    expect(isCountryCode('NO')).toBe(true);
    expect(isCountryCode('GR')).toBe(true);
    expect(isCountryCode('EL')).toBe(false);
    expect(isCountryCode('UK')).toBe(false);
    expect(isCountryCode('no')).toBe(false);
  });
});

describe('countryName', () => {
  it('uses our English names for member states', () => {
    expect(countryName('CZ')).toBe('Czechia');
    expect(countryName('GR')).toBe('Greece');
    expect(countryName('EL')).toBe('Greece');
  });

  it('asks Intl for other countries and locales', () => {
    expect(countryName('NO')).toBe('Norway');
    expect(countryName('UK')).toBe('United Kingdom');
    expect(countryName('DE', 'de')).toBe('Deutschland');
    expect(countryName('FI', 'fr')).toBe('Finlande');
  });

  it('returns an unknown code as given', () => {
    expect(countryName('XX')).toBe('XX');
  });
});
