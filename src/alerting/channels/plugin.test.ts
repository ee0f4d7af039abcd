import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../../test/support/server.js';
import { createJobs } from '../../jobs.js';
import { ManualClock } from '../../platform/clock.js';
import type { AlertPreferences } from '../preferences-model.js';
import type { AlertChannel } from './model.js';
import { registerAlertChannel } from './registry.js';
import { alertShortText } from './texts.js';

/** What a national paging gateway received in this test. */
const paged: { to: string; text: string }[] = [];

/**
 * A whole channel, as a plugin for an SMS gateway or a paging system would be: a name, labels, defaults, where a
 * person is reached, how a batch becomes one message, and how it is delivered (here into an array; a real one
 * would call the gateway's API and throw on failure, which the outbox retries).
 */
const pager: AlertChannel<{ text: string }> = {
  name: 'pager',
  label: { en: 'Pager', nl: 'Pieper' },
  defaultOn: (trigger) => trigger === 'activation',
  addressOf: (person) => person.addresses.pager ?? null,
  acceptsAddress: (address) => /^\+[0-9]{6,15}$/.test(address),
  compose: (batch) => ({ text: alertShortText(batch) }),
  outbox: () => ({
    name: 'pager',
    content: z.object({ text: z.string().max(160) }),
    async deliver(recipient, content) {
      paged.push({ to: recipient, text: content.text });
    },
  }),
};

describe('a channel plugin', () => {
  let server: TestServer;
  let unregister: () => void;
  const clock = new ManualClock('2026-12-01T09:00:00Z');
  const as: Record<string, ApiClient> = {};

  beforeAll(async () => {
    unregister = registerAlertChannel(pager);
    server = await startTestServer({ clock, env: { PUBLIC_URL: 'https://bp.example.eu' } });
    for (const [key, organisation] of [
      ['fi', 'FI'],
      ['ee', 'EE'],
      ['lv', 'LV'],
    ] as const) {
      await server.createUser({
        email: `${key}@example.eu`,
        password: PASSWORD,
        organisation,
        role: 'coordinator',
      });
      as[key] = new ApiClient(server.url);
      await as[key]!.login(`${key}@example.eu`, PASSWORD);
    }
  });
  afterAll(async () => {
    unregister();
    await server?.close();
  });

  it('appears in every person’s settings, takes an address it can reach, and delivers through the outbox', async () => {
    const settings = await as.ee!.get<AlertPreferences>('/api/me/alert-preferences');
    expect(settings.body.channels.map((c) => c.name)).toEqual(['in-app', 'email', 'pager']);
    expect(settings.body.choices).toContainEqual({
      trigger: 'activation',
      channel: 'pager',
      enabled: true,
      isDefault: true,
    });
    const bad = await as.ee!.put<{ error: { field?: string } }>('/api/me/alert-preferences', {
      addresses: { pager: 'not a number' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('addresses.pager');
    const set = await as.ee!.put<AlertPreferences>('/api/me/alert-preferences', {
      addresses: { pager: '+3725550100' },
      choices: [{ trigger: 'incident-reported', channel: 'pager', enabled: true }],
    });
    expect(set.status).toBe(200);
    expect(set.body.channels.find((c) => c.name === 'pager')?.address).toBe('+3725550100');
    // Latvia turned the pager on too, but gave no number: nothing can reach it there.
    await as.lv!.put('/api/me/alert-preferences', {
      choices: [{ trigger: 'incident-reported', channel: 'pager', enabled: true }],
    });

    const created = await as.fi!.post<{ id: string }>('/api/incidents', {
      title: 'Estlink cable fault',
      reportedBy: 'FI',
      occurredAt: '2026-12-01T08:00:00Z',
      impacts: [{ memberState: 'FI', level: 'minor' }],
    });
    expect(created.status).toBe(201);
    expect(paged).toHaveLength(0);
    const jobs = createJobs(server.platform);
    await jobs.runDue();
    expect(paged).toEqual([
      {
        to: '+3725550100',
        text: `[TLP:GREEN] Finland reported a new incident. https://bp.example.eu/incidents/${created.body.id}`,
      },
    ]);
  });
});
