import fs from 'node:fs';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { type EngineName, engines, freshDatabase } from '../../../test/support/engines.js';
import { ManualClock } from '../clock.js';
import { openDb } from '../db/index.js';
import { inWrite } from '../db/write.js';
import { createJobRunner, type JobHandler, retryDelayMs } from './runner.js';
import { claimDue, getJob, getJobsOfKind, type JobRequest, schedule } from './store.js';

const SYSTEM = { actor: { userId: null, organisation: null } };

/** What jobs need of the platform; opened on the database alone, as a second instance would open it. */
interface JobPlatform {
  db: Awaited<ReturnType<typeof openDb>>;
  auditKey: Buffer;
  clock: ManualClock;
  log: pino.Logger;
}
type Platform = JobPlatform;

async function closePlatform(platform: JobPlatform) {
  await platform.db.close();
}
const START = '2026-12-01T09:00:00.000Z';

/** A handler that records each run it completed, and fails while told to. */
function counting(kind: string) {
  const runs: string[] = [];
  let failuresLeft = 0;
  const handler: JobHandler = {
    kind,
    async run(_w, job) {
      if (failuresLeft > 0) {
        failuresLeft--;
        throw new Error('the mail relay is down');
      }
      runs.push(job.id);
    },
  };
  return {
    handler,
    runs,
    failNext(n: number) {
      failuresLeft = n;
    },
  };
}

