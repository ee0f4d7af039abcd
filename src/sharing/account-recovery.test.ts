import { describe, expect, it } from 'vitest';
import type { Role } from '../accounts/model.js';
import { userAbilities } from './abilities.js';
import { isAllowed } from './policy.js';
import { resetSecondFactor, sendPasswordReset, unlockUser } from './users.js';

const person = (id: string, organisation: string, role: Role) => ({ userId: id, id, organisation, role });

const admin = person('admin', 'ERCC', 'admin');
const otherAdmin = person('admin-2', 'ERCC', 'admin');
const fiOrgAdmin = person('fi-oa', 'FI', 'org-admin');
const fiViewer = person('fi-v', 'FI', 'viewer');
const fiOtherOrgAdmin = person('fi-oa-2', 'FI', 'org-admin');
const deViewer = person('de-v', 'DE', 'viewer');
const fiCoordinator = person('fi-c', 'FI', 'coordinator');

describe('who may help whom back into an account', () => {
  const cases: Array<[string, ReturnType<typeof person>, ReturnType<typeof person>, boolean]> = [
    ['a platform admin, anyone else', admin, deViewer, true],
    ['a platform admin, another platform admin', admin, otherAdmin, true],
    ['a platform admin, themselves', admin, admin, false],
    ['an org-admin, a viewer of their organisation', fiOrgAdmin, fiViewer, true],
    ['an org-admin, another org-admin of their organisation', fiOrgAdmin, fiOtherOrgAdmin, true],
    ['an org-admin, someone of another organisation', fiOrgAdmin, deViewer, false],
    ['an org-admin, a platform admin', fiOrgAdmin, admin, false],
    ['an org-admin, themselves', fiOrgAdmin, fiOrgAdmin, false],
    ['a coordinator, a colleague', fiCoordinator, fiViewer, false],
    ['a viewer, themselves', fiViewer, fiViewer, false],
  ];
  it.each(cases)('%s: %s', (_case, actor, target, allowed) => {
    for (const rules of [unlockUser, sendPasswordReset, resetSecondFactor]) {
      expect(isAllowed(rules, actor, target)).toBe(allowed);
    }
    expect(userAbilities(actor, target)).toEqual({
      unlock: allowed,
      sendPasswordReset: allowed,
      resetSecondFactor: allowed,
    });
  });

  it('reads as sentences', () => {
    expect(unlockUser.map((r) => r.says)).toEqual([
      'platform admins lift the sign-in lock of every other user',
      'org-admins lift the sign-in lock of the other users of their own organisation, except platform admins',
    ]);
  });
});
