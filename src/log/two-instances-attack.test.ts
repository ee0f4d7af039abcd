import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import type { Entry } from '../entries/model.js';
import type { Incident } from '../incidents/model.js';
import { verifyAuditChain } from '../platform/audit/store.js';
import { findChangedEntry } from './hash.js';

// Two instances on one database: each batch waits for the other's head lock, and must then number its entries
// and find keys after what the other committed meanwhile.
describe.skipIf(!engines().includes('postgres'))('two instances appending at once on postgres', () => {
  let a: TestServer;
  let b: TestServer;
  let onA: ApiClient;
  let onB: ApiClient;
  let incident: Incident;
  beforeAll(async () => {
    a = await startTestServer({ engine: 'postgres' });
    b = await startTestServer({
      engine: 'postgres',
      sharing: { dataDir: a.dataDir, databaseUrl: a.databaseUrl },
    });
    await a.createUser({
      email: 'fi@example.eu',
      password: PASSWORD,
      organisation: 'FI',
      role: 'coordinator',
    });
    onA = new ApiClient(a.url);
    await onA.login('fi@example.eu', PASSWORD);
    onB = new ApiClient(b.url);
    await onB.login('fi@example.eu', PASSWORD);
    incident = (
      await onA.post<Incident>('/api/incidents', {
        title: 'Port systems down',
        reportedBy: 'FI',
        occurredAt: '2026-11-28T08:00:00Z',
      })
    ).body;
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('keeps every entry of both, numbered apart, and one effect per key across them', async () => {
    const path = `/api/incidents/${incident.id}/entries`;
    const note = (text: string) => ({ kind: 'note', text, marking: 'TLP:GREEN' });
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, i) => {
        const client = i % 2 === 0 ? onA : onB;
        // Every third pair shares a key across the two instances.
        const key = i % 6 < 2 ? { 'idempotency-key': `across-${Math.floor(i / 6)}` } : undefined;
        const text = key ? `keyed ${Math.floor(i / 6)}` : `plain ${i}`;
        return client.post<Entry>(path, note(text), key);
      }),
    );
    expect(answers.map((r) => r.status)).toEqual(answers.map(() => 201));
    const rows = await a.platform.db.kysely
      .selectFrom('entries')
      .select(['seq', 'body'])
      .where('incident_id', '=', incident.id)
      .execute();
    const texts = rows.map((r) => (JSON.parse(r.body) as { text?: string }).text);
    for (let k = 0; k < 10; k++) expect(texts.filter((t) => t === `keyed ${k}`)).toHaveLength(1);
    expect(texts.filter((t) => t?.startsWith('plain '))).toHaveLength(40);
    const verified = await verifyAuditChain(a.platform.db.kysely, a.platform.auditKey, [findChangedEntry]);
    expect(verified.broken).toBeUndefined();
  });
});
