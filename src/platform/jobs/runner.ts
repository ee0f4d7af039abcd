import { randomUUID } from 'node:crypto';
import type { Platform } from '../context.js';
import { inWrite, type WriteContext } from '../db/write.js';
import { anyDue, claimDue, completeLeased, type Job, recordFailure } from './store.js';

/** What to do when a job of one kind comes due. */
export interface JobHandler {
  kind: string;
  /**
   * Runs inside the job's own write: its effects and the job's completion commit together, so a job that is done
   * has had its effect exactly once, and one that failed has had none.
   */
  run(w: WriteContext, job: Job): Promise<void>;
  /**
   * Work that must not hold a transaction open (a delivery over the network): runs after the claim, under the
   * job's lease and outside any write, before `run` records its outcome. A throw is a failed run, retried later.
   */
  act?(job: Job): Promise<void>;
  /** Told inside the write that records a failed run; `final` when no attempt is left. */
  failed?(w: WriteContext, job: Job, failure: { error: string; final: boolean }): Promise<void>;
}

export interface JobRunnerOptions {
  /** Names this runner in leases; unique per process unless given. */
  owner?: string;
  /** How long a claimed job is reserved for this runner before another may take it over. */
  leaseMs?: number;
  /** Runs in all, the first included; after the last failure the job is `failed`. */
  maxAttempts?: number;
  /** The wait after the first failure, doubled after each further one, up to `retryMaxMs`. */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** Jobs claimed per round. */
  batch?: number;
}

export interface RunSummary {
  done: number;
  retried: number;
  failed: number;
}

export interface JobRunner {
  readonly owner: string;
  /** Claims and runs every job due by the platform clock now; tests move a ManualClock and call this. */
  runDue(): Promise<RunSummary>;
  /** Looks for due jobs every `intervalMs` until stopped. */
  start(intervalMs: number): void;
  stop(): Promise<void>;
}

type JobPlatform = Pick<Platform, 'db' | 'auditKey' | 'clock' | 'log'>;

const SYSTEM = { userId: null, organisation: null };
/** A job that keeps coming due at once (rescheduling itself for now) must not hold the runner forever. */
const MAX_ROUNDS = 20;

/** The wait before the next attempt after `attempts` failed runs: doubling from the base, capped. */
export function retryDelayMs(attempts: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
}

export function createJobRunner(
  platform: JobPlatform,
  handlers: readonly JobHandler[],
  options: JobRunnerOptions = {},
): JobRunner {
  const owner = options.owner ?? `runner-${randomUUID()}`;
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  const maxAttempts = options.maxAttempts ?? 8;
  const retryBaseMs = options.retryBaseMs ?? 30_000;
  const retryMaxMs = options.retryMaxMs ?? 6 * 3_600_000;
  const batch = options.batch ?? 20;
  const byKind = new Map(handlers.map((h) => [h.kind, h]));
  // Only kinds this runner can run are claimed: another process may own other kinds (an exercise run, say).
  const kinds = [...byKind.keys()];

  async function runOne(job: Job, summary: RunSummary): Promise<void> {
    const handler = byKind.get(job.kind)!;
    try {
      await handler.act?.(job);
      const ran = await inWrite(platform, { actor: SYSTEM }, async (w) => {
        if (!(await completeLeased(w, platform.db.engine, job.id, owner))) return false;
        await handler.run(w, job);
        return true;
      });
      if (ran) summary.done++;
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      const giveUp = job.attempts >= maxAttempts;
      await inWrite(platform, { actor: SYSTEM }, async (w) => {
        const retryAt = giveUp
          ? null
          : new Date(Date.parse(w.now) + retryDelayMs(job.attempts, retryBaseMs, retryMaxMs)).toISOString();
        await recordFailure(w, job.id, owner, { error, retryAt });
        await handler.failed?.(w, job, { error, final: giveUp });
      });
      if (giveUp) summary.failed++;
      else summary.retried++;
      platform.log.warn({ job: job.id, kind: job.kind, attempts: job.attempts, err: error }, 'job failed');
    }
  }

  async function runDue(): Promise<RunSummary> {
    const summary: RunSummary = { done: 0, retried: 0, failed: 0 };
    for (let round = 0; round < MAX_ROUNDS; round++) {
      if (!(await anyDue(platform.db.kysely, kinds, platform.clock.now().toISOString()))) break;
      const claimed = await inWrite(platform, { actor: SYSTEM }, (w) =>
        claimDue(w, platform.db.engine, {
          kinds,
          owner,
          leaseUntil: new Date(Date.parse(w.now) + leaseMs).toISOString(),
          limit: batch,
        }),
      );
      if (claimed.length === 0) break;
      for (const job of claimed) await runOne(job, summary);
    }
    return summary;
  }

  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let busy = false;
  return {
    owner,
    runDue,
    start(intervalMs) {
      if (timer) return;
      timer = setInterval(() => {
        if (busy) return;
        busy = true;
        running = runDue()
          .catch((e: unknown) => platform.log.error({ err: e }, 'job runner round failed'))
          .finally(() => {
            busy = false;
          });
      }, intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}
