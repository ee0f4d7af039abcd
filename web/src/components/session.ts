import { createContext, useContext } from 'react';
import type { Me } from '../api/types.js';

export const MeContext = createContext<Me | null>(null);

/** The signed-in user; only inside the signed-in part of the app. */
export function useSession(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useSession() is only available inside <RequireSession>');
  return me;
}

/** Organisation administrators and platform administrators manage users (the server's rule, in `me.abilities`). */
export function canAdminister(me: Me): boolean {
  return me.abilities.administerUsers;
}

/** The 27 member states and the EU bodies participate; the NATO liaison only reads what is released to it. */
export function isParticipant(me: Me): boolean {
  return me.organisation.kind !== 'nato';
}

/** Coordinators of participating organisations add entries to an incident's log. */
export function canWriteEntries(me: Me): boolean {
  return me.abilities.writeEntries;
}

/** Coordinators and organisation administrators of participating organisations keep sharing groups. */
export function canManageSharingGroups(me: Me): boolean {
  return me.abilities.manageSharingGroups;
}
