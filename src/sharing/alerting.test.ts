import { describe, expect, it } from 'vitest';
import type { Role } from '../accounts/model.js';
import { chooseOwnAlerts, manageWebhooks } from './alerting.js';
import { isAllowed } from './policy.js';

const person = (organisation: string, role: Role) => ({ userId: 'u', organisation, role });

describe('who manages webhooks', () => {
  it.each([
    ['an org-admin of EE, for EE', person('EE', 'org-admin'), 'EE', true],
    ['an org-admin of EE, for FI', person('EE', 'org-admin'), 'FI', false],
    ['a coordinator of EE, for EE', person('EE', 'coordinator'), 'EE', false],
    ['a viewer of EE, for EE', person('EE', 'viewer'), 'EE', false],
    ["a platform admin, for ERCC's own", person('ERCC', 'admin'), 'ERCC', false],
  ] as const)('%s: %s', (_case, who, organisation, allowed) => {
    expect(isAllowed(manageWebhooks, who, organisation)).toBe(allowed);
  });
});

describe('who chooses alert channels', () => {
  it.each([
    ['session', true],
    ['token', true],
    ['cli', true],
    ['display', false],
  ] as const)('through a %s: %s', (via, allowed) => {
    expect(isAllowed(chooseOwnAlerts, person('FI', 'viewer'), via)).toBe(allowed);
  });
});
