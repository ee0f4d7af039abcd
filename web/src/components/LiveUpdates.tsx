import { useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type LiveStatus, openLiveUpdates } from '../api/live.js';

const LiveStatusContext = createContext<LiveStatus | null>(null);

/** Keeps the one live stream open while it is mounted (that is, while someone is signed in). */
export function LiveUpdates({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<LiveStatus>('connecting');

  useEffect(() => openLiveUpdates(queryClient, setStatus), [queryClient]);

  return <LiveStatusContext.Provider value={status}>{children}</LiveStatusContext.Provider>;
}

const SYMBOLS: Record<LiveStatus, string> = { connecting: '◌', live: '●', reconnecting: '◌' };

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
