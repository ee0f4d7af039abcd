import type { Role } from '../accounts/model.js';
import type { Actor } from '../platform/actor.js';
import { rule } from './policy.js';
import type { Principal } from './principal.js';

interface TargetUser {
  id: string;
  organisation: string;
  role: Role;
}

/** Who may see the list of an organisation's users. */
export const listUsers = [
  rule(
    'platform admins see the users of every organisation',
    (p: Principal, _org: string) => p.role === 'admin',
  ),
  rule(
    'org-admins see the users of their own organisation',
    (p: Principal, org: string) => p.role === 'org-admin' && p.organisation === org,
  ),
];

/** Who may create a user with a given organisation and role. */
export const createUser = [
  rule(
    'platform admins create users of any organisation and role',
    (p: Principal, _u: Omit<TargetUser, 'id'>) => p.role === 'admin',
  ),
  rule(
    'org-admins create users of their own organisation, except platform admins',
    (p: Principal, u: Omit<TargetUser, 'id'>) =>
      p.role === 'org-admin' && p.organisation === u.organisation && u.role !== 'admin',
  ),
];

/** Who may change a user's role, activity, duty or second factor (`newRole` when the role changes). */
export const manageUser = [
  rule(
    'platform admins manage every other user',
    (p: Principal, target: TargetUser, _newRole?: Role) => p.role === 'admin' && p.userId !== target.id,
  ),
  rule(
    'org-admins manage the other users of their own organisation, except platform admins',
    (p: Principal, target: TargetUser, newRole?: Role) =>
      p.role === 'org-admin' &&
      p.userId !== target.id &&
      p.organisation === target.organisation &&
      target.role !== 'admin' &&
      newRole !== 'admin',
  ),
];

/** Being on duty is not a privilege: org-admins keep the roster, and anyone may sign on and off themselves. */
export const setOnDuty = [
  rule('users sign themselves on and off duty', (p: Principal, target: TargetUser) => p.userId === target.id),
  rule(
    "org-admins keep their own organisation's duty roster",
    (p: Principal, target: TargetUser) => p.role === 'org-admin' && p.organisation === target.organisation,
  ),
  rule('platform admins keep every duty roster', (p: Principal, _target: TargetUser) => p.role === 'admin'),
];

/** Who may create and revoke an organisation's wall-screen tokens (they carry its read rights). */
export const manageDisplays = [
  rule(
    "coordinators and org-admins manage their own organisation's wall screens",
    (p: Principal, org: string) =>
      (p.role === 'coordinator' || p.role === 'org-admin') && p.organisation === org,
  ),
];

/** Who may create an API token: it acts as the person creating it, with their organisation and role. */
export const createApiToken = [
  rule(
    'people create API tokens acting as themselves; a wall screen is no person and creates none',
    (p: { via?: Actor['via'] }) => p.via !== 'display',
  ),
];

/**
 * Who may help someone back into their account: lift a sign-in lock, send a password-reset link, or reset a lost
 * second factor. Never one's own account (a reset of one's own factor would skip the second factor altogether).
 */
const recoverAccount = (action: string) => [
  rule(
    `platform admins ${action} of every other user`,
    (p: Principal, target: TargetUser) => p.role === 'admin' && p.userId !== target.id,
  ),
  rule(
    `org-admins ${action} of the other users of their own organisation, except platform admins`,
    (p: Principal, target: TargetUser) =>
      p.role === 'org-admin' &&
      p.userId !== target.id &&
      p.organisation === target.organisation &&
      target.role !== 'admin',
  ),
];

/** Who may lift the sign-in lock on an account. */
export const unlockUser = recoverAccount('lift the sign-in lock');

/** Who may send someone a link to set a new password (to the account's own address, never to themselves). */
export const sendPasswordReset = recoverAccount('send a password-reset link to the address');

/** Who may remove a lost second factor, so the user enrols a new one at the next sign-in. */
export const resetSecondFactor = recoverAccount('reset the second factor');
