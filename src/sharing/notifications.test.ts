import { describe, expect, it } from 'vitest';
import { PLATFORM_ADMINISTRATORS, sendNotificationTo } from './notifications.js';
import { isAllowed } from './policy.js';

describe('who may be sent a notification', () => {
  const released = { incidentReleasedToNato: true, releasedToNato: true };
  it.each([
    ['a member state, on any incident', 'EE', { incidentReleasedToNato: false, releasedToNato: false }, true],
    ['ERCC, on an incident released to NATO', 'ERCC', released, true],
    [
      "the platform's administrators, about no incident",
      PLATFORM_ADMINISTRATORS,
      { incidentReleasedToNato: null, releasedToNato: false },
      true,
    ],
    ['NATO, of something released to it on an incident released to NATO', 'NATO', released, true],
    [
      'NATO, of something kept from it on an incident released to NATO',
      'NATO',
      { incidentReleasedToNato: true, releasedToNato: false },
      false,
    ],
    [
      'NATO, of something released to it on an incident kept from NATO',
      'NATO',
      { incidentReleasedToNato: false, releasedToNato: true },
      false,
    ],
    ['NATO, about no incident', 'NATO', { incidentReleasedToNato: null, releasedToNato: true }, false],
    [
      'NATO, about no incident but its own standing (its webhook paused)',
      'NATO',
      { incidentReleasedToNato: null, releasedToNato: false, ownAffair: true },
      true,
    ],
    [
      'NATO, of its own standing named on an incident kept from it',
      'NATO',
      { incidentReleasedToNato: false, releasedToNato: false, ownAffair: true },
      false,
    ],
  ] as const)('%s', (_case, organisation, subject, allowed) => {
    expect(isAllowed(sendNotificationTo, organisation, subject)).toBe(allowed);
  });
});
