import type { Db } from '../platform/db/index.js';
import type { StreamEvent } from '../platform/realtime/events.js';
import type { EventFeed } from '../platform/realtime/feed.js';

/** Enough for every session signed in on a busy instance, bounded all the same. */
const MAX_SESSIONS = 20_000;

interface Remembered<R> {
  row: R;
  /** The account changes counted when the row's read began: any later change makes it unusable. */
  changes: number;
  readAt: number;
}

/**
 * Signed-in sessions with their accounts, as last read, so that an ordinary request does not read them again.
 * A remembered row is used only while no write to accounts or sessions has happened since its read began: this
 * process counts every such statement (`Db.queries.accountChanges`, counted again when its batch commits), and
 * the event feed counts every `principal-changed` event, whoever wrote it. Anything else reads the database.
 */
export class SessionCache<R extends { last_seen_at: string }> {
  readonly #rows = new Map<string, Remembered<R>>();
  #announced = 0;
  #feed: EventFeed | undefined;
  #stopListening: (() => void) | undefined;
  #listening = false;
  /**
   * How long a remembered session may be used without reading it again. Changes made in this process and every
   * change that ends or alters someone's access (`principal-changed`, from any writer) forget it at once; this
   * only bounds how long another instance's change that announces nothing (a name, a language) takes to show.
   */
  #maxAgeMs = 5_000;

  constructor(
    private readonly db: Db,
    /** Monotonic milliseconds; infrastructure time, not the domain's clock. */
    private readonly monotonic: () => number = () => performance.now(),
  ) {}

  /** What a read beginning now must carry back to `remember`. */
  ticket(): number {
    return this.#changes();
  }

  get(idHash: string): R | undefined {
    const hit = this.#rows.get(idHash);
    if (!hit) return undefined;
    if (hit.changes !== this.#changes() || this.monotonic() - hit.readAt > this.#maxAgeMs) {
      this.#rows.delete(idHash);
      return undefined;
    }
    return hit.row;
  }

  /**
   * The feed of every writer's events, listened to from the first session remembered: until then nothing is
   * remembered that an event could make stale, and a process that serves nobody does not tail the log for it.
   */
  listenTo(feed: EventFeed, options: { maxAgeSeconds?: number } = {}): () => void {
    this.#feed = feed;
    if (options.maxAgeSeconds !== undefined) this.#maxAgeMs = options.maxAgeSeconds * 1000;
    return () => {
      this.#stopListening?.();
      this.#stopListening = undefined;
      this.#feed = undefined;
      this.#listening = false;
      this.#rows.clear();
    };
  }

  remember(idHash: string, row: R, ticket: number): void {
    // Without the feed, another process's change of access would go unnoticed: nothing is kept.
    if (!this.#feed || this.#maxAgeMs === 0) return;
    if (!this.#stopListening) {
      const feed = this.#feed;
      this.#stopListening = feed.listen(this.onEvents);
      // The feed tails from where the log stands when it starts: a row read before then could predate an
      // event it will never hand over, so such rows are not kept.
      void feed.ready().then(() => {
        if (this.#feed === feed) this.#listening = true;
        this.#announced++;
      });
    }
    if (!this.#listening) return;
    // A change happened while the row was being read: it may predate the change, so it is not kept.
    if (ticket !== this.#changes()) return;
    this.#rows.delete(idHash);
    this.#rows.set(idHash, { row, changes: ticket, readAt: this.monotonic() });
    if (this.#rows.size > MAX_SESSIONS) this.#rows.delete(this.#rows.keys().next().value!);
  }

  /** This process moved the session's last activity: the remembered row follows. */
  touched(idHash: string, at: string): void {
    const hit = this.#rows.get(idHash);
    if (hit) hit.row = { ...hit.row, last_seen_at: at };
  }

  forget(idHash: string): void {
    this.#rows.delete(idHash);
  }

  /** For the event feed: someone's access changed, here or in another process. */
  readonly onEvents = async (events: readonly StreamEvent[]): Promise<void> => {
    if (events.some((e) => e.event.type === 'principal-changed')) {
      this.#announced++;
      this.#rows.clear();
    }
  };

  #changes(): number {
    return this.db.queries.accountChanges + this.#announced;
  }
}

const perDb = new WeakMap<Db, SessionCache<never>>();

export function sessionCache<R extends { last_seen_at: string }>(db: Db): SessionCache<R> {
  let cache = perDb.get(db) as SessionCache<R> | undefined;
  if (!cache) {
    cache = new SessionCache<R>(db);
    perDb.set(db, cache as unknown as SessionCache<never>);
  }
  return cache;
}
