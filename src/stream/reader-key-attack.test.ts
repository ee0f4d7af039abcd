import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import { SseClient, type SseEvent } from '../../test/support/sse.js';
import type { Entry } from '../entries/model.js';
import type { Incident } from '../incidents/model.js';

// People of one organisation and role share everything a stream's decision names but themselves: each must get
// their own presentation, on every tab, and a reader who loses an entry is told on every tab.
const PEOPLE = ['author', 'recipient', 'bystander', 'ee'] as const;
const TABS = 3;
const email = (key: string) => `${key}@example.eu`;

describe.each(engines())('live entries per reader, not per organisation and role, on %s', (engine) => {
  let server: TestServer;
  const as: Record<string, ApiClient> = {};
  const tabs: Record<string, SseClient[]> = {};

  beforeAll(async () => {
    server = await startTestServer({ engine });
    for (const key of PEOPLE) {
      await server.createUser({
        email: email(key),
        password: PASSWORD,
        organisation: key === 'ee' ? 'EE' : 'FI',
        role: 'coordinator',
      });
      as[key] = new ApiClient(server.url);
      await as[key]!.login(email(key), PASSWORD);
      tabs[key] = [];
      for (let i = 0; i < TABS; i++) {
        const tab = new SseClient(`${server.url}/api/stream`, { cookie: as[key]!.cookie! });
        expect(await tab.open()).toBe(200);
        tabs[key]!.push(tab);
      }
    }
  });
  afterAll(async () => {
    for (const list of Object.values(tabs)) for (const t of list) t.close();
    await server?.close();
  });

  const entryEvents = (t: SseClient, id: string) =>
    t.events.filter((e) => e.event === 'entry' && (e.data as Entry).id === id).map((e) => e.data as Entry);
  const withdrawals = (t: SseClient, id: string) =>
    t.events.filter(
      (e: SseEvent) => e.event === 'entry-withdrawn' && (e.data as { entryId: string }).entryId === id,
    );

  it('gives the author of a RED entry and its recipient each their own view, on every tab, and the bystander nothing', async () => {
    const incident = (
      await as.author!.post<Incident>('/api/incidents', {
        title: 'Water utility intrusion',
        reportedBy: 'FI',
        occurredAt: '2026-11-28T08:00:00Z',
      })
    ).body;
    const entries = `/api/incidents/${incident.id}/entries`;
    const red = await as.author!.post<Entry>(entries, {
      kind: 'note',
      text: 'for one person',
      marking: 'TLP:RED',
      recipients: [email('recipient')],
    });
    expect(red.status).toBe(201);
    const amber = await as.author!.post<Entry>(entries, {
      kind: 'note',
      text: 'FI and EE',
      marking: 'TLP:AMBER',
      audience: ['FI', 'EE'],
    });
    expect(amber.status).toBe(201);
    const everyone = (id: string) =>
      Promise.all(
        PEOPLE.flatMap((p) =>
          tabs[p]!.map((t) => t.waitFor((e) => e.event === 'entry' && (e.data as Entry).id === id, 30_000)),
        ),
      );
    // EE must have had the AMBER entry before it is taken back from EE.
    await everyone(amber.body.id);
    expect(
      (await as.author!.post(`${entries}/${amber.body.id}/reach`, { marking: 'TLP:AMBER', audience: ['FI'] }))
        .status,
    ).toBe(200);
    // A GREEN entry after both: once every tab has it, every tab has had all that came before.
    const sentinel = await as.author!.post<Entry>(entries, {
      kind: 'note',
      text: 'after',
      marking: 'TLP:GREEN',
    });
    await everyone(sentinel.body.id);

    for (const t of tabs.author!) {
      const [seen, ...more] = entryEvents(t, red.body.id);
      expect(more).toHaveLength(0);
      // The author sees whom they sent it to by address; the recipient does not.
      expect(seen!.recipients.map((r) => r.email)).toEqual([email('recipient')]);
    }
    for (const t of tabs.recipient!) {
      const [seen, ...more] = entryEvents(t, red.body.id);
      expect(more).toHaveLength(0);
      expect(seen!.text).toBe('for one person');
      expect(seen!.recipients.map((r) => r.email)).toEqual([undefined]);
    }
    for (const p of ['bystander', 'ee'] as const)
      for (const t of tabs[p]!) {
        expect(entryEvents(t, red.body.id)).toHaveLength(0);
        expect(withdrawals(t, red.body.id)).toHaveLength(0);
      }
    // The narrowing reaches who lost the entry, on each tab, and only them.
    for (const t of tabs.ee!) expect(withdrawals(t, amber.body.id)).toHaveLength(1);
    for (const p of ['author', 'recipient', 'bystander'] as const)
      for (const t of tabs[p]!) {
        expect(withdrawals(t, amber.body.id)).toHaveLength(0);
        // Still readers: the changed reach comes to them as the entry again.
        expect(entryEvents(t, amber.body.id).length).toBeGreaterThanOrEqual(1);
      }
    // Every tab of one person got the same events, in the same order.
    for (const p of PEOPLE) {
      const orders = tabs[p]!.map((t) => JSON.stringify(t.events.map((e) => [e.event, e.data])));
      for (const o of orders) expect(o).toBe(orders[0]);
    }
  });
});
