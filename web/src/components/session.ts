import { createContext, useContext } from 'react';
import type { Me } from '../api/types.js';

export const MeContext = createContext<Me | null>(null);

/** The signed-in user; only inside the signed-in part of the app. */
export function useSession(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useSession() is only available inside <RequireSession>');
  return me;
}

/** Organisation administrators and platform administrators manage users. */
export function canAdminister(me: Me): boolean {
  return me.role === 'admin' || me.role === 'org-admin';
}
