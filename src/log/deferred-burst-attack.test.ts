import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import {
  ApiClient,
  type ApiResponse,
  PASSWORD,
  startTestServer,
  type TestServer,
} from '../../test/support/server.js';
import type { Entry } from '../entries/model.js';
import type { Incident } from '../incidents/model.js';
import { verifyAuditChain } from '../platform/audit/store.js';
import { findChangedEntry } from './hash.js';

// Many requests at once, on real parallel connections: their entries' rows wait for their batches, their keys are
// read at the lock and their answers recorded together. Nothing may be lost, doubled or answered wrongly.
describe.each(engines())('a mixed burst of writes, on %s', (engine) => {
  let server: TestServer;
  let fi: ApiClient;
  let incident: Incident;

  beforeAll(async () => {
    server = await startTestServer({ engine });
    await server.createUser({
      email: 'fi@example.eu',
      password: PASSWORD,
      organisation: 'FI',
      role: 'coordinator',
    });
    fi = new ApiClient(server.url);
    await fi.login('fi@example.eu', PASSWORD);
    incident = (
      await fi.post<Incident>('/api/incidents', {
        title: 'Grid frequency drop',
        reportedBy: 'FI',
        occurredAt: '2026-11-28T08:00:00+02:00',
        impacts: [{ memberState: 'FI', level: 'significant' }],
      })
    ).body;
  });
  afterAll(() => server?.close());

  it('answers every request rightly and keeps each acknowledged write exactly once', async () => {
    const entries = `/api/incidents/${incident.id}/entries`;
    const note = (text: string) => ({ kind: 'note', text, marking: 'TLP:AMBER', audience: ['FI', 'EE'] });
    const base = await Promise.all(
      Array.from({ length: 6 }, (_, i) => fi.post<Entry>(entries, note(`base ${i}`)).then((r) => r.body)),
    );
    const keyed = (key: string) => ({ 'idempotency-key': key });
    const requests: Array<{ name: string; send: () => Promise<ApiResponse> }> = [];
    for (let i = 0; i < 16; i++) {
      // Each note twice with its key, in flight together, and once with the key and another body.
      requests.push({ name: `note-${i}`, send: () => fi.post(entries, note(`burst ${i}`), keyed(`n-${i}`)) });
      requests.push({
        name: `note-${i}-again`,
        send: () => fi.post(entries, note(`burst ${i}`), keyed(`n-${i}`)),
      });
      if (i % 4 === 0)
        requests.push({
          name: `note-${i}-other`,
          send: () => fi.post(entries, note(`other ${i}`), keyed(`n-${i}`)),
        });
    }
    for (const [i, entry] of base.slice(0, 3).entries())
      requests.push({
        name: `correct-${i}`,
        send: () => fi.post(entries, { ...note(`corrected ${i}`), supersedes: entry.id }, keyed(`c-${i}`)),
      });
    for (const [i, entry] of base.slice(3).entries())
      requests.push({
        name: `reach-${i}`,
        send: () => fi.post(`${entries}/${entry.id}/reach`, { marking: 'TLP:GREEN' }, keyed(`r-${i}`)),
      });
    for (let i = 0; i < 3; i++)
      requests.push({
        name: `attach-${i}`,
        send: () =>
          fi.request(
            'POST',
            `${entries}/${base[0]!.id}/attachments?name=log-${i}.txt&marking=TLP:AMBER&audience=FI`,
            Buffer.from(`line ${i}\n`),
            { 'content-type': 'text/plain', ...keyed(`a-${i}`) },
          ),
      });
    // Refused after reading: the entry to correct, or to change the reach of, is not there.
    const missing = '01900000-0000-7000-8000-000000000000';
    requests.push({
      name: 'correct-missing',
      send: () => fi.post(entries, { ...note('corrects nothing'), supersedes: missing }, keyed('bad-1')),
    });
    requests.push({
      name: 'reach-missing',
      send: () => fi.post(`${entries}/${missing}/reach`, { marking: 'TLP:GREEN' }, keyed('bad-2')),
    });

    const answers = new Map<string, ApiResponse>();
    await Promise.all(requests.map(async (r) => answers.set(r.name, await r.send())));
    const answer = (name: string) => answers.get(name)!;

    for (const [name, r] of answers) expect([name, r.status < 500]).toEqual([name, true]);
    for (let i = 0; i < 16; i++) {
      const first = answer(`note-${i}`);
      const again = answer(`note-${i}-again`);
      expect([first.status, again.status]).toEqual([201, 201]);
      expect(again.body).toEqual(first.body);
      const replays = [first, again].filter((r) => r.headers.get('idempotent-replay') === 'true');
      expect(replays).toHaveLength(1);
      if (i % 4 === 0) expect(answer(`note-${i}-other`).status).toBe(409);
    }
    for (const name of ['correct-0', 'correct-1', 'correct-2', 'attach-0', 'attach-1', 'attach-2'])
      expect([name, answer(name).status]).toEqual([name, 201]);
    for (const name of ['reach-0', 'reach-1', 'reach-2'])
      expect([name, answer(name).status]).toEqual([name, 200]);
    expect(answer('correct-missing').status).toBeGreaterThanOrEqual(400);
    expect(answer('reach-missing').status).toBeGreaterThanOrEqual(400);

    const rows = await server.platform.db.kysely
      .selectFrom('entries')
      .select(['id', 'body', 'supersedes'])
      .where('incident_id', '=', incident.id)
      .execute();
    const texts = rows.map((r) => (JSON.parse(r.body) as { text?: string }).text);
    for (let i = 0; i < 16; i++) expect(texts.filter((t) => t === `burst ${i}`)).toHaveLength(1);
    expect(texts.filter((t) => t?.startsWith('other '))).toHaveLength(0);
    expect(texts).not.toContain('corrects nothing');
    for (let i = 0; i < 3; i++) {
      const made = rows.filter((r) => (JSON.parse(r.body) as { text?: string }).text === `corrected ${i}`);
      expect(made.map((r) => r.supersedes)).toEqual([base[i]!.id]);
      expect((answer(`correct-${i}`).body as Entry).id).toBe(made[0]!.id);
    }
    // Each acknowledged entry is present with its reach, as the list shows it.
    const listed = (await fi.get<{ items: Entry[] }>(`${entries}?limit=200`)).body.items.map((e) => e.id);
    for (let i = 0; i < 16; i++) expect(listed).toContain((answer(`note-${i}`).body as Entry).id);
    for (const entry of base.slice(3)) {
      const now = await fi.get<Entry>(`${entries}/${entry.id}`);
      expect(now.body.marking).toBe('TLP:GREEN');
    }
    const attachments = await server.platform.db.kysely
      .selectFrom('attachments')
      .select('entry_id')
      .where('entry_id', '=', base[0]!.id)
      .execute();
    expect(attachments).toHaveLength(3);
    const keys = await server.platform.db.kysely
      .selectFrom('idempotency_keys')
      .select(['path', 'sent', 'response'])
      .execute();
    // Sixteen notes and three corrections on one path, each key once, each with the answer its first request got.
    expect(keys.filter((k) => k.path === entries)).toHaveLength(19);
    for (let i = 0; i < 16; i++) {
      const first = answer(`note-${i}`);
      const fresh = first.headers.get('idempotent-replay') === 'true' ? answer(`note-${i}-again`) : first;
      expect(keys.some((k) => k.response === JSON.stringify(fresh.body))).toBe(true);
    }
    // A later repeat gets the first answer.
    const later = await fi.post(entries, note('burst 5'), keyed('n-5'));
    expect(later.headers.get('idempotent-replay')).toBe('true');
    expect(later.body).toEqual(answer('note-5').body);
    const verified = await verifyAuditChain(server.platform.db.kysely, server.platform.auditKey, [
      findChangedEntry,
    ]);
    expect(verified.broken).toBeUndefined();
  });
});
