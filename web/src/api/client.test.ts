import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api, isApiError } from './client.js';

type Sent = { method: string; path: string; key: string | undefined; body: unknown };

/** A server reached through a connection that drops the first `drops` answers of every request. */
function flakyServer(drops: number) {
  const sent: Sent[] = [];
  const seen = new Map<string, number>();
  vi.stubGlobal('fetch', async (path: string, init: RequestInit) => {
    const headers = init.headers as Record<string, string>;
    sent.push({ method: init.method ?? 'GET', path, key: headers['idempotency-key'], body: init.body });
    const n = (seen.get(path) ?? 0) + 1;
    seen.set(path, n);
    if (n <= drops) throw new TypeError('Failed to fetch');
    return new Response(JSON.stringify({ ok: n }), {
      status: 201,
      headers: { 'content-type': 'application/json' },
    });
  });
  return sent;
}

describe('the web client', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubGlobal('document', { documentElement: { lang: 'en' } });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('gives every write its own Idempotency-Key and a read none', async () => {
    const sent = flakyServer(0);
    await api.post('/api/a', { text: 'one' });
    await api.post('/api/a', { text: 'one' });
    await api.get('/api/b');
    expect(sent.map((s) => s.method)).toEqual(['POST', 'POST', 'GET']);
    expect(sent[0]!.key).toMatch(/^[0-9a-f]{32}$/);
    expect(sent[1]!.key).not.toBe(sent[0]!.key);
    expect(sent[2]!.key).toBeUndefined();
  });

  it('sends a write whose answer was lost again, with the same key, and returns its answer', async () => {
    const sent = flakyServer(2);
    const answer = api.post<{ ok: number }>('/api/c', { text: 'two' });
    await vi.runAllTimersAsync();
    expect(await answer).toEqual({ ok: 3 });
    expect(sent).toHaveLength(3);
    expect(new Set(sent.map((s) => s.key)).size).toBe(1);
  });

  it('after giving up, asks the very same thing again with the same key, and anything else with a new one', async () => {
    const sent = flakyServer(3);
    const lost = api.post('/api/d', { text: 'three' }).catch((e: unknown) => e);
    await vi.runAllTimersAsync();
    const error = await lost;
    expect(isApiError(error, 0)).toBe(true);
    const key = sent[0]!.key;
    // The coordinator presses the button again: the server may have done it the first time, and replays it.
    const again = api.post('/api/d', { text: 'three' });
    await vi.runAllTimersAsync();
    await again;
    expect(sent.at(-1)!.key).toBe(key);
    // Once answered, the same request is a new one; another body was never the same request.
    await api.post('/api/d', { text: 'three' });
    expect(sent.at(-1)!.key).not.toBe(key);
    await api.post('/api/d', { text: 'four' });
    expect(sent.at(-1)!.key).not.toBe(key);
  });

  it('does not send a read again by itself', async () => {
    const sent = flakyServer(1);
    await expect(api.get('/api/e')).rejects.toMatchObject({ status: 0, code: 'network' });
    expect(sent).toHaveLength(1);
  });
});