describe.each(engines())('durable jobs on %s', (engine: EngineName) => {
  const opened: Platform[] = [];
  const folders: string[] = [];
  afterEach(async () => {
    for (const p of opened.splice(0)) await closePlatform(p);
    for (const d of folders.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  async function open(db: { dataDir: string; databaseUrl?: string | undefined }, clock: ManualClock) {
    const platform: JobPlatform = {
      db: await openDb({ dataDir: db.dataDir, DATABASE_URL: db.databaseUrl }),
      auditKey: Buffer.from('k'.repeat(32)),
      clock,
      log: pino({ level: 'silent' }),
    };
    opened.push(platform);
    return platform;
  }

  async function fresh(clock: ManualClock) {
    const db = await freshDatabase(engine);
    folders.push(db.dataDir);
    return { db, platform: await open(db, clock) };
  }

  function scheduleIn(platform: Platform, request: JobRequest) {
    return inWrite(platform, SYSTEM, (w) => schedule(w, request));
  }

  it('does not run a job before it is due, and runs it once when it is', async () => {
    const clock = new ManualClock(START);
    const { platform } = await fresh(clock);
    const job = counting('consultation.deadline');
    const runner = createJobRunner(platform, [job.handler]);
    const id = await scheduleIn(platform, {
      kind: 'consultation.deadline',
      runAt: new Date(Date.parse(START) + 10 * 60_000),
      payload: { consultationId: 'c1' },
    });

    expect(await runner.runDue()).toEqual({ done: 0, retried: 0, failed: 0 });
    clock.advance(10 * 60_000 - 1);
    await runner.runDue();
    expect(job.runs).toEqual([]);

    clock.advance(1);
    expect((await runner.runDue()).done).toBe(1);
    expect(job.runs).toEqual([id]);
    await runner.runDue();
    expect(job.runs).toEqual([id]);
    const stored = await getJob(platform.db.kysely, id!);
    expect(stored).toMatchObject({
      state: 'done',
      attempts: 1,
      doneAt: clock.now().toISOString(),
      payload: { consultationId: 'c1' },
      leaseOwner: null,
    });
  });

  it('retries a failing job after a doubling wait, then gives up after the last attempt', async () => {
    const clock = new ManualClock(START);
    const { platform } = await fresh(clock);
    const job = counting('mail.send');
    const runner = createJobRunner(platform, [job.handler], {
      maxAttempts: 3,
      retryBaseMs: 60_000,
      retryMaxMs: 3_600_000,
    });
    const id = (await scheduleIn(platform, { kind: 'mail.send', runAt: START }))!;

    job.failNext(2);
    expect(await runner.runDue()).toEqual({ done: 0, retried: 1, failed: 0 });
    let stored = await getJob(platform.db.kysely, id);
    expect(stored).toMatchObject({ state: 'pending', attempts: 1, lastError: 'the mail relay is down' });
    expect(stored?.runAt).toBe(new Date(Date.parse(START) + 60_000).toISOString());

    clock.advance(59_999);
    expect((await runner.runDue()).retried).toBe(0);
    clock.advance(1);
    expect(await runner.runDue()).toEqual({ done: 0, retried: 1, failed: 0 });
    stored = await getJob(platform.db.kysely, id);
    // The second wait is twice the first.
    expect(stored?.runAt).toBe(new Date(clock.now().getTime() + 120_000).toISOString());

    clock.advance(120_000);
    expect(await runner.runDue()).toEqual({ done: 1, retried: 0, failed: 0 });
    expect(job.runs).toEqual([id]);
    expect(await getJob(platform.db.kysely, id)).toMatchObject({ state: 'done', attempts: 3 });

    const hopeless = (await scheduleIn(platform, { kind: 'mail.send', runAt: clock.now() }))!;
    job.failNext(100);
    for (let i = 0; i < 3; i++) {
      await runner.runDue();
      clock.advance(3_600_000);
    }
    expect(await getJob(platform.db.kysely, hopeless)).toMatchObject({
      state: 'failed',
      attempts: 3,
      lastError: 'the mail relay is down',
    });
    expect(await runner.runDue()).toEqual({ done: 0, retried: 0, failed: 0 });
  });

  it('keeps one waiting job per key', async () => {
    const clock = new ManualClock(START);
    const { platform } = await fresh(clock);
    const first = await scheduleIn(platform, {
      kind: 'presidency.change',
      runAt: START,
      key: 'term-2027-H1',
    });
    const again = await scheduleIn(platform, {
      kind: 'presidency.change',
      runAt: START,
      key: 'term-2027-H1',
    });
    expect(first).not.toBeNull();
    expect(again).toBeNull();
    expect(await getJobsOfKind(platform.db.kysely, 'presidency.change')).toHaveLength(1);
    // Once it ran, the key is free for the next one.
    await createJobRunner(platform, [counting('presidency.change').handler]).runDue();
    expect(
      await scheduleIn(platform, { kind: 'presidency.change', runAt: START, key: 'term-2027-H1' }),
    ).not.toBeNull();
  });

  it('survives a restart: a job scheduled before the platform closed runs after it reopens', async () => {
    const clock = new ManualClock(START);
    const { db, platform } = await fresh(clock);
    const id = await scheduleIn(platform, {
      kind: 'embargo.lift',
      runAt: new Date(Date.parse(START) + 3_600_000),
      payload: { entryId: 'e1' },
    });
    await closePlatform(opened.pop()!);

    const reopened = await open(db, clock);
    const job = counting('embargo.lift');
    const runner = createJobRunner(reopened, [job.handler]);
    clock.advance(3_600_000);
    expect((await runner.runDue()).done).toBe(1);
    expect(job.runs).toEqual([id]);
  });

  it('takes over a job whose runner died, once its lease ran out', async () => {
    const clock = new ManualClock(START);
    const { platform } = await fresh(clock);
    const id = await scheduleIn(platform, { kind: 'escalation', runAt: START });
    // A runner claims the job and is never heard of again.
    const claimed = await inWrite(platform, SYSTEM, (w) =>
      claimDue(w, platform.db.engine, {
        kinds: ['escalation'],
        owner: 'crashed-instance',
        leaseUntil: new Date(Date.parse(START) + 60_000).toISOString(),
        limit: 10,
      }),
    );
    expect(claimed.map((j) => j.id)).toEqual([id]);
    const job = counting('escalation');
    const runner = createJobRunner(platform, [job.handler]);
    await runner.runDue();
    expect(job.runs).toEqual([]);
    clock.advance(60_001);
    await runner.runDue();
    expect(job.runs).toEqual([id]);
    expect(await getJob(platform.db.kysely, id!)).toMatchObject({ state: 'done', attempts: 2 });
  });

  it('claims only the kinds it has a handler for', async () => {
    const clock = new ManualClock(START);
    const { platform } = await fresh(clock);
    const id = await scheduleIn(platform, { kind: 'exercise.inject', runAt: START });
    expect(await createJobRunner(platform, [counting('mail.send').handler]).runDue()).toEqual({
      done: 0,
      retried: 0,
      failed: 0,
    });
    expect(await getJob(platform.db.kysely, id!)).toMatchObject({ state: 'pending', attempts: 0 });
  });

  it('runs each due job once when runners race for them (two instances on PostgreSQL)', async () => {
    const clock = new ManualClock(START);
    const { db, platform: first } = await fresh(clock);
    // SQLite is one connection per process (its busy wait blocks the thread), so there the runners share it.
    const second = engine === 'postgres' ? await open(db, clock) : first;
    const runs: string[] = [];
    const handler: JobHandler = {
      kind: 'notify.reminder',
      async run(_w, job) {
        runs.push(job.id);
      },
    };
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) {
      ids.push((await scheduleIn(first, { kind: 'notify.reminder', runAt: START, payload: { i } }))!);
    }
    const runners = [first, second, first, second].map((p) => createJobRunner(p, [handler], { batch: 3 }));
    const summaries = await Promise.all(runners.map((r) => r.runDue()));
    expect(summaries.reduce((n, s) => n + s.done, 0)).toBe(40);
    expect([...runs].sort()).toEqual([...ids].sort());
    const states = await getJobsOfKind(first.db.kysely, 'notify.reminder');
    expect(states.every((j) => j.state === 'done' && j.attempts === 1)).toBe(true);
  });
});

describe('retry delays', () => {
  it('double from the base and stop at the cap', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => retryDelayMs(n, 1_000, 10_000))).toEqual([
      1_000, 2_000, 4_000, 8_000, 10_000, 10_000,
    ]);
  });
});
