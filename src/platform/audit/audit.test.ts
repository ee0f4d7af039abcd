import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../../test/support/engines.js';
import {
  ApiClient,
  PASSWORD,
  signInEnrolled,
  startTestServer,
  type TestServer,
} from '../../../test/support/server.js';
import { AUDITED_CONTENT } from '../../audit/content.js';
import type { AuditPage } from '../../audit/model.js';
import { inWrite } from '../db/write.js';
import { auditHash, canonicalJson, findChainBreak } from './chain.js';
import { checkAuditChain } from './check.js';
import { verifyAuditChain } from './store.js';

describe('audit hash chain (pure)', () => {
  const key = Buffer.from('k'.repeat(32));
  const genesis = '0'.repeat(64);
  function chain(n: number) {
    const out = [];
    let prev = genesis;
    for (let seq = 1; seq <= n; seq++) {
      const content = {
        seq,
        at: `2026-01-01T00:00:0${seq}Z`,
        actorUserId: 'u',
        actorOrg: 'FI',
        action: 'a',
        subjectType: 's',
        subjectId: `${seq}`,
        details: '{}',
      };
      const hash = auditHash(key, prev, content);
      out.push({ ...content, prevHash: prev, hash });
      prev = hash;
    }
    return out;
  }

  it('accepts an intact chain', () => {
    const c = chain(5);
    expect(findChainBreak(key, genesis, c, { seq: 5, hash: c[4]!.hash })).toBeUndefined();
  });

  it('names the first changed, missing or foreign-keyed record', () => {
    const c = chain(5);
    const changed = c.map((r) => (r.seq === 3 ? { ...r, action: 'b' } : r));
    expect(findChainBreak(key, genesis, changed, { seq: 5, hash: c[4]!.hash })?.seq).toBe(3);
    const missing = c.filter((r) => r.seq !== 2);
    expect(findChainBreak(key, genesis, missing, { seq: 5, hash: c[4]!.hash })?.seq).toBe(2);
    const truncated = c.slice(0, 4);
    expect(findChainBreak(key, genesis, truncated, { seq: 5, hash: c[4]!.hash })).toBeDefined();
    expect(findChainBreak(Buffer.from('x'.repeat(32)), genesis, c, { seq: 5, hash: c[4]!.hash })?.seq).toBe(
      1,
    );
  });

  it('serialises objects canonically', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}',
    );
  });
});

describe.each(engines())('audit log on %s', (engine) => {
  let server: TestServer;
  let fi: ApiClient;
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
  });
  afterAll(() => server?.close());

  it('records every write in one total order, even under concurrent writes', async () => {
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        fi.post('/api/incidents', {
          title: `Concurrent ${i}`,
          reportedBy: 'FI',
          occurredAt: '2026-11-28T08:00:00Z',
        }),
      ),
    );
    const db = server.platform.db.kysely;
    const result = await verifyAuditChain(db, server.platform.auditKey, AUDITED_CONTENT);
    expect(result.broken).toBeUndefined();
    const actions = await db.selectFrom('audit_records').select(['action']).orderBy('seq').execute();
    expect(actions.filter((a) => a.action === 'incident.reported')).toHaveLength(10);
    // Each report is an entry, and so is its first status (the timeline starts with it).
    expect(actions.filter((a) => a.action === 'entry.appended')).toHaveLength(20);
    const seqs = await db.selectFrom('entries').select('seq').orderBy('seq').execute();
    expect(seqs.map((s) => Number(s.seq))).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('detects an entry changed directly in the database', async () => {
    const db = server.platform.db.kysely;
    const entry = await db
      .selectFrom('entries')
      .select(['id', 'body'])
      .orderBy('seq')
      .limit(1)
      .executeTakeFirstOrThrow();
    await sql`update entries set body = ${entry.body.replace('Concurrent', 'Tampered')} where id = ${entry.id}`.execute(
      db,
    );
    const result = await verifyAuditChain(db, server.platform.auditKey, AUDITED_CONTENT);
    expect(result.broken?.reason).toContain(entry.id);
    await sql`update entries set body = ${entry.body} where id = ${entry.id}`.execute(db);
    expect((await verifyAuditChain(db, server.platform.auditKey, AUDITED_CONTENT)).broken).toBeUndefined();
  });

  it('shows admins every record, org-admins their own organisation, others nothing, and never content', async () => {
    await server.createUser({
      email: 'root@example.eu',
      password: PASSWORD,
      organisation: 'ERCC',
      role: 'admin',
    });
    await server.createUser({
      email: 'fi.admin@example.eu',
      password: PASSWORD,
      organisation: 'FI',
      role: 'org-admin',
    });
    await server.createUser({
      email: 'de.admin@example.eu',
      password: PASSWORD,
      organisation: 'DE',
      role: 'org-admin',
    });
    const root = await signInEnrolled(server, 'root@example.eu');
    await inWrite(server.platform, { actor: { userId: null, organisation: null } }, (w) =>
      checkAuditChain(w, server.platform.auditKey, AUDITED_CONTENT),
    );
    const all = await root.get<AuditPage>('/api/audit?limit=500');
    expect(all.status).toBe(200);
    expect(all.body.chain.intact).toBe(true);
    expect(all.body.items.some((r) => r.action === 'incident.reported')).toBe(true);
    expect(JSON.stringify(all.body)).not.toContain('Concurrent');
    const fiAdmin = await signInEnrolled(server, 'fi.admin@example.eu');
    const fiRecords = (await fiAdmin.get<AuditPage>('/api/audit?limit=500')).body.items;
    expect(fiRecords.length).toBeGreaterThan(0);
    expect(new Set(fiRecords.map((r) => r.actor.organisation))).toEqual(new Set(['FI']));
    const deAdmin = await signInEnrolled(server, 'de.admin@example.eu');
    const deRecords = (await deAdmin.get<AuditPage>('/api/audit?limit=500')).body.items;
    expect(deRecords.every((r) => r.actor.organisation === 'DE')).toBe(true);
    expect((await fi.get('/api/audit')).status).toBe(403);
  });

  it('detects a record rewritten with a recomputed plain hash', async () => {
    const db = server.platform.db.kysely;
    await sql`update audit_records set actor_org = 'DE' where seq = 2`.execute(db);
    const result = await verifyAuditChain(db, server.platform.auditKey, AUDITED_CONTENT);
    expect(result.broken?.seq).toBe(2);
  });
});
