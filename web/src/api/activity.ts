/**
 * Watching the live picture does not keep a session alive (the stream is no activity); a person at the keyboard
 * does. On real input (a key, a pointer) the app tells the server, at most once a minute, so an officer working
 * on a screen is not signed out after the idle limit, and one who walked away is.
 */
import { useEffect } from 'react';
import { api } from './client.js';

const ACTIVITY_PATH = '/api/auth/activity';
/** The server counts a session's activity once a minute; telling it more often changes nothing. */
const AT_MOST_EVERY_MS = 60_000;
const INPUT_EVENTS = ['keydown', 'pointerdown'] as const;

/** While mounted with `enabled`, sends the throttled activity signal on real input. */
export function useActivitySignal(enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    let lastSent = Number.NEGATIVE_INFINITY;
    const onInput = (event: Event) => {
      // Synthetic events (scripts, tests dispatching events) are no person at work.
      if (!event.isTrusted) return;
      const now = performance.now();
      if (now - lastSent < AT_MOST_EVERY_MS) return;
      lastSent = now;
      // A failure (session already ended, network) shows on the next real request; nothing to do here.
      api.post<void>(ACTIVITY_PATH).catch(() => undefined);
    };
    for (const type of INPUT_EVENTS) window.addEventListener(type, onInput, { capture: true, passive: true });
    return () => {
      for (const type of INPUT_EVENTS) window.removeEventListener(type, onInput, { capture: true });
    };
  }, [enabled]);
}
