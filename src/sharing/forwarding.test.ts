import { describe, expect, it } from 'vitest';
import { type ForwardedReach, forwardEntry, forwardProblem, forwardWithinReach } from './forwarding.js';
import { isAllowed } from './policy.js';
import type { Principal } from './principal.js';

const reach = (overrides: Partial<ForwardedReach> = {}): ForwardedReach => ({
  marking: 'TLP:AMBER',
  readers: ['FI', 'EEAS', 'ERCC'],
  releasableToNato: false,
  ...overrides,
});

describe('forwarding within reach', () => {
  it.each([
    ['every receiving organisation may see it', reach(), { organisations: ['ERCC'], nato: false }, null],
    [
      'an organisation receiving for the mechanism is outside the audience',
      reach(),
      { organisations: ['IE', 'GSC'], nato: false },
      { code: 'beyond-audience', outside: ['IE', 'GSC'] },
    ],
    [
      'part of the receivers is outside',
      reach(),
      { organisations: ['EEAS', 'EUROPOL'], nato: false },
      { code: 'beyond-audience', outside: ['EUROPOL'] },
    ],
    [
      'TLP:RED is for named people only',
      reach({ marking: 'TLP:RED', readers: ['FI', 'ERCC'] }),
      { organisations: ['ERCC'], nato: false },
      { code: 'red-not-forwarded' },
    ],
    [
      'the EU–NATO dialogue without release to NATO',
      reach(),
      { organisations: ['EEAS'], nato: true },
      { code: 'not-released-to-nato' },
    ],
    [
      'the EU–NATO dialogue with release to NATO',
      reach({ releasableToNato: true }),
      { organisations: ['EEAS'], nato: true },
      null,
    ],
  ] as const)('%s', (_case, entry, to, problem) => {
    expect(forwardProblem(entry, to)).toEqual(problem);
    expect(isAllowed(forwardWithinReach, entry, to)).toBe(problem === null);
  });

  it('lets only coordinators of the author organisation forward', () => {
    const p = (organisation: string, role: Principal['role']): Principal => ({
      userId: 'u',
      organisation,
      role,
    });
    expect(isAllowed(forwardEntry, p('FI', 'coordinator'), { authorOrg: 'FI' })).toBe(true);
    expect(isAllowed(forwardEntry, p('FI', 'viewer'), { authorOrg: 'FI' })).toBe(false);
    expect(isAllowed(forwardEntry, p('ERCC', 'coordinator'), { authorOrg: 'FI' })).toBe(false);
  });
});
