import { randomBytes } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import { hashPassword } from '../accounts/secrets.js';
import { requestAssistance } from '../assistance/flows.js';
import { NewAssistanceRequest } from '../assistance/model.js';
import {
  type CoordinationStep,
  type LoggedFact,
  type Metric,
  measureOnClock,
  stepsOfLog,
} from '../coordination/metrics-rules.js';
import { postEntry } from '../entries/flows.js';
import { NewEntryRequest } from '../entries/model.js';
import { postUpdate, recordOwnAssessment, reportIncident } from '../incidents/flows.js';
import { IncidentReport } from '../incidents/model.js';
import { appendEntry } from '../log/append.js';
import type { Actor } from '../platform/actor.js';
import type { Clock } from '../platform/clock.js';
import type { Platform } from '../platform/context.js';
import { inWrite, type WriteContext } from '../platform/db/write.js';
import { Conflict } from '../platform/errors.js';
import { defaultAudience } from '../sharing/entries.js';
import { approveSitrep, compileSitrep } from '../sitreps/flows.js';
import { cliRunClock, cliRunTimeline } from './run-clock.js';
import { recordRunFinished, recordRunStarted } from './runs.js';
import { EXERCISE_CONTROL, type ExpectedAction, type Inject, type Scenario } from './scenario-model.js';

/**
 * The exercise's own clock: scenario time, moved by the runner. It never runs ahead of the wall clock, so a job
 * that comes due by it is due in real time too, and running it early is impossible.
 */
