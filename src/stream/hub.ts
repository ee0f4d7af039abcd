import type { Platform } from '../platform/context.js';
import { headPosition, type StreamEvent } from '../platform/realtime/events.js';
import { deliveriesFor, type Preloaded, preloadEntries } from './fan-out.js';
import { catchUp } from './resume.js';
import type { EndReason, Subscriber } from './subscriber.js';

const HEARTBEAT_MS = 20_000;
/** How often open sessions' own expiry is looked at: a stream ends within a second of its session's end. */
const EXPIRY_CHECK_MS = 1_000;

/**
 * Every open stream of this instance. Each committed event is read once (from the feed), decided for all streams
 * in memory, and written to each; access changes and session expiry end the streams they concern.
 */
export class StreamHub {
  private readonly subscribers = new Set<Subscriber>();
  private started: Promise<void> | undefined;
  private stopListening: (() => void) | undefined;
  private timers: NodeJS.Timeout[] = [];
  /** Counted for operators and tests: why streams ended. */
  readonly ended: Record<EndReason, number> = {
    'client-gone': 0,
    'session-ended': 0,
    'fell-behind': 0,
    shutdown: 0,
  };

  constructor(private readonly platform: Platform) {}

  private start(): Promise<void> {
    this.started ??= (async () => {
      this.stopListening = this.platform.events.listen((events) => this.deliver(events));
      await this.platform.events.ready();
      const heartbeat = setInterval(() => {
        for (const s of this.subscribers) s.comment('ping');
      }, HEARTBEAT_MS);
      const expiry = setInterval(() => this.checkExpiry(), EXPIRY_CHECK_MS);
      heartbeat.unref();
      expiry.unref();
      this.timers = [heartbeat, expiry];
    })();
    return this.started;
  }

  get size(): number {
    return this.subscribers.size;
  }

  /** Adds a stream; after a reconnect it first catches up from `resumeAfter`, holding live events meanwhile. */
  /**
   * A resume point no later than the head as it stands now, read before the stream answers: a client may claim a
   * position beyond what exists (a stale id from another database, a guess), and what it must then receive is
   * everything written from now on, including what lands while its catch-up is being computed.
   */
  async resumePoint(resumeAfter: number | undefined): Promise<number | undefined> {
    if (resumeAfter === undefined) return undefined;
    return Math.min(resumeAfter, await headPosition(this.platform.db.kysely));
  }

  async add(s: Subscriber, resumeAfter: number | undefined): Promise<void> {
    await this.start();
    if (s.closed) return;
    this.subscribers.add(s);
    if (resumeAfter === undefined) return;
    s.holdLiveEvents();
    // Everything up to here is caught up from the table; anything the feed hands over later is held meanwhile.
    const upTo = Math.max(await headPosition(this.platform.db.kysely), this.platform.events.delivered());
    await catchUp(this.platform, s, resumeAfter, upTo);
    s.caughtUp(upTo);
  }

  /** Called by a subscriber as it ends, whatever the reason. */
  readonly removed = (s: Subscriber, reason: EndReason): void => {
    if (this.subscribers.delete(s)) this.ended[reason]++;
  };

  private async deliver(events: readonly StreamEvent[]): Promise<void> {
    const writing = [...this.subscribers];
    for (const s of writing) s.cork();
    try {
      await this.deliverEach(events);
    } finally {
      for (const s of writing) s.uncork();
    }
  }

  private async deliverEach(events: readonly StreamEvent[]): Promise<void> {
    let preloaded: Preloaded | undefined;
    try {
      if (this.subscribers.size > 0)
        preloaded = await preloadEntries(
          this.platform,
          events.map((e) => e.event),
        );
    } catch (err) {
      // Each event then loads its own entry, as it would alone.
      this.platform.log.warn({ err }, 'the entries of live events could not be loaded together');
    }
    for (const { position, event } of events) {
      if (this.subscribers.size === 0) continue;
      const subscribers = [...this.subscribers];
      if (event.type === 'principal-changed') {
        const concerned = subscribers.filter((s) => s.actor.userId === event.userId);
        for (const s of concerned) {
          if (event.sessionIdHash && s.actor.sessionIdHash === event.sessionIdHash) s.end('session-ended');
        }
        await Promise.all(concerned.filter((s) => !s.closed).map((s) => s.checkCredentials()));
        continue;
      }
      try {
        const deliveries = await deliveriesFor(this.platform, subscribers, event, preloaded);
        for (const [s, blocks] of deliveries) s.sendAt(position, blocks);
      } catch (err) {
        this.platform.log.warn({ err, position }, 'a live event could not be delivered');
      }
    }
  }

  /** A session that nobody uses ends by itself; its streams end with it, whatever they were watching. */
  private checkExpiry(): void {
    const now = this.platform.clock.now().getTime();
    for (const s of this.subscribers) {
      if (s.sessionEnds !== undefined && s.sessionEnds <= now) void s.checkCredentials();
    }
  }

  async close(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    this.stopListening?.();
    for (const s of [...this.subscribers]) s.end('shutdown');
  }
}
