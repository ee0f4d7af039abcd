import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../../test/support/engines.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { AUDITED_CONTENT } from '../../audit/content.js';
import { verifyAuditChain } from '../audit/store.js';
import { batchStatsOf, GroupCommit } from './group-commit.js';
import { inWrite } from './write.js';

describe.each(engines())('group commit on %s', (engine) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ engine });
  });
  afterAll(() => server.close());

  const write = (i: number, fail: boolean) =>
    inWrite(server.platform, { actor: { userId: null, organisation: null } }, async (w) => {
      await w.audit({
        action: 'test.group-commit',
        subjectType: 'test',
        subjectId: `op-${i}`,
        details: { i },
      });
      if (fail) throw new Error(`operation ${i} fails`);
      return i;
    });

  const recorded = async () =>
    (
      await server.platform.db.kysely
        .selectFrom('audit_records')
        .select('subject_id')
        .where('action', '=', 'test.group-commit')
        .execute()
    ).map((r) => r.subject_id);

  it('commits concurrent writes together, and a failing one fails alone', async () => {
    const group = { stats: batchStatsOf(server.platform.db) };
    const before = { ...group.stats };
    const outcomes = await Promise.allSettled(Array.from({ length: 40 }, (_, i) => write(i, i % 10 === 3)));
    const failed = outcomes.flatMap((o, i) => (o.status === 'rejected' ? [i] : []));
    expect(failed).toEqual([3, 13, 23, 33]);
    expect(
      outcomes.filter((o) => o.status === 'fulfilled').map((o) => (o as { value: number }).value),
    ).toEqual(Array.from({ length: 40 }, (_, i) => i).filter((i) => i % 10 !== 3));
    // 40 writes submitted at once queue behind the first: far fewer transactions than writes.
    const batches = group.stats.batches - before.batches;
    expect(group.stats.operations - before.operations).toBe(40);
    expect(batches).toBeLessThan(40);
    const ids = await recorded();
    expect(ids).toHaveLength(36);
    for (const i of failed) expect(ids).not.toContain(`op-${i}`);
    // The chain's order is the queue's order, with no gap where a failed write was rolled back.
    const chain = await verifyAuditChain(
      server.platform.db.kysely,
      server.platform.auditKey,
      AUDITED_CONTENT,
    );
    expect(chain.broken).toBeUndefined();
  });

  // A write that stores a setting and then fails: its row must vanish with it, while its neighbours commit.
  const writeSetting = (i: number, fail: 'no' | 'before-writing' | 'after-writing') =>
    inWrite(server.platform, { actor: { userId: null, organisation: null } }, async (w) => {
      await w.trx.selectFrom('platform_settings').select('key').where('key', '=', `gc-${i}`).execute();
      if (fail === 'before-writing') throw new Error(`operation ${i} refused`);
      await w.trx
        .insertInto('platform_settings')
        .values({ key: `gc-${i}`, value: '1', updated_at: w.now, updated_by: 'test' })
        .execute();
      await w.audit({
        action: 'test.group-commit',
        subjectType: 'test',
        subjectId: `set-${i}`,
        details: { i },
      });
      if (fail === 'after-writing') throw new Error(`operation ${i} fails after writing`);
      return i;
    });
  const settings = async () =>
    (
      await server.platform.db.kysely
        .selectFrom('platform_settings')
        .select('key')
        .where('key', 'like', 'gc-%')
        .execute()
    )
      .map((r) => r.key)
      .sort();

  it('a write refused before it wrote anything fails alone, without its batch starting again', async () => {
    const stats = batchStatsOf(server.platform.db);
    const before = { ...stats };
    const outcomes = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) => writeSetting(300 + i, i === 5 ? 'before-writing' : 'no')),
    );
    expect(outcomes.map((o) => o.status)).toEqual(
      Array.from({ length: 12 }, (_, i) => (i === 5 ? 'rejected' : 'fulfilled')),
    );
    expect(stats.batches - before.batches).toBeLessThan(12);
    expect(stats.restarts - before.restarts).toBe(0);
    expect(await settings()).toEqual(
      Array.from({ length: 12 }, (_, i) => `gc-${300 + i}`)
        .filter((k) => k !== 'gc-305')
        .sort(),
    );
  });

  it('a write that fails after writing leaves nothing behind: its batch runs again with each write in a savepoint', async () => {
    const stats = batchStatsOf(server.platform.db);
    const before = { ...stats };
    const outcomes = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) => writeSetting(400 + i, i % 4 === 2 ? 'after-writing' : 'no')),
    );
    const failed = outcomes.flatMap((o, i) => (o.status === 'rejected' ? [i] : []));
    expect(failed).toEqual([2, 6, 10]);
    expect(
      outcomes.flatMap((o) => (o.status === 'fulfilled' ? [(o as { value: number }).value] : [])),
    ).toEqual(Array.from({ length: 12 }, (_, i) => 400 + i).filter((v) => (v - 400) % 4 !== 2));
    expect(stats.restarts - before.restarts).toBeGreaterThan(0);
    expect(await settings()).toEqual(
      expect.arrayContaining(
        Array.from({ length: 12 }, (_, i) => i)
          .filter((i) => i % 4 !== 2)
          .map((i) => `gc-${400 + i}`),
      ),
    );
    for (const i of failed) expect(await settings()).not.toContain(`gc-${400 + i}`);
    // Each write's audit record is there once, none of a failed one, and the chain holds.
    const ids = (await recorded()).filter((id) => id.startsWith('set-4'));
    expect(ids.sort()).toEqual(
      Array.from({ length: 12 }, (_, i) => i)
        .filter((i) => i % 4 !== 2)
        .map((i) => `set-${400 + i}`)
        .sort(),
    );
    const chain = await verifyAuditChain(
      server.platform.db.kysely,
      server.platform.auditKey,
      AUDITED_CONTENT,
    );
    expect(chain.broken).toBeUndefined();
  });

  it('refuses a write started inside another write instead of waiting forever', async () => {
    const nested = inWrite(server.platform, { actor: { userId: null, organisation: null } }, () =>
      inWrite(server.platform, { actor: { userId: null, organisation: null } }, async () => 1),
    );
    await expect(nested).rejects.toThrow(/inside another write/);
    // The queue goes on serving writes afterwards.
    expect(await write(200, false)).toBe(200);
  });

  it('answers a write only after its batch is durable: a later read sees it', async () => {
    const value = await write(100, false);
    expect(value).toBe(100);
    expect(await recorded()).toContain('op-100');
  });

  it.runIf(engine === 'sqlite')(
    'answers a batch only once its log sync ends, while the next batch commits meanwhile',
    async () => {
      const syncs: Array<() => void> = [];
      const db = {
        ...server.platform.db,
        durable: () => new Promise<void>((resolve) => syncs.push(resolve)),
      };
      const group = new GroupCommit(db, async () => undefined);
      const store = (key: string) =>
        group.submit(async (trx) => {
          await trx
            .insertInto('platform_settings')
            .values({ key, value: '1', updated_at: '2026-12-01T00:00:00Z', updated_by: 'test' })
            .execute();
          return key;
        });
      let firstAnswered = false;
      const first = store('sync-1').then((v) => {
        firstAnswered = true;
        return v;
      });
      await expect.poll(() => syncs.length).toBe(1);
      // Committed, not yet durable: not answered, and the queue goes on.
      const second = store('sync-2');
      await expect.poll(() => syncs.length).toBe(2);
      expect(firstAnswered).toBe(false);
      syncs[1]!();
      expect(await second).toBe('sync-2');
      expect(firstAnswered).toBe(false);
      syncs[0]!();
      expect(await first).toBe('sync-1');
    },
  );
});
