import { describe, expect, it } from 'vitest';
import type { Role } from '../accounts/model.js';
import { startExercise, steerExercise } from './exercises.js';
import { isAllowed } from './policy.js';

const p = (organisation: string, role: Role) => ({ userId: `u-${organisation}-${role}`, organisation, role });

describe('who facilitates exercises', () => {
  it.each<[string, Role, boolean]>([
    ['ERCC', 'coordinator', true],
    ['FI', 'org-admin', true],
    ['FI', 'coordinator', false],
    ['ERCC', 'viewer', false],
    ['FI', 'viewer', false],
    ['ERCC', 'admin', false],
    ['NATO', 'org-admin', false],
  ])('%s %s starts one: %s', (organisation, role, allowed) => {
    expect(isAllowed(startExercise, p(organisation, role))).toBe(allowed);
  });

  it('lets ERCC coordinators steer any session and org-admins only their organisation’s', () => {
    const finnish = { startedByOrganisation: 'FI' };
    expect(isAllowed(steerExercise, p('ERCC', 'coordinator'), finnish)).toBe(true);
    expect(isAllowed(steerExercise, p('FI', 'org-admin'), finnish)).toBe(true);
    expect(isAllowed(steerExercise, p('EE', 'org-admin'), finnish)).toBe(false);
    expect(isAllowed(steerExercise, p('FI', 'coordinator'), finnish)).toBe(false);
    expect(isAllowed(steerExercise, p('ERCC', 'org-admin'), finnish)).toBe(false);
  });
});
