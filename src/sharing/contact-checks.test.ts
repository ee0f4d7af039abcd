import { describe, expect, it } from 'vitest';
import type { Role } from '../accounts/model.js';
import { contactCheckResultScope, readContactCheckResult, scheduleContactCheck } from './contact-checks.js';
import { isAllowed } from './policy.js';
import { readRollCallRow } from './roll-call.js';

const ORGS = ['ERCC', 'FI', 'EE', 'NATO', 'IE'];
const ROLES: Role[] = ['coordinator', 'viewer', 'org-admin', 'admin'];
const principals = ORGS.flatMap((organisation) => ROLES.map((role) => ({ userId: 'u', organisation, role })));

describe('contact-point checks and the roll call in the sharing rules', () => {
  it('lists in SQL exactly the results the rule lets a reader see', () => {
    for (const p of principals) {
      const scope = contactCheckResultScope(p);
      for (const organisation of ORGS) {
        const inScope = scope === 'all' || scope.includes(organisation);
        expect([p.organisation, p.role, organisation, inScope]).toEqual([
          p.organisation,
          p.role,
          organisation,
          isAllowed(readContactCheckResult, p, organisation),
        ]);
      }
    }
  });

  it('lets ERCC check anyone, an org-admin only its own organisation, nobody else', () => {
    const may = (organisation: string, role: Role, targets: string[]) =>
      isAllowed(scheduleContactCheck, { userId: 'u', organisation, role }, targets);
    expect(may('ERCC', 'coordinator', ['FI', 'EE'])).toBe(true);
    expect(may('ERCC', 'viewer', ['FI'])).toBe(false);
    expect(may('FI', 'org-admin', ['FI'])).toBe(true);
    expect(may('FI', 'org-admin', ['FI', 'EE'])).toBe(false);
    expect(may('FI', 'coordinator', ['FI'])).toBe(false);
    expect(may('ERCC', 'admin', ['FI'])).toBe(false);
  });

  it("shows an organisation's roll-call row to itself, ERCC and the Presidency, never to a platform admin", () => {
    const sees = (organisation: string, role: Role, row: string) =>
      isAllowed(
        readRollCallRow,
        { userId: 'u', organisation, role },
        { organisation: row, presidency: 'IE' },
      );
    expect(sees('FI', 'viewer', 'FI')).toBe(true);
    expect(sees('FI', 'coordinator', 'EE')).toBe(false);
    expect(sees('ERCC', 'viewer', 'EE')).toBe(true);
    expect(sees('IE', 'coordinator', 'EE')).toBe(true);
    expect(sees('ERCC', 'admin', 'ERCC')).toBe(false);
    expect(sees('NATO', 'coordinator', 'EE')).toBe(false);
  });
});
