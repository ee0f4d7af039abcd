import { describe, expect, it } from 'vitest';
import { escalationMail } from '../alerting/escalation-mail.js';
import { secondsBetween, standingFlag } from './rules.js';

const NOW = new Date('2026-12-01T12:00:00.000Z');
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000).toISOString();

describe('the standing of a contact point', () => {
  it.each([
    [false, null, 'no-contact-point'],
    [false, daysAgo(1), 'no-contact-point'],
    [true, null, 'never-reached'],
    [true, daysAgo(89), null],
    [true, daysAgo(90), null],
    [true, daysAgo(90.01), 'stale'],
  ] as const)('with a contact point %s, last reached %s: %s', (hasContactPoint, lastReachedAt, flag) => {
    expect(standingFlag({ hasContactPoint, lastReachedAt, now: NOW, staleAfterDays: 90 })).toBe(flag);
  });

  it('counts whole seconds from sending to answering, never below zero', () => {
    expect(secondsBetween('2026-12-01T12:00:00.000Z', '2026-12-01T12:02:00.400Z')).toBe(120);
    expect(secondsBetween('2026-12-01T12:00:01.000Z', '2026-12-01T12:00:00.000Z')).toBe(0);
    expect(secondsBetween(null, '2026-12-01T12:00:00.000Z')).toBeNull();
  });
});

describe('the escalation e-mail', () => {
  const facts = {
    organisation: 'Estonia',
    kind: 'activation',
    step: 'duty-contacts' as const,
    minutesWaiting: 30,
    link: 'https://blueprint.example.eu/incidents/1',
    exercise: false,
  };
  it('says what waits and where to acknowledge it, in the reader language', () => {
    expect(escalationMail('en', facts).text).toContain('the Blueprint was activated');
    expect(escalationMail('nl', facts).subject).toBe(
      '[TLP:GREEN] Onbevestigde Blueprint-melding voor Estonia',
    );
  });
  it('starts with EXERCISE EXERCISE EXERCISE in an exercise', () => {
    expect(escalationMail('en', { ...facts, exercise: true }).subject).toBe(
      'EXERCISE EXERCISE EXERCISE [TLP:GREEN] Unacknowledged Blueprint alert for Estonia',
    );
  });
});
