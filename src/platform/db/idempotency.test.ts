import { describe, expect, it } from 'vitest';
import { type IdempotencyScope, runWithIdempotency, takeIdempotency } from './idempotency.js';

const scope = (keyHash: string): IdempotencyScope => ({
  keyHash,
  bodyHash: 'b',
  declaredStatus: undefined,
  method: 'POST',
  path: '/x',
  issuesSecret: false,
  state: 'open',
});

const tick = () => new Promise<void>((r) => setImmediate(r));

describe("a request's idempotency scope", () => {
  it('follows each request through its awaits, overlapping ones apart, and is gone once every one has ended', async () => {
    const taken: Array<string | undefined> = [];
    const request = (key: string, waits: number) =>
      runWithIdempotency(scope(key), async () => {
        for (let i = 0; i < waits; i++) await tick();
        taken.push(takeIdempotency()?.keyHash);
      });
    await Promise.all([request('a', 3), request('b', 1), request('c', 5)]);
    expect(taken).toEqual(['b', 'a', 'c']);
    // Outside every request, a write finds no key, even after the context was switched off and on again.
    expect(takeIdempotency()).toBeUndefined();
    await request('d', 2);
    expect(taken.at(-1)).toBe('d');
    expect(takeIdempotency()).toBeUndefined();
  });

  it('is taken by the first write only; an explicit scope wins over the ambient one', async () => {
    await runWithIdempotency(scope('first'), async () => {
      expect(takeIdempotency()?.keyHash).toBe('first');
      expect(takeIdempotency()).toBeUndefined();
      expect(takeIdempotency(scope('given'))?.keyHash).toBe('given');
    });
  });
});
