import { alertBatchJob } from './alerting/batch-job.js';
import { alertOutboxChannels } from './alerting/channels/outboxes.js';
import { fanOutJob } from './alerting/dispatch.js';
import { escalationJob } from './alerting/escalation-flows.js';
import { reportingClockJobs } from './alerting/reporting-clock-reminders.js';
import { AUDITED_CONTENT } from './audit/content.js';
import { concludeConsultationJob } from './blueprint/consultation-flows.js';
import { checkJob } from './contact-checks/flows.js';
import { exerciseStepJob } from './exercises/sessions/flows.js';
import { allChannels } from './outbox/channels.js';
import { deliveryJob } from './outbox/flows.js';
import { auditCheckJob, scheduleAuditCheck } from './platform/audit/check.js';
import type { Platform } from './platform/context.js';
import { pruneIdempotencyKeysJob, scheduleKeyPruning } from './platform/db/idempotency-retention.js';
import { inWrite } from './platform/db/write.js';
import { createJobRunner, type JobRunner, type JobRunnerOptions } from './platform/jobs/runner.js';
import { ensureCalendarJobs } from './presidency/flows.js';
import { calendarWarningJob, termChangeJob } from './presidency/jobs.js';
import { pruneStreamEventsJob, schedulePruning } from './stream/retention.js';

/** How often a server looks for due jobs; jobs are due by the platform clock, this only bounds the delay. */
export const JOB_POLL_MS = 5_000;

/** The runner with every kind of job the server runs: the one place where modules' job handlers are listed. */
export function createJobs(
  platform: Platform,
  options: JobRunnerOptions & {
    /** Kinds this runner leaves to others: a CLI exercise run on its own clock must not play a web session's steps. */
    without?: readonly string[];
  } = {},
): JobRunner {
  const { without = [], ...runnerOptions } = options;
  return createJobRunner(
    platform,
    [
      auditCheckJob(platform.auditKey, AUDITED_CONTENT),
      pruneStreamEventsJob(),
      pruneIdempotencyKeysJob(platform.config.IDEMPOTENCY_KEEP_HOURS),
      concludeConsultationJob(platform),
      deliveryJob(platform, [...allChannels(platform.config), ...alertOutboxChannels(platform)]),
      fanOutJob(),
      alertBatchJob(platform),
      ...reportingClockJobs(),
      escalationJob(platform),
      checkJob(platform),
      exerciseStepJob(platform),
      termChangeJob(),
      calendarWarningJob(),
    ].filter((h) => !without.includes(h.kind)),
    runnerOptions,
  );
}

/**
 * Starts running jobs in this server: makes sure the recurring ones are scheduled (once across instances: they
 * carry a key) and looks for due jobs until stopped.
 */
export async function startJobs(platform: Platform, intervalMs = JOB_POLL_MS): Promise<JobRunner> {
  await inWrite(platform, { actor: { userId: null, organisation: null } }, async (w) => {
    await scheduleAuditCheck(w, platform.clock.now());
    await schedulePruning(w, platform.clock.now());
    await scheduleKeyPruning(w, platform.clock.now());
    await ensureCalendarJobs(w);
  });
  const runner = createJobs(platform);
  runner.start(intervalMs);
  return runner;
}
