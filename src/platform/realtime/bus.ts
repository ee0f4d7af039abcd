import { EventEmitter } from 'node:events';

/** A change another part of the platform (or another instance) may want to react to. */
export interface PlatformEvent {
  type: string;
  incidentId?: string;
  entryId?: string;
  seq?: number;
}

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
