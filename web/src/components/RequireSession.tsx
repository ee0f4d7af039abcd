import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import { useActivitySignal } from '../api/activity.js';
import { signedOutDeliberately, useMe } from '../api/hooks.js';
import { useAccountLanguage } from '../i18n/useAccountLanguage.js';
import { EnrolmentRequired } from '../routes/EnrolmentRequired.js';
import { AppShell } from './AppShell.js';
import { LiveUpdates } from './LiveUpdates.js';
import { Loading, QueryError } from './Messages.js';
import { MeContext } from './session.js';

function Centred({ children }: { children: ReactNode }) {
  return <main className="centred">{children}</main>;
}

/**
 * The gate in front of every screen but sign-in: nobody signed in → /login; an administrator without a
 * second factor → only the enrolment screen; otherwise the app shell around the requested screen.
 */
export function RequireSession() {
  const { t } = useTranslation();
  const { data: me, error, refetch, isPending } = useMe();
  const location = useLocation();
  // A signed-in person's input keeps their session; a wall screen's display token never idles out.
  useActivitySignal(Boolean(me) && !me?.viaDisplay);
  useAccountLanguage(me);

  if (isPending) {
    return (
      <Centred>
        <Loading label={t('common.loadingSession')} />
      </Centred>
    );
  }
  if (me === undefined) {
    return (
      <Centred>
        <QueryError error={error} onRetry={() => void refetch()} />
      </Centred>
    );
  }
  if (me === null) {
    const from = signedOutDeliberately() ? undefined : `${location.pathname}${location.search}`;
    return <Navigate to="/login" replace state={from ? { from } : null} />;
  }
  // A wall screen reads, and only on its own screen.
  if (me.viaDisplay) return <Navigate to="/wall" replace />;
  return (
    <MeContext.Provider value={me}>
      {me.secondFactorEnrolmentRequired ? (
        <AppShell enrolmentOnly>
          <EnrolmentRequired />
        </AppShell>
      ) : (
        <LiveUpdates key={me.id}>
          <AppShell>
            <Outlet />
          </AppShell>
        </LiveUpdates>
      )}
    </MeContext.Provider>
  );
}
