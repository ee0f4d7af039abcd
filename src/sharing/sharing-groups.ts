import { rule } from './policy.js';
import type { Principal } from './principal.js';
import { isParticipant } from './principal.js';

interface Group {
  ownerOrg: string;
  hidden: boolean;
  members: readonly string[];
}

export const createGroup = [
  rule(
    'coordinators and org-admins of participating organisations create sharing groups',
    (p: Principal) => (p.role === 'coordinator' || p.role === 'org-admin') && isParticipant(p),
  ),
];

export const manageGroup = [
  rule(
    "coordinators and org-admins of the owning organisation change its groups' members",
    (p: Principal, g: Group) =>
      (p.role === 'coordinator' || p.role === 'org-admin') && p.organisation === g.ownerOrg,
  ),
];

/** Who may share with a group: its owner and its members (sharing with it reveals nothing about its members). */
export const useGroup = [
  rule(
    'the owning organisation shares with its groups',
    (p: Principal, g: Group) => p.organisation === g.ownerOrg,
  ),
  rule('members share with the groups they belong to', (p: Principal, g: Group) =>
    g.members.includes(p.organisation),
  ),
];

/** Who may see a group's member list: everyone who may use it, unless its membership is hidden. */
export const seeMembers = [
  rule(
    'the owning organisation sees the members of its groups',
    (p: Principal, g: Group) => p.organisation === g.ownerOrg,
  ),
  rule(
    'members see the other members of groups whose membership is not hidden',
    (p: Principal, g: Group) => !g.hidden && g.members.includes(p.organisation),
  ),
];