export class ExerciseClock implements Clock {
  #ms: number;
  constructor(start: number) {
    this.#ms = start;
  }
  now(): Date {
    return new Date(this.#ms);
  }
  set(ms: number): void {
    this.#ms = Math.max(this.#ms, ms);
  }
}

export interface ExerciseRun {
  scenario: string;
  incidentId: string;
  metrics: Metric[];
}

export interface RunOptions {
  /** Times faster than real time; 0 runs without waiting. */
  speed: number;
  /** Told after each step, for a progress bar. */
  onProgress?: (done: number, total: number, label: string) => void | Promise<void>;
  /** Waits in real time (a test passes one that does not). */
  sleep?: (ms: number) => Promise<void>;
  /**
   * The wall-clock instant the run starts at (the CLI's, in ms). With a speed, the run records its clock from it, so
   * what players do meanwhile through a server, stamped by the server's clock, is measured in scenario time.
   */
  wallStart?: number;
}

const MINUTE = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** When scenario time starts, so that it never runs ahead of the wall clock however fast the run goes. */
export function exerciseStart(realNow: number, spanMinutes: number, speed: number): number {
  const span = spanMinutes * MINUTE;
  return realNow - (speed === 0 ? span : span * (1 - 1 / speed));
}

/**
 * Plays a scenario into a new exercise incident: its injects as the principals named, each scripted action in a
 * player's place when nobody took it by its time, then measures the run from the log. The platform given must run
 * on `clock`, which this moves.
 */
export async function runExercise(
  platform: Platform,
  clock: ExerciseClock,
  scenario: Scenario,
  options: RunOptions,
): Promise<ExerciseRun> {
  const start = clock.now().getTime();
  const created = await inWrite(platform, { actor: { userId: null, organisation: null } }, (w) =>
    insertPrincipals(w, scenario),
  );
  const principals = actorsOf(created);
  const clockRecord = {
    timeline: options.wallStart === undefined ? null : cliRunTimeline(options.wallStart, options.speed),
    principals: created.map((p) => ({ id: p.id, name: p.name })),
  };
  const actor = actorFrom(principals);
  let incidentId = '';
  const steps = planSteps(scenario).map((step) => ({
    ...step,
    run: async () => {
      const opened = !incidentId;
      incidentId = await playStep(platform, clock, scenario, step, { incidentId, start, actor });
      if (opened && incidentId)
        await recordRunStarted(platform, {
          incidentId,
          scenario,
          speed: options.speed,
          startedAt: iso(start),
          clock: clockRecord,
        });
    },
  }));
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  let previous = 0;
  for (const [i, step] of steps.entries()) {
    if (options.speed > 0 && step.at > previous) await sleep(((step.at - previous) * MINUTE) / options.speed);
    previous = step.at;
    clock.set(start + step.at * MINUTE);
    await step.run();
    await options.onProgress?.(i + 1, steps.length, step.label);
  }
  if (incidentId) await recordRunFinished(platform, incidentId, clock.now().toISOString());
  return { scenario: scenario.id, incidentId, metrics: await measureRun(platform, incidentId, start) };
}

/** One step of a scenario's timeline: an inject, or an expected action the runner takes if nobody did. */
export interface PlannedStep {
  /** Minutes after the first inject. */
  at: number;
  label: string;
  /** Which inject or expected action of the scenario. */
  inject?: number;
  expected?: number;
}

/** The scenario's steps in the order they play: by time, an inject before a scripted action at the same minute. */
export function planSteps(scenario: Scenario): PlannedStep[] {
  return [
    ...scenario.injects.map((inject, i) => ({
      at: inject.at,
      label: `inject ${i + 1}: ${inject.kind}`,
      inject: i,
    })),
    ...scenario.expected.flatMap((action, i) =>
      action.script
        ? [
            {
              at: action.script.at,
              label: `expected ${i + 1}: ${action.measure}${action.organisation ? ` ${action.organisation}` : ''}`,
              expected: i,
            },
          ]
        : [],
    ),
  ].sort((a, b) => a.at - b.at);
}

/** An exercise-control account as created for one run. */
export interface CreatedPrincipal {
  handle: string;
  id: string;
  email: string;
  name: string;
  organisation: string;
}

/**
 * Runs a write at most once across retries: a step replayed after a crash finds its key stored with its effects
 * and gets the first result back instead of writing again. `sub` tells apart the writes of one step.
 */
export type Once = <T>(sub: number, write: () => Promise<T>) => Promise<T>;

const always: Once = (_sub, write) => write();

export interface StepContext {
  incidentId: string;
  /** When scenario time began (the first inject), in ms of the platform's clock. */
  start: number;
  actor: (handle: string) => Actor;
  once?: Once;
}

/** Plays one planned step; returns the exercise incident (opened by the first inject). */
export async function playStep(
  platform: Platform,
  clock: Clock,
  scenario: Scenario,
  step: PlannedStep,
  ctx: StepContext,
): Promise<string> {
  const once = ctx.once ?? always;
  if (step.inject !== undefined) {
    const inject = scenario.injects[step.inject]!;
    const id = await playInject(platform, clock, inject, ctx.incidentId, ctx.actor, scenario, once);
    return inject.kind === 'report' ? id : ctx.incidentId;
  }
  await playScripted(
    platform,
    ctx.incidentId,
    ctx.start,
    scenario.expected[step.expected!]!,
    ctx.actor,
    once,
  );
  return ctx.incidentId;
}

export function actorsOf(list: readonly CreatedPrincipal[]): Map<string, Actor> {
  return new Map(
    list.map((p) => [
      p.handle,
      {
        userId: p.id,
        email: p.email,
        displayName: p.name,
        organisation: p.organisation,
        role: 'coordinator',
        via: 'cli',
        language: 'en',
      } satisfies Actor,
    ]),
  );
}

export function actorFrom(principals: Map<string, Actor>): (handle: string) => Actor {
  return (handle) => {
    const found = principals.get(handle);
    if (!found) throw new Error(`no principal ${handle}`);
    return found;
  };
}

/**
 * The scenario's exercise-control principals: accounts of their organisations that exist only to write injects.
 * They are created inactive with a password nobody knows and marked as exercise control, so they can never sign
 * in or be activated; the runner writes as them, into its own exercise incident only.
 */
export async function insertPrincipals(w: WriteContext, scenario: Scenario): Promise<CreatedPrincipal[]> {
  const run = uuidv7().slice(-12);
  const unusable = await hashPassword(randomBytes(32).toString('base64url'));
  const list = [
    ...scenario.principals.map((p) => ({ handle: p.id, organisation: p.organisation, name: p.name })),
    { handle: EXERCISE_CONTROL, organisation: EXERCISE_CONTROL, name: 'Exercise control' },
  ].map((p) => ({
    ...p,
    id: uuidv7(),
    email: `${p.handle.toLowerCase()}@${run}.exercise.invalid`,
  }));
  await w.trx
    .insertInto('users')
    .values(
      list.map((p) => ({
        id: p.id,
        email: p.email,
        display_name: p.name,
        organisation: p.organisation,
        role: 'coordinator',
        password_hash: unusable,
        active: 0,
        on_duty: 0,
        totp_enabled: 0,
        failed_logins: 0,
        language: 'en',
        time_zone: 'UTC',
        exercise_control: 1,
        created_at: w.now,
      })),
    )
    .execute();
  for (const p of list)
    await w.audit({
      action: 'user.exercise-control-created',
      subjectType: 'user',
      subjectId: p.id,
      details: { organisation: p.organisation, scenario: scenario.id },
    });
  return list;
}

export async function playInject(
  platform: Platform,
  clock: Clock,
  inject: Inject,
  incidentId: string,
  actor: (handle: string) => Actor,
  scenario: Scenario,
  once: Once = always,
): Promise<string> {
  const as = actor(inject.as);
  switch (inject.kind) {
    case 'report': {
      const report = IncidentReport.parse({
        ...inject.report,
        title: inject.report.title ?? scenario.title,
        reportedBy: as.organisation,
        occurredAt: clock.now().toISOString(),
        exercise: true,
      });
      return (
        await once(0, () =>
          reportIncident(platform, as, report, undefined, { presidency: scenario.presidency }),
        )
      ).id;
    }
    case 'update':
      await once(0, () => postUpdate(platform, as, incidentId, inject.update));
      return incidentId;
    case 'own-assessment':
      await once(0, () =>
        recordOwnAssessment(platform, as, incidentId, {
          memberState: as.organisation,
          level: inject.level,
          territory: inject.territory,
        }),
      );
      return incidentId;
    case 'note':
      if (inject.as === EXERCISE_CONTROL)
        await once(0, () => fromExerciseControl(platform, as, incidentId, inject.text));
      else
        await once(0, () =>
          postEntry(
            platform,
            as,
            incidentId,
            NewEntryRequest.parse({
              kind: 'note',
              text: inject.text,
              marking: inject.marking,
              audience: inject.audience,
            }),
          ),
        );
      return incidentId;
    case 'media-report':
      await once(0, () =>
        fromExerciseControl(platform, as, incidentId, `Media report (${inject.outlet}): ${inject.text}`),
      );
      return incidentId;
    case 'rumour':
      await once(0, () =>
        fromExerciseControl(
          platform,
          as,
          incidentId,
          `Circulating (${inject.where}${inject.reach ? `; ${inject.reach}` : ''}): ${inject.narrative}`,
        ),
      );
      return incidentId;
    case 'assistance-request':
      await once(0, () =>
        requestAssistance(
          platform,
          as,
          incidentId,
          NewAssistanceRequest.parse({ ...inject.request, neededFrom: clock.now().toISOString() }),
        ),
      );
      return incidentId;
  }
}

/**
 * What exercise control tells the players from outside: a note to every participant, written only into an
 * exercise incident (checked under the write's lock), by the exercise-control account.
 */
async function fromExerciseControl(platform: Platform, as: Actor, incidentId: string, text: string) {
  await inWrite(platform, { actor: as }, async (w) => {
    const incident = await w.trx
      .selectFrom('incidents')
      .select(['exercise', 'releasable_to_nato'])
      .where('id', '=', incidentId)
      .executeTakeFirst();
    if (incident?.exercise !== 1)
      throw new Conflict('exercise control writes only into exercise incidents', 'incidentId');
    await appendEntry(w, {
      incidentId,
      kind: 'note',
      body: { text, withheld: [] },
      authorUserId: as.userId,
      authorOrg: EXERCISE_CONTROL,
      marking: 'TLP:GREEN',
      audience: defaultAudience(),
      recipients: [],
      releasableToNato: incident.releasable_to_nato === 1,
    });
  });
}

/** Takes an expected action in a player's place, unless a player already took it. */
async function playScripted(
  platform: Platform,
  incidentId: string,
  start: number,
  action: ExpectedAction,
  actor: (handle: string) => Actor,
  once: Once = always,
): Promise<void> {
  const script = action.script!;
  const taken = (await measureRun(platform, incidentId, start)).some(
    (m) => m.measure === action.measure && m.organisation === (action.organisation ?? null),
  );
  if (taken) return;
  const as = actor(script.as);
  switch (action.measure) {
    case 'own-assessment':
      await once(0, () =>
        recordOwnAssessment(platform, as, incidentId, {
          memberState: as.organisation,
          level: script.level!,
        }),
      );
      return;
    case 'first-sitrep': {
      const sitrep = await once(0, () =>
        compileSitrep(platform, as, incidentId, {
          audience: defaultAudience(),
          releasableToNato: false,
        }),
      );
      await once(1, () => approveSitrep(platform, actor(script.approvedBy!), incidentId, sitrep.id));
      return;
    }
    case 'acknowledged': {
      const open = await platform.db.kysely
        .selectFrom('notifications')
        .select('id')
        .where('incident_id', '=', incidentId)
        .where('organisation', '=', as.organisation)
        .where('acknowledged_at', 'is', null)
        .orderBy('created_at')
        .executeTakeFirst();
      if (open) {
        const { acknowledge } = await import('../alerting/flows.js');
        await once(0, () => acknowledge(platform, as, open.id));
      }
      return;
    }
    default:
      return;
  }
}

/**
 * The run's figures from what it wrote: the log's steps, each organisation's first acknowledgement and the first
 * approved sitrep, in whole seconds of scenario time from the first inject.
 */
export async function measureRun(platform: Platform, incidentId: string, start: number): Promise<Metric[]> {
  const db = platform.db.kysely;
  const [entries, acks, sitreps, run] = await Promise.all([
    db
      .selectFrom('entries')
      .select(['kind', 'author_org', 'author_user_id', 'created_at', 'body'])
      .where('incident_id', '=', incidentId)
      .where('kind', 'in', ['own-assessment', 'status-change', 'activation'])
      .execute(),
    db
      .selectFrom('notifications')
      .select(['organisation', 'acknowledged_at', 'acknowledged_by'])
      .where('incident_id', '=', incidentId)
      .where('acknowledged_at', 'is not', null)
      .execute(),
    db
      .selectFrom('sitreps')
      .select(['approved_org', 'approved_by', 'published_at'])
      .where('incident_id', '=', incidentId)
      .where('published_at', 'is not', null)
      .execute(),
    db
      .selectFrom('exercise_runs')
      .select(['timeline', 'principals', 'speed', 'started_at'])
      .where('incident_id', '=', incidentId)
      .executeTakeFirst(),
  ]);
  // Players acting through a server meanwhile were stamped by its clock: read through the run's recorded clock.
  const clock = run ? cliRunClock(run) : undefined;
  const onRunClock = (by: { userId?: string | null; name?: string | null }) =>
    clock?.stampedByRun(by) ?? false;
  const facts: LoggedFact[] = entries.map((e) => ({
    kind: e.kind,
    authorOrg: e.author_org,
    createdAt: e.created_at,
    body: JSON.parse(e.body) as Record<string, unknown>,
    onRunClock: onRunClock({ userId: e.author_user_id }),
  }));
  const steps: CoordinationStep[] = [
    ...stepsOfLog(facts),
    ...acks.map((a) => ({
      measure: 'acknowledged' as const,
      organisation: a.organisation,
      at: a.acknowledged_at!,
      onRunClock: onRunClock({ name: a.acknowledged_by }),
    })),
    ...sitreps.map((s) => ({
      measure: 'first-sitrep' as const,
      organisation: s.approved_org,
      at: s.published_at!,
      onRunClock: onRunClock({ userId: s.approved_by }),
    })),
  ];
  return measureOnClock(new Date(start).toISOString(), steps, clock?.toScenario);
}
