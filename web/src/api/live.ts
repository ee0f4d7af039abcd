/**
 * The one live connection of the signed-in app: Server-Sent Events from /api/stream, applied to the query
 * caches as they arrive. The browser's EventSource reconnects by itself (resending Last-Event-ID); when the
 * server refuses the stream outright, this reconnects with a growing pause and asks who is signed in, so an
 * ended session leads to the sign-in page. After every (re)connection the incidents and their entries are
 * fetched again once, in case something changed while the stream was down.
 */
import type { QueryClient } from '@tanstack/react-query';
import { assistanceEntryArrived, assistanceMayHaveChanged } from './assistance.js';
import { commsEntryArrived } from './comms-review.js';
import { assessmentChanged, entryArrived, entryWithdrawn } from './entryCache.js';
import { keys } from './keys.js';
import { pictureEventArrived } from './picture.js';
import { sitrepEntryArrived } from './sitreps.js';
import type { Assessment, Entry } from './types.js';
import { type Notification, notificationArrived, workflowEntryArrived, workflowKeys } from './workflow.js';

/** `signed-out`: the stream was refused because the session ended (signed out elsewhere, revoked, expired). */
export type LiveStatus = 'connecting' | 'live' | 'reconnecting' | 'signed-out';

const STREAM_PATH = '/api/stream';
const LONGEST_PAUSE_MS = 30_000;

function parse<T>(event: Event): T | undefined {
  try {
    return JSON.parse((event as MessageEvent<string>).data) as T;
  } catch {
    return undefined;
  }
}

/** Whether the server no longer knows this browser's session (a network failure is not an ended session). */
async function sessionEnded(): Promise<boolean> {
  try {
    const response = await fetch('/api/me', {
      credentials: 'same-origin',
      headers: { accept: 'application/json' },
    });
    return response.status === 401;
  } catch {
    return false;
  }
}

/** Opens the stream; returns the function that closes it for good. */
export function openLiveUpdates(
  queryClient: QueryClient,
  onStatus: (status: LiveStatus) => void,
): () => void {
  let source: EventSource | null = null;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  /** The highest stream position received: every event carries one, and it only increases. */
  let highestPosition: number | undefined;
  let closed = false;

  const resynchronise = () => {
    void queryClient.invalidateQueries({ queryKey: keys.incidents });
    void queryClient.invalidateQueries({ queryKey: keys.searchAll });
    void queryClient.invalidateQueries({ queryKey: workflowKeys.notifications });
    assistanceMayHaveChanged(queryClient);
  };

  const seen = (event: Event) => {
    const position = Number((event as MessageEvent).lastEventId);
    if (Number.isInteger(position)) highestPosition = Math.max(highestPosition ?? 0, position);
  };

  const connect = () => {
    if (closed) return;
    const url = highestPosition === undefined ? STREAM_PATH : `${STREAM_PATH}?lastEventId=${highestPosition}`;
    const current = new EventSource(url);
    source = current;

    current.onopen = () => {
      failures = 0;
      onStatus('live');
      // Whatever was fetched before the stream was listening may have missed an event.
      resynchronise();
    };

    current.onerror = () => {
      if (closed) return;
      onStatus('reconnecting');
      if (current.readyState !== EventSource.CLOSED) return; // the browser retries by itself
      current.close();
      failures += 1;
      // Refused: when it is because the session ended, say so and stop; otherwise try again later.
      void sessionEnded().then((ended) => {
        if (closed) return;
        if (ended) {
          closed = true;
          onStatus('signed-out');
          return;
        }
        void queryClient.invalidateQueries({ queryKey: keys.me });
        retry = setTimeout(connect, Math.min(LONGEST_PAUSE_MS, 1000 * 2 ** failures));
      });
    };

    current.addEventListener('entry', (event) => {
      seen(event);
      const entry = parse<Entry>(event);
      if (!entry) return;
      entryArrived(queryClient, entry);
      pictureEventArrived(queryClient, entry.incidentId);
      sitrepEntryArrived(queryClient, entry);
      workflowEntryArrived(queryClient, entry);
      assistanceEntryArrived(queryClient, entry);
      commsEntryArrived(queryClient, entry);
    });

    current.addEventListener('entry-withdrawn', (event) => {
      seen(event);
      const data = parse<{ incidentId: string; entryId: string }>(event);
      if (!data) return;
      entryWithdrawn(queryClient, data.incidentId, data.entryId);
      pictureEventArrived(queryClient, data.incidentId);
      assistanceMayHaveChanged(queryClient, data.incidentId);
    });

    current.addEventListener('assessment', (event) => {
      seen(event);
      const data = parse<{ incidentId: string; assessment: Assessment }>(event);
      if (!data) return;
      assessmentChanged(queryClient, data.incidentId, data.assessment);
      pictureEventArrived(queryClient, data.incidentId);
    });

    current.addEventListener('notification', (event) => {
      seen(event);
      const notification = parse<Notification>(event);
      if (notification) notificationArrived(queryClient, notification);
    });
  };

  onStatus('connecting');
  connect();

  return () => {
    closed = true;
    clearTimeout(retry);
    source?.close();
    source = null;
  };
}
