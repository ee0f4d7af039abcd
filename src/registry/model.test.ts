import { describe, expect, it } from 'vitest';
import { CountryCode, OrganisationId, ParticipatingOrganisationId } from './model.js';

function firstMessage(result: { success: boolean; error?: { issues: { message: string }[] } }): string {
  return result.error?.issues[0]?.message ?? '';
}

describe('CountryCode', () => {
  it('gives the canonical code', () => {
    expect(CountryCode.parse('el')).toBe('GR');
    expect(CountryCode.parse('UK')).toBe('GB');
    expect(CountryCode.parse('no')).toBe('NO');
  });

  it('names an unknown country', () => {
    expect(firstMessage(CountryCode.safeParse('XX'))).toBe('unknown country "XX"');
    expect(firstMessage(CountryCode.safeParse(undefined))).toBe('required');
    expect(firstMessage(CountryCode.safeParse(7))).toBe('must be a country code (text)');
  });
});

describe('OrganisationId', () => {
  it('gives the canonical id', () => {
    expect(OrganisationId.parse('el')).toBe('GR');
    expect(OrganisationId.parse('ercc')).toBe('ERCC');
    expect(OrganisationId.parse('NATO')).toBe('NATO');
  });

  it('names an unknown organisation', () => {
    expect(firstMessage(OrganisationId.safeParse('XX'))).toBe('unknown organisation "XX"');
    expect(firstMessage(OrganisationId.safeParse('UK'))).toBe('unknown organisation "UK"');
  });
});

describe('ParticipatingOrganisationId', () => {
  it('refuses NATO', () => {
    expect(ParticipatingOrganisationId.parse('fi')).toBe('FI');
    expect(firstMessage(ParticipatingOrganisationId.safeParse('nato'))).toMatch(
      /^NATO is not a participating/,
    );
    expect(firstMessage(ParticipatingOrganisationId.safeParse('XX'))).toBe('unknown organisation "XX"');
  });
});
