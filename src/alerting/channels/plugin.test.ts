import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { engines } from '../../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../../test/support/server.js';
import { checkShortText } from '../../contact-checks/mail.js';
import type { ContactCheck } from '../../contact-checks/model.js';
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
  composeCheck: (check) => ({ text: checkShortText(check.person.language, check) }),
  outbox: () => ({
    name: 'pager',
    // Two concatenated SMS segments: enough for a short alert, or a check with its answering link.
    content: z.object({ text: z.string().max(320) }),
    async deliver(recipient, content) {
      paged.push({ to: recipient, text: content.text });
    },
  }),
};

describe.each(engines())('a channel plugin on %s', (engine) => {
  let server: TestServer;
  let unregister: () => void;
  const clock = new ManualClock('2026-12-01T09:00:00Z');
  const as: Record<string, ApiClient> = {};

  beforeAll(async () => {
    paged.length = 0;
    unregister = registerAlertChannel(pager);
    server = await startTestServer({ engine, clock, env: { PUBLIC_URL: 'https://bp.example.eu' } });
    for (const [key, organisation] of [
      ['fi', 'FI'],
      ['ee', 'EE'],
      ['lv', 'LV'],
      ['ercc', 'ERCC'],
    ] as const) {
      await server.createUser({
        email: `${key}@example.eu`,
        password: PASSWORD,
        organisation,
        role: 'coordinator',
        displayName: key,
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
  it('carries a contact-point check to the people on duty, and the report says which channel answered and how fast', async () => {
    const jobs = createJobs(server.platform);
    await jobs.runDue();
    paged.length = 0;
    expect(
      (await as.ee!.put('/api/me/alert-preferences', { addresses: { pager: '+3725550100' } })).status,
    ).toBe(200);
    await server.platform.db.kysely
      .updateTable('users')
      .set({ on_duty: 1 })
      .where('email', 'in', ['ee@example.eu', 'lv@example.eu'])
      .execute();
    const scheduled = await as.ercc!.post<ContactCheck>('/api/contact-checks', {
      organisations: ['EE', 'LV'],
    });
    expect(scheduled.status).toBe(201);
    await jobs.runDue();
    // Estonia's person on duty gave a pager number: the check reaches them there too; Latvia's gave none.
    expect(paged).toHaveLength(1);
    expect(paged[0]!.to).toBe('+3725550100');
    expect(paged[0]!.text).toMatch(
      new RegExp(
        `^EXERCISE EXERCISE EXERCISE Contact-point check for Estonia, please acknowledge: https://bp\\.example\\.eu/contact-checks/${scheduled.body.id}\\?via=`,
      ),
    );
    const via = /via=([0-9a-f-]+)/.exec(paged[0]!.text)![1]!;

    clock.advance(90_000);
    const answered = await as.ee!.post<ContactCheck>(
      `/api/contact-checks/${scheduled.body.id}/acknowledgement`,
      {
        via,
      },
    );
    expect(answered.status).toBe(200);
    const estonia = answered.body.results.find((r) => r.organisation === 'EE')!;
    expect(estonia).toMatchObject({ reached: true, channel: 'pager', secondsToAcknowledge: 90 });
    expect(estonia.deliveries.map((d) => [d.channel, d.recipient]).sort()).toEqual([
      ['email', 'ee@example.eu'],
      ['in-app', 'EE'],
      ['pager', '+3725550100'],
    ]);
    const report = await as.ercc!.get<ContactCheck>(`/api/contact-checks/${scheduled.body.id}`);
    const latvia = report.body.results.find((r) => r.organisation === 'LV')!;
    expect(latvia).toMatchObject({ reached: false, channel: null });
    expect(latvia.deliveries.map((d) => d.channel).sort()).toEqual(['email', 'in-app']);
  });
});
