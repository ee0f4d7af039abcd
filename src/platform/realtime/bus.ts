import { EventEmitter } from 'node:events';

import type { EntryReach } from '../../sharing/entries.js';

/**
 * A change another part of the platform (or another instance) may want to react to. Events carry ids, never
 * content: each subscriber loads what it may see, after the change has committed.
 */
export type PlatformEvent =
  | { type: 'entry'; incidentId: string; entryId: string; seq: number }
  | { type: 'assessment'; incidentId: string }
  | { type: 'reach-changed'; incidentId: string; entryId: string; previous: EntryReach }
  | { type: 'group-changed'; groupId: string; previousMembers: string[]; members: string[] }
  | { type: 'notification'; organisation: string; notificationId: string };

export interface Bus {
  publish(event: PlatformEvent): void;
  subscribe(listener: (event: PlatformEvent) => void): () => void;
  close(): Promise<void>;
}

/** In-process bus: enough for one instance on SQLite. */
export function createLocalBus(): Bus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    publish: (event) => emitter.emit('event', event),
    subscribe: (listener) => {
      emitter.on('event', listener);
      return () => emitter.off('event', listener);
    },
    close: async () => {
      emitter.removeAllListeners();
    },
  };
}
