import type { Writable } from 'node:stream';
import type { Actor } from '../platform/actor.js';
import type { Authenticated } from '../platform/http/app.js';

/** How far one stream may fall behind before it is closed and left to resume by `Last-Event-ID`. */
export interface StreamLimits {
  /** Bytes written but not yet taken by the client. */
  maxBufferedBytes: number;
  /** Events held back while the stream catches up after a reconnect. */
  maxHeldEvents: number;
}

export const DEFAULT_LIMITS: StreamLimits = { maxBufferedBytes: 4 * 1024 * 1024, maxHeldEvents: 1_000 };

/** A reconnecting client waits this long before trying again. */
export const RETRY_MS = 3_000;

/**
 * One SSE event without its `id` and final blank line: the same text is shared by every reader of one view, and
 * only the last block of a position carries the id, so a client that drops mid-way resumes before the rest.
 */
export function block(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n`;
}

/** The frame last built: the streams of one view are handed the same blocks for a position one after another. */
let lastFrame: { position: number; blocks: readonly string[]; text: string } | undefined;

function atPosition(position: number, blocks: readonly string[]): string {
  if (lastFrame && lastFrame.position === position && sameBlocks(lastFrame.blocks, blocks))
    return lastFrame.text;
  const text = frameOf(position, blocks);
  lastFrame = { position, blocks, text };
  return text;
}

/** The blocks of one view are the very same strings for each of its readers: comparing them is cheap. */
function sameBlocks(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function frameOf(position: number, blocks: readonly string[]): string {
  // The id goes after the event line, the data last, as clients that read line by line expect.
  return blocks
    .map((b, i) => `${i === blocks.length - 1 ? b.replace('\n', `\nid: ${position}\n`) : b}\n`)
    .join('');
}

/** The text last joined: the streams of one view are uncorked one after another with the very same pieces. */
let lastJoin: { pieces: readonly string[]; text: string } | undefined;

function joined(pieces: readonly string[]): string {
  if (pieces.length === 1) return pieces[0]!;
  if (lastJoin && sameBlocks(lastJoin.pieces, pieces)) return lastJoin.text;
  const text = pieces.join('');
  lastJoin = { pieces, text };
  return text;
}

export type EndReason = 'client-gone' | 'session-ended' | 'fell-behind' | 'shutdown';

/** One open stream: who it serves, what it may still receive, and the socket it writes to. */
export class Subscriber {
  closed = false;
  /** While catching up after a reconnect, live events wait here with their positions. */
  private held: Array<{ position: number; text: string }> | null = null;
  /** When the session ends unless used elsewhere (milliseconds); undefined for tokens and wall screens. */
  sessionEnds: number | undefined;
  private checking = false;
  private coveredUpTo = 0;
  private corked = false;
  /**
   * Who reads, as everything a decision or a presentation may depend on (not the session): streams with the same
   * key (a person's tabs and wall screens) are decided and presented for once per event.
   */
  readonly readerKey: string;

  constructor(
    private readonly out: Writable,
    readonly actor: Actor,
    readonly language: string,
    sessionEnds: string | undefined,
    /** The caller's credentials checked again, without counting as activity. */
    private readonly recheck: () => Promise<Authenticated | undefined>,
    private readonly limits: StreamLimits,
    private readonly onEnd: (s: Subscriber, reason: EndReason) => void,
  ) {
    this.sessionEnds = sessionEnds === undefined ? undefined : Date.parse(sessionEnds);
    const { sessionIdHash: _, ...reader } = actor;
    this.readerKey = JSON.stringify([reader, language]);
  }

  /** Writes the blocks of one position, in order; the last carries the position as its id. */
  sendAt(position: number, blocks: readonly string[]): void {
    // What catching up covered is not sent again, however far behind this instance's feed still is.
    if (this.closed || blocks.length === 0 || position <= this.coveredUpTo) return;
    const text = atPosition(position, blocks);
    if (this.held) {
      this.held.push({ position, text });
      if (this.held.length > this.limits.maxHeldEvents) this.end('fell-behind');
      return;
    }
    this.write(text);
  }

  private write(text: string): void {
    if (this.corked) {
      this.pending.push(text);
      return;
    }
    this.out.write(text);
    if (this.out.writableLength > this.limits.maxBufferedBytes) this.end('fell-behind');
  }

  /** What was written while corked, in order. */
  private pending: string[] = [];

  /**
   * Writes from here to `uncork` leave together: a batch of events is one write per stream, not one per event
   * (with hundreds of streams open, the writes and not the decisions are what a busy moment costs).
   */
  cork(): void {
    if (this.closed || this.corked) return;
    this.corked = true;
  }

  uncork(): void {
    if (!this.corked) return;
    this.corked = false;
    const pending = this.pending;
    this.pending = [];
    if (!this.closed && pending.length > 0) this.write(joined(pending));
  }

  comment(text: string): void {
    if (!this.closed && !this.held) this.write(`: ${text}\n\n`);
  }

  holdLiveEvents(): void {
    this.held = [];
  }

  /** Sends what catching up found, ahead of the live events held meanwhile. */
  sendCaughtUp(position: number, blocks: readonly string[]): void {
    if (!this.closed && blocks.length > 0) this.write(atPosition(position, blocks));
  }

  /**
   * Catching up covered everything up to `upTo`: the live events held meanwhile follow, those after it only, and
   * nothing up to it is sent again, however far behind this instance's feed still is.
   */
  caughtUp(upTo: number): void {
    const held = this.held ?? [];
    this.held = null;
    this.coveredUpTo = upTo;
    for (const h of held) if (h.position > upTo && !this.closed) this.write(h.text);
  }

  /** Asks the credentials again; ends the stream when they no longer hold or name someone else now. */
  async checkCredentials(): Promise<void> {
    if (this.closed || this.checking) return;
    this.checking = true;
    try {
      const who = await this.recheck();
      const same =
        who !== undefined &&
        who.actor.userId === this.actor.userId &&
        who.actor.role === this.actor.role &&
        who.actor.organisation === this.actor.organisation;
      if (!same) this.end('session-ended');
      else this.sessionEnds = who.sessionEnds === undefined ? undefined : Date.parse(who.sessionEnds);
    } catch {
      // The database is unreachable for a moment: the next check (or event) decides.
    } finally {
      this.checking = false;
    }
  }

  end(reason: EndReason): void {
    if (this.closed) return;
    this.closed = true;
    this.held = null;
    this.pending = [];
    // A client that fell behind is told to come back soon; it resumes from its last id.
    if (reason === 'fell-behind') this.out.write(`retry: ${RETRY_MS}\n\n`);
    this.out.end();
    this.onEnd(this, reason);
  }
}
