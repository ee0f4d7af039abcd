import { describe, expect, it } from 'vitest';
import { isSessionAlive, passwordProblem } from './rules.js';

describe('password policy', () => {
  it.each([
    ['short', 'Xy7#short', /at least 12/],
    ['common', 'qwerty123456', /commonly used/],
    ['common, other case', 'QWERTY123456', /commonly used/],
    ['one character', 'aaaaaaaaaaaaaa', /single character/],
  ])('refuses a %s password', (_label, password, reason) => {
    expect(passwordProblem(password)).toMatch(reason);
  });

  it('refuses a password containing the e-mail name', () => {
    expect(passwordProblem('anna.virtanen-2026', { email: 'anna.virtanen@gov.fi' })).toMatch(/e-mail/);
  });

  it.each(['correct horse battery', 'long enough pass phrase', 'Ösel-Dagö-ferry-5'])(
    'accepts %s without composition rules',
    (password) => {
      expect(passwordProblem(password)).toBeUndefined();
    },
  );

  it('counts characters, not bytes', () => {
    expect(passwordProblem('ääääääbcdef')).toMatch(/at least 12/);
  });
});

describe('session expiry', () => {
  const session = {
    createdAt: '2026-11-28T08:00:00Z',
    lastSeenAt: '2026-11-28T09:00:00Z',
    expiresAt: '2026-11-28T20:00:00Z',
  };
  it('ends after the idle limit', () => {
    expect(isSessionAlive(session, new Date('2026-11-28T09:29:59Z'), 30)).toBe(true);
    expect(isSessionAlive(session, new Date('2026-11-28T09:30:00Z'), 30)).toBe(false);
  });
  it('ends at its absolute expiry even when active', () => {
    expect(
      isSessionAlive(
        { ...session, lastSeenAt: '2026-11-28T19:59:00Z' },
        new Date('2026-11-28T20:00:00Z'),
        30,
      ),
    ).toBe(false);
  });
});
