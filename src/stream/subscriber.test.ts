import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../platform/actor.js';
import { block, type EndReason, Subscriber } from './subscriber.js';

const actor: Actor = {
  userId: 'u1',
  email: 'fi@example.eu',
  displayName: 'FI',
  organisation: 'FI',
  role: 'coordinator',
  via: 'session',
};

function subscriberOn(out: PassThrough, limits = { maxBufferedBytes: 64 * 1024, maxHeldEvents: 10 }) {
  const ends: EndReason[] = [];
  const s = new Subscriber(
    out,
    actor,
    'en',
    undefined,
    async () => undefined,
    limits,
    (_s, r) => ends.push(r),
  );
  return { s, ends };
}

function written(out: PassThrough): string {
  const chunks: Buffer[] = [];
  for (let c = out.read(); c !== null; c = out.read()) chunks.push(Buffer.from(c));
  return Buffer.concat(chunks).toString();
}

describe('a stream that falls behind', () => {
  it('is closed with a retry once its client stops reading, instead of buffering without bound', () => {
    // Nobody reads: everything written stays in the stream's buffer.
    const out = new PassThrough({ highWaterMark: 1024 });
    const { s, ends } = subscriberOn(out);
    const payload = { text: 'x'.repeat(500) };
    let sent = 0;
    while (!s.closed && sent < 10_000) s.sendAt(++sent, [block('entry', payload)]);
    expect(ends).toEqual(['fell-behind']);
    expect(sent).toBeLessThan(200);
    const text = written(out);
    expect(text.endsWith('retry: 3000\n\n')).toBe(true);
    // What it did get is whole events with their positions: it resumes from the last id it saw.
    expect(text).toContain(`id: ${sent - 1}\ndata: `);
  });

  it('is closed when live events pile up while it catches up', () => {
    const out = new PassThrough();
    const { s, ends } = subscriberOn(out);
    s.holdLiveEvents();
    for (let p = 1; p <= 11 && !s.closed; p++) s.sendAt(p, [block('entry', { p })]);
    expect(ends).toEqual(['fell-behind']);
  });

  it('sends the blocks of one position with the id on the last only, and nothing the catch-up covered', () => {
    const out = new PassThrough();
    const { s } = subscriberOn(out);
    s.holdLiveEvents();
    s.sendAt(5, [block('entry', { p: 5 })]);
    s.sendAt(7, [block('entry', { p: 7 })]);
    s.sendCaughtUp(6, [block('entry', { a: 1 }), block('entry-withdrawn', { b: 2 })]);
    s.caughtUp(6);
    s.sendAt(6, [block('entry', { late: true })]);
    expect(written(out)).toBe(
      'event: entry\ndata: {"a":1}\n\nevent: entry-withdrawn\nid: 6\ndata: {"b":2}\n\nevent: entry\nid: 7\ndata: {"p":7}\n\n',
    );
  });

  it('writes the events of one delivery once, in order, and still ends a stream that falls behind by it', () => {
    const out = new PassThrough({ highWaterMark: 1024 });
    const writes: string[] = [];
    const write = out.write.bind(out);
    out.write = ((chunk: string) => {
      writes.push(chunk);
      return write(chunk);
    }) as typeof out.write;
    const { s, ends } = subscriberOn(out, { maxBufferedBytes: 4096, maxHeldEvents: 10 });
    s.cork();
    s.sendAt(1, [block('entry', { p: 1 })]);
    s.sendAt(2, [block('entry', { p: 2 }), block('entry-withdrawn', { q: 2 })]);
    expect(writes).toEqual([]);
    s.uncork();
    expect(writes).toEqual([
      'event: entry\nid: 1\ndata: {"p":1}\n\nevent: entry\ndata: {"p":2}\n\nevent: entry-withdrawn\nid: 2\ndata: {"q":2}\n\n',
    ]);
    // A delivery larger than the stream may hold back closes it, as event by event would.
    s.cork();
    for (let p = 3; p < 60; p++) s.sendAt(p, [block('entry', { text: 'x'.repeat(100) })]);
    expect(ends).toEqual([]);
    s.uncork();
    expect(ends).toEqual(['fell-behind']);
  });
});
