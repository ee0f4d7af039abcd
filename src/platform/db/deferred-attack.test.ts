import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../../test/support/server.js';
import { AUDITED_CONTENT } from '../../audit/content.js';
import { appendEntry, type NewEntry } from '../../log/append.js';
import { findChangedEntry } from '../../log/hash.js';
import { defaultAudience } from '../../sharing/entries.js';
import { verifyAuditChain } from '../audit/store.js';
import { batchStatsOf } from './group-commit.js';
import { type IdempotencyScope, recordUnpairedResponse } from './idempotency.js';
import { IdempotencyMismatch, IdempotentReplay, inWrite, type WriteContext } from './write.js';

// Writes fired in one tick join one batch: the batch's owed rows, keys read at the lock and its restart in
// savepoints are what these tests press on.
describe.each(engines())('owed rows and keys within one batch, on %s', (engine) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ engine });
  });
  afterAll(() => server.close());

  const scope = (key: string, body: string): IdempotencyScope => ({
    keyHash: `attack-key-${key}`,
    bodyHash: `attack-body-${body}`,
    declaredStatus: 201,
    method: 'POST',
    path: '/attack',
    issuesSecret: false,
    state: 'open',
  });

  const effect = (
    subject: string,
    idempotency?: IdempotencyScope,
    more?: (w: WriteContext) => Promise<void>,
  ) =>
    inWrite(server.platform, { actor: { userId: null, organisation: null }, idempotency }, async (w) => {
      await w.audit({ action: 'test.deferred-attack', subjectType: 'test', subjectId: subject, details: {} });
      await more?.(w);
      return { subject };
    });

  const effects = async (subject: string) =>
    (
      await server.platform.db.kysely
        .selectFrom('audit_records')
        .select('subject_id')
        .where('action', '=', 'test.deferred-attack')
        .where('subject_id', '=', subject)
        .execute()
    ).length;
  const keyRows = async (key: string) =>
    (
      await server.platform.db.kysely
        .selectFrom('idempotency_keys')
        .select('key_hash')
        .where('key_hash', '=', `attack-key-${key}`)
        .execute()
    ).length;
  const chainHolds = async () =>
    expect(
      (await verifyAuditChain(server.platform.db.kysely, server.platform.auditKey, AUDITED_CONTENT)).broken,
    ).toBeUndefined();

  it('repeats of one key in the same batch: one effect, the same body replays the first answer, another is refused', async () => {
    const outcomes = await Promise.allSettled([
      effect('same-1', scope('same', 'a')),
      effect('same-2', scope('same', 'a')),
      effect('same-3', scope('same', 'b')),
      effect('same-free'),
    ]);
    expect(outcomes[0]).toEqual({ status: 'fulfilled', value: { subject: 'same-1' } });
    const replay = (outcomes[1] as PromiseRejectedResult).reason;
    expect(replay).toBeInstanceOf(IdempotentReplay);
    expect((replay as IdempotentReplay).status).toBe(201);
    expect((replay as IdempotentReplay).response).toEqual({ subject: 'same-1' });
    expect((outcomes[2] as PromiseRejectedResult).reason).toBeInstanceOf(IdempotencyMismatch);
    expect(outcomes[3].status).toBe('fulfilled');
    expect([await effects('same-1'), await effects('same-2'), await effects('same-3')]).toEqual([1, 0, 0]);
    expect(await keyRows('same')).toBe(1);
    // Later, from the stored row.
    await expect(effect('same-4', scope('same', 'a'))).rejects.toBeInstanceOf(IdempotentReplay);
    await chainHolds();
  });

  it('an owed row that fails at the batch end fails its write alone; keyed neighbours keep their answers and keys once', async () => {
    await effect('taken-0', scope('taken', 'a'));
    const stats = batchStatsOf(server.platform.db);
    const restartsBefore = stats.restarts;
    // A reach row the batch owes for an entry that does not exist: it breaks only when the owed rows are sent.
    const breaking = effect('broken', undefined, async (w) => {
      w.owe('entry_reach', {
        entry_id: 'no-such-entry',
        marking: 'TLP:GREEN',
        audience: '[]',
        recipients: '[]',
        sharing_group_id: null,
        releasable_to_nato: 0,
        changed_at: w.now,
        changed_by_entry: null,
      });
    });
    const outcomes = await Promise.allSettled([
      effect('k-1', scope('k1', 'a')),
      effect('k-1-again', scope('k1', 'a')),
      effect('k-2', scope('k2', 'a')),
      breaking,
      // Reads after the broken row is owed: in a trusting batch its read sends that row first.
      effect('k-3', scope('k3', 'a'), async (w) => {
        await w.trx.selectFrom('idempotency_keys').select('key_hash').limit(1).execute();
      }),
      effect('k-1-other', scope('k1', 'b')),
      effect('free'),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual([
      'fulfilled',
      'rejected',
      'fulfilled',
      'rejected',
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(IdempotentReplay);
    expect(((outcomes[1] as PromiseRejectedResult).reason as IdempotentReplay).response).toEqual({
      subject: 'k-1',
    });
    expect((outcomes[3] as PromiseRejectedResult).reason).not.toBeInstanceOf(IdempotentReplay);
    expect((outcomes[5] as PromiseRejectedResult).reason).toBeInstanceOf(IdempotencyMismatch);
    expect(stats.restarts).toBeGreaterThan(restartsBefore);
    for (const [subject, n] of [
      ['k-1', 1],
      ['k-1-again', 0],
      ['k-2', 1],
      ['broken', 0],
      ['k-3', 1],
      ['k-1-other', 0],
      ['free', 1],
    ] as const)
      expect([subject, await effects(subject)]).toEqual([subject, n]);
    for (const key of ['k1', 'k2', 'k3', 'taken']) expect([key, await keyRows(key)]).toEqual([key, 1]);
    await expect(effect('k-2-later', scope('k2', 'a'))).rejects.toBeInstanceOf(IdempotentReplay);
    await chainHolds();
  });

  it('a batch of one whose owed row fails at its end fails, leaving nothing', async () => {
    const outcome = await effect('alone-broken', scope('alone', 'a'), async (w) => {
      w.owe('entry_reach', {
        entry_id: 'no-such-entry',
        marking: 'TLP:GREEN',
        audience: '[]',
        recipients: '[]',
        sharing_group_id: null,
        releasable_to_nato: 0,
        changed_at: w.now,
        changed_by_entry: null,
      });
    }).then(
      () => 'done',
      () => 'failed',
    );
    expect(outcome).toBe('failed');
    expect(await effects('alone-broken')).toBe(0);
    expect(await keyRows('alone')).toBe(0);
    // The key was not spent: the request may try again.
    await expect(effect('alone-again', scope('alone', 'a'))).resolves.toEqual({ subject: 'alone-again' });
    await chainHolds();
  });
});

describe.each(engines())('an entry and its correction in one batch, on %s', (engine) => {
  let server: TestServer;
  let author = '';
  let incidentId = '';
  beforeAll(async () => {
    server = await startTestServer({ engine });
    author = (
      await server.createUser({
        email: 'fi@example.eu',
        password: PASSWORD,
        organisation: 'FI',
        role: 'coordinator',
      })
    ).id;
    const fi = new ApiClient(server.url);
    await fi.login('fi@example.eu', PASSWORD);
    incidentId = (
      await fi.post<{ id: string }>('/api/incidents', {
        title: 'Rail signalling fault',
        reportedBy: 'FI',
        occurredAt: '2026-11-28T08:00:00Z',
      })
    ).body.id;
  });
  afterAll(() => server.close());

  const note = (text: string, supersedes?: string): NewEntry => ({
    incidentId,
    kind: 'note',
    authorUserId: author,
    authorOrg: 'FI',
    marking: 'TLP:GREEN',
    audience: defaultAudience(),
    recipients: [],
    releasableToNato: false,
    body: { text, withheld: [] },
    supersedes: supersedes ?? null,
  });
  const actor = () => ({ actor: { userId: author, organisation: 'FI' } });

  it('corrects an entry still owed, in the same write and by the next write of the batch', async () => {
    let firstId = '';
    const [same, next] = await Promise.all([
      inWrite(server.platform, actor(), async (w) => {
        const original = await appendEntry(w, note('original'));
        firstId = original.id;
        // Owed together, in one insert: the correction's reference is to a row of the same statement.
        const correction = await appendEntry(w, note('corrected', original.id));
        return [original.id, correction.id];
      }),
      inWrite(server.platform, actor(), async (w) => {
        // The earlier write's rows are owed still: this read sends them first, and finds them.
        const latest = await w.trx
          .selectFrom('entries')
          .select('id')
          .where('id', '=', firstId)
          .executeTakeFirst();
        return (await appendEntry(w, note('corrected again', latest!.id))).id;
      }),
    ]);
    const rows = await server.platform.db.kysely
      .selectFrom('entries')
      .select(['id', 'supersedes'])
      .where('id', 'in', [...same, next])
      .execute();
    const supersedes = new Map(rows.map((r) => [r.id, r.supersedes]));
    expect([supersedes.get(same[0]!), supersedes.get(same[1]!), supersedes.get(next)]).toEqual([
      null,
      same[0],
      same[0],
    ]);
    const verified = await verifyAuditChain(server.platform.db.kysely, server.platform.auditKey, [
      findChangedEntry,
    ]);
    expect(verified.broken).toBeUndefined();
  });
});

// On PostgreSQL another connection may store a key while a batch holds the lock with that key's row still owed: a
// route that wrote nothing keeps its answer without the lock (`recordUnpairedResponse`).
describe.skipIf(!engines().includes('postgres'))(
  'a key stored elsewhere while its row is owed, on postgres',
  () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer({ engine: 'postgres' });
    });
    afterAll(() => server.close());

    it('does not fail the write with a database error', async () => {
      const keyed: IdempotencyScope = {
        keyHash: 'attack-key-unpaired',
        bodyHash: 'attack-body-a',
        declaredStatus: 201,
        method: 'POST',
        path: '/attack',
        issuesSecret: false,
        state: 'open',
      };
      const outcome = await inWrite(
        server.platform,
        { actor: { userId: null, organisation: null }, idempotency: keyed },
        async (w) => {
          await w.audit({
            action: 'test.deferred-attack',
            subjectType: 'test',
            subjectId: 'unpaired',
            details: {},
          });
          // The same key with another body, answered by a route that opened no transaction, on the pool.
          await recordUnpairedResponse(
            server.platform.db.kysely,
            { ...keyed, bodyHash: 'attack-body-b', state: 'open' },
            { status: 200, payload: '{}', contentType: 'application/json' },
            w.now,
          );
          return { subject: 'unpaired' };
        },
      ).then(
        (value) => ({ value }),
        (error: unknown) => ({ error }),
      );
      // The write stands, once; the key is the one stored first, and a repeat of this write hears so.
      expect(outcome).toEqual({ value: { subject: 'unpaired' } });
      const stored = await server.platform.db.kysely
        .selectFrom('idempotency_keys')
        .select('body_hash')
        .where('key_hash', '=', keyed.keyHash)
        .execute();
      expect(stored).toEqual([{ body_hash: 'attack-body-b' }]);
      await expect(
        inWrite(
          server.platform,
          { actor: { userId: null, organisation: null }, idempotency: { ...keyed, state: 'open' } },
          async () => 'again',
        ),
      ).rejects.toBeInstanceOf(IdempotencyMismatch);
    });
  },
);
