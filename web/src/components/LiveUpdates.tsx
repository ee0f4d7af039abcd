import { useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { forgetEverythingButMe, keys } from '../api/hooks.js';
import { type LiveStatus, openLiveUpdates } from '../api/live.js';

const LiveStatusContext = createContext<LiveStatus | null>(null);

/** Keeps the one live stream open while it is mounted (that is, while someone is signed in). */
export function LiveUpdates({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const { i18n } = useTranslation();
  const [status, setStatus] = useState<LiveStatus>('connecting');

  const language = i18n.resolvedLanguage;
  // biome-ignore lint/correctness/useExhaustiveDependencies: a stream's generated text is in the language it was opened in, so a new language opens a new stream
  useEffect(() => openLiveUpdates(queryClient, setStatus), [queryClient, language]);

  return (
    <LiveStatusContext.Provider value={status}>
      {status === 'signed-out' ? <SessionEndedAlert /> : null}
      {children}
    </LiveStatusContext.Provider>
  );
}

/**
 * Where the reader is, whatever they scrolled to: the session has ended (signed out in another tab, revoked by an
 * administrator, expired), so nothing here updates any more. Announced and focused, with the way back in.
 */
function SessionEndedAlert() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  // Nobody is signed in at this screen any more: what the session could see must not stay on it for whoever comes
  // by. The page's content is hidden and the cached data dropped; the header stays, saying what happened.
  useEffect(() => {
    document.body.classList.add('session-has-ended');
    forgetEverythingButMe(queryClient);
    return () => document.body.classList.remove('session-has-ended');
  }, [queryClient]);
  return (
    <div ref={ref} className="session-ended" role="alert" tabIndex={-1} data-testid="session-ended">
      <p>
        <span aria-hidden="true">⚠ </span>
        {t('live.sessionEnded')}
      </p>
      {/* Nobody is signed in any more: the session gate then opens the sign-in page, back to this one after. */}
      <button
        type="button"
        className="button button--primary"
        onClick={() => {
          forgetEverythingButMe(queryClient);
          queryClient.setQueryData(keys.me, null);
        }}
      >
        {t('live.signInAgain')}
      </button>
    </div>
  );
}

const SYMBOLS: Record<LiveStatus, string> = {
  connecting: '◌',
  live: '●',
  reconnecting: '◌',
  'signed-out': '○',
};

/** "Live" or "Reconnecting…" in words, with a shape: the reader knows whether what they see is current. */
export function LiveIndicator() {
  const { t } = useTranslation();
  const status = useContext(LiveStatusContext);
  if (status === null) return null;
  return (
    <p
      className={`live-indicator live-indicator--${status}`}
      role="status"
      aria-live="polite"
      data-testid="live-status"
      title={t(`live.${status}Hint`)}
    >
      <span aria-hidden="true" className="live-indicator__symbol">
        {SYMBOLS[status]}
      </span>{' '}
      {t(`live.${status}`)}
    </p>
  );
}
