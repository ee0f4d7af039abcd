import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely, Selectable } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Actor } from '../../platform/actor.js';
import type { Platform } from '../../platform/context.js';
import { runWithIdempotency } from '../../platform/db/idempotency.js';
import type { Database, ExerciseSessionsTable } from '../../platform/db/schema.js';
import { IdempotentReplay, inWrite, type WriteContext } from '../../platform/db/write.js';
import { Conflict, Forbidden, Invalid, NotFound } from '../../platform/errors.js';
import { projectRoot } from '../../platform/http/app.js';
import type { JobHandler } from '../../platform/jobs/runner.js';
import { schedule } from '../../platform/jobs/store.js';
import { startExercise, steerExercise } from '../../sharing/exercises.js';
import { isAllowed, onlyAsRulesSay } from '../../sharing/policy.js';
import {
  actorFrom,
  actorsOf,
  type CreatedPrincipal,
  insertPrincipals,
  type Once,
  type PlannedStep,
  planSteps,
  playInject,
  playStep,
} from '../runner.js';
import { finishRun, insertRun } from '../runs.js';
import { parseScenario, ScenarioError } from '../scenario-file.js';
import { EXERCISE_CONTROL, Inject, type Scenario } from '../scenario-model.js';
import type { AdHocInject, ExerciseSession, StartSessionRequest } from './model.js';
import { type ClockTurn, type SessionTimeline, timelineOf } from './time-rules.js';

/** The durable job that plays a session's next step when it comes due by the platform clock. */
export const STEP_JOB = 'exercise-step';

interface StepPayload {
  sessionId: string;
  /** The session's generation when the job was scheduled: a pause or resume since makes it stale. */
  generation: number;
  step: number;
}

type Row = Selectable<ExerciseSessionsTable>;

const MINUTE = 60_000;

function scenarioDir(): string {
  return path.join(projectRoot(), 'scenarios');
}

/** The scenarios shipped in scenarios/, by file name. */
export function builtInScenarios(): Array<{ name: string; id: string; title: string }> {
  return fs
    .readdirSync(scenarioDir())
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => {
      const scenario = parseScenario(fs.readFileSync(path.join(scenarioDir(), f), 'utf8'), f);
      return { name: f.slice(0, -'.yaml'.length), id: scenario.id, title: scenario.title };
    });
}

/** The scenario's text and what it says, or a 400 naming the field and where in the file the mistake is. */
function scenarioFrom(request: StartSessionRequest): { yaml: string; scenario: Scenario } {
  let yaml: string;
  let field: string;
  if ('builtIn' in request) {
    field = 'builtIn';
    const file = path.join(scenarioDir(), `${request.builtIn}.yaml`);
    if (!fs.existsSync(file)) throw new Invalid(`no built-in scenario ${request.builtIn}`, field);
    yaml = fs.readFileSync(file, 'utf8');
  } else {
    field = 'yaml';
    yaml = request.yaml;
  }
  try {
    return { yaml, scenario: parseScenario(yaml, field) };
  } catch (e) {
    if (e instanceof ScenarioError) throw new Invalid(e.message, field);
    throw e;
  }
}

/** Where scenario time stands at platform time `nowMs`: it moves at the session's speed only while running. */
export function scenarioPositionMs(row: Row, nowMs: number): number {
  if (row.state !== 'running') return row.anchor_scenario_ms;
  return row.anchor_scenario_ms + Math.max(0, nowMs - Date.parse(row.anchor_at)) * row.speed;
}

/** When, by the platform clock, a step at `at` minutes of scenario time comes due (now, when already passed). */
function dueAt(row: Row, at: number): string {
  const ahead = Math.max(0, at * MINUTE - row.anchor_scenario_ms);
  return new Date(Date.parse(row.anchor_at) + ahead / row.speed).toISOString();
}

async function scheduleStep(w: WriteContext, row: Row, steps: readonly PlannedStep[]): Promise<void> {
  const step = steps[row.steps_done];
  if (!step) return;
  await schedule(w, {
    kind: STEP_JOB,
    runAt: dueAt(row, step.at),
    payload: { sessionId: row.id, generation: row.generation, step: row.steps_done } satisfies StepPayload,
    key: `exercise-step:${row.id}:${row.generation}:${row.steps_done}`,
  });
}

async function loadRow(db: Kysely<Database>, id: string): Promise<Row | undefined> {
  return db.selectFrom('exercise_sessions').selectAll().where('id', '=', id).executeTakeFirst();
}

const ownerOf = (row: Row) => ({ startedByOrganisation: row.started_by_organisation });

/** The session if the facilitator may steer it; others learn nothing of it, not even that it exists. */
async function steerable(w: WriteContext, actor: Actor, id: string): Promise<Row> {
  const row = await loadRow(w.trx, id);
  if (!row || !isAllowed(steerExercise, actor, ownerOf(row))) throw new NotFound('no such exercise session');
  return row;
}

function viewOf(row: Row, actor: Actor, nowMs: number): ExerciseSession {
  const steps = planSteps(parseScenario(row.scenario_yaml, row.scenario_id)).map((s, i) => ({
    at: s.at,
    label: s.label,
    done: i < row.steps_done,
  }));
  const principals = (JSON.parse(row.principals) as CreatedPrincipal[])
    .filter((p) => p.handle !== EXERCISE_CONTROL)
    .map((p) => ({ handle: p.handle, organisation: p.organisation, name: p.name }));
  const steer = isAllowed(steerExercise, actor, ownerOf(row));
  return {
    id: row.id,
    scenarioId: row.scenario_id,
    title: row.title,
    speed: row.speed,
    state: row.state,
    stepsDone: row.steps_done,
    stepsTotal: row.steps_total,
    scenarioMinutes: Math.floor(scenarioPositionMs(row, nowMs) / MINUTE),
    next: steps[row.steps_done] ?? null,
    steps,
    incidentId: row.incident_id,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    startedByOrganisation: row.started_by_organisation,
    principals,
    abilities: {
      pause: steer && row.state === 'running',
      resume: steer && row.state === 'paused',
      inject: steer && row.state !== 'finished' && row.incident_id !== null,
    },
  };
}

/**
 * Starts a scenario as a facilitator's session: its exercise-control principals are created and its first step
 * scheduled in the same write, so a session exists exactly with what it needs to play.
 */
export async function startSession(
  platform: Platform,
  actor: Actor,
  request: StartSessionRequest,
): Promise<ExerciseSession> {
  return inWrite(platform, { actor }, async (w) => {
    if (!isAllowed(startExercise, actor)) throw new Forbidden(onlyAsRulesSay(startExercise));
    const { yaml, scenario } = scenarioFrom(request);
    const principals = await insertPrincipals(w, scenario);
    const row: Row = {
      id: uuidv7(),
      scenario_id: scenario.id,
      title: scenario.title,
      scenario_yaml: yaml,
      principals: JSON.stringify(principals),
      speed: request.speed,
      state: 'running',
      generation: 0,
      steps_done: 0,
      steps_total: planSteps(scenario).length,
      incident_id: null,
      started_at: w.now,
      anchor_at: w.now,
      anchor_scenario_ms: 0,
      timeline: JSON.stringify([{ at: w.now, scenarioMs: 0, running: true }] satisfies SessionTimeline),
      finished_at: null,
      started_by_user_id: actor.userId,
      started_by_organisation: actor.organisation,
    };
    await w.trx.insertInto('exercise_sessions').values(row).execute();
    await scheduleStep(w, row, planSteps(scenario));
    await w.audit({
      action: 'exercise.session-started',
      subjectType: 'exercise-session',
      subjectId: row.id,
      details: { scenario: scenario.id, speed: request.speed },
    });
    return viewOf(row, actor, Date.parse(w.now));
  });
}

/** Stops scenario time where it stands; the step waiting stays unplayed until the session resumes. */
export async function pauseSession(platform: Platform, actor: Actor, id: string): Promise<ExerciseSession> {
  return inWrite(platform, { actor }, async (w) => {
    const row = await steerable(w, actor, id);
    if (row.state !== 'running') throw new Conflict(`the exercise is ${row.state}, not running`, 'state');
    const now = Date.parse(w.now);
    const scenarioMs = scenarioPositionMs(row, now);
    const paused: Row = {
      ...row,
      state: 'paused',
      anchor_scenario_ms: scenarioMs,
      anchor_at: w.now,
      generation: row.generation + 1,
      timeline: withTurn(row, { at: w.now, scenarioMs, running: false }),
    };
    await save(w, paused);
    await w.audit({
      action: 'exercise.session-paused',
      subjectType: 'exercise-session',
      subjectId: id,
      details: { scenarioMs: paused.anchor_scenario_ms, stepsDone: row.steps_done },
    });
    return viewOf(paused, actor, now);
  });
}

/** Lets scenario time run on from where it was paused, and schedules the next step by it. */
export async function resumeSession(platform: Platform, actor: Actor, id: string): Promise<ExerciseSession> {
  return inWrite(platform, { actor }, async (w) => {
    const row = await steerable(w, actor, id);
    if (row.state !== 'paused') throw new Conflict(`the exercise is ${row.state}, not paused`, 'state');
    const resumed: Row = {
      ...row,
      state: 'running',
      anchor_at: w.now,
      generation: row.generation + 1,
      timeline: withTurn(row, { at: w.now, scenarioMs: row.anchor_scenario_ms, running: true }),
    };
    await save(w, resumed);
    await scheduleStep(w, resumed, planSteps(parseScenario(row.scenario_yaml, row.scenario_id)));
    await w.audit({
      action: 'exercise.session-resumed',
      subjectType: 'exercise-session',
      subjectId: id,
      details: { scenarioMs: row.anchor_scenario_ms, stepsDone: row.steps_done },
    });
    return viewOf(resumed, actor, Date.parse(w.now));
  });
}

/** The session's clock with one more turn, so its runs are measured in scenario time (time-rules.ts). */
function withTurn(row: Row, turn: ClockTurn): string {
  return JSON.stringify([...timelineOf(row.timeline, row.started_at), turn] satisfies SessionTimeline);
}

async function save(w: WriteContext, row: Row): Promise<void> {
  const { id, ...rest } = row;
  await w.trx.updateTable('exercise_sessions').set(rest).where('id', '=', id).execute();
}

export async function getSession(platform: Platform, actor: Actor, id: string): Promise<ExerciseSession> {
  const row = await loadRow(platform.db.kysely, id);
  if (!row || !isAllowed(steerExercise, actor, ownerOf(row))) throw new NotFound('no such exercise session');
  return viewOf(row, actor, platform.clock.now().getTime());
}

/** The sessions the caller may steer, newest first. */
export async function listSessions(platform: Platform, actor: Actor): Promise<ExerciseSession[]> {
  const rows = await platform.db.kysely
    .selectFrom('exercise_sessions')
    .selectAll()
    .orderBy('started_at', 'desc')
    .limit(200)
    .execute();
  const now = platform.clock.now().getTime();
  return rows.filter((r) => isAllowed(steerExercise, actor, ownerOf(r))).map((r) => viewOf(r, actor, now));
}

export const sessionAbilities = (actor: Actor) => ({ start: isAllowed(startExercise, actor) });

/**
 * An inject the facilitator adds by hand. The facilitator's right and the session's state are decided in one write
 * (audited), then the inject is written as exercise control or the principal named, who may write only into their
 * exercise incident.
 */
export async function addInject(
  platform: Platform,
  actor: Actor,
  id: string,
  request: AdHocInject,
): Promise<ExerciseSession> {
  const { row, inject, as } = await inWrite(platform, { actor }, async (w) => {
    const row = await steerable(w, actor, id);
    if (row.state === 'finished') throw new Conflict('the exercise has finished', 'state');
    if (!row.incident_id) throw new Conflict('the exercise incident opens with the first inject', 'state');
    const principals = actorsOf(JSON.parse(row.principals) as CreatedPrincipal[]);
    const as = request.kind === 'update' ? request.as : EXERCISE_CONTROL;
    if (request.kind === 'update' && (as === EXERCISE_CONTROL || !principals.has(as)))
      throw new Invalid(`no principal ${as} in this scenario`, 'as');
    const inject = Inject.parse(
      request.kind === 'update'
        ? { at: 0, as, kind: 'update', update: { stage: request.stage, text: request.text } }
        : { ...request, at: 0, as },
    );
    await w.audit({
      action: 'exercise.inject-added',
      subjectType: 'exercise-session',
      subjectId: id,
      details: { kind: request.kind, as, incidentId: row.incident_id },
    });
    return { row, inject, as: actorFrom(principals) };
  });
  const scenario = parseScenario(row.scenario_yaml, row.scenario_id);
  await playInject(platform, platform.clock, inject, row.incident_id!, as, scenario);
  return viewOf((await loadRow(platform.db.kysely, id))!, actor, platform.clock.now().getTime());
}

/**
 * Each write of a step under its own idempotency key: a step replayed (its job retried after a crash, or taken
 * over by another runner) finds its writes stored with their effects and gets their first results back.
 */
function onceFor(sessionId: string, step: number): Once {
  return async (sub, write) => {
    const keyHash = createHash('sha256').update(`exercise-step:${sessionId}:${step}:${sub}`).digest('hex');
    try {
      return await runWithIdempotency(
        {
          keyHash,
          bodyHash: keyHash,
          declaredStatus: undefined,
          method: 'JOB',
          path: `/exercise-sessions/${sessionId}/steps/${step}`,
          issuesSecret: false,
          state: 'open',
        },
        write,
      );
    } catch (e) {
      if (e instanceof IdempotentReplay) return e.response as Awaited<ReturnType<typeof write>>;
      throw e;
    }
  };
}

/**
 * Plays a session's due step. The step's writes run first, outside the job's transaction (they are the platform's
 * own commands, each its own write, each at most once by its key); the job's write then records the step done and
 * schedules the next, so a restart resumes after the last step recorded and a step is never played twice.
 */
export function exerciseStepJob(platform: Platform): JobHandler {
  // What the step's writes left for the recording write: the exercise incident, by job.
  const played = new Map<string, string>();
  return {
    kind: STEP_JOB,
    async act(job) {
      const p = job.payload as StepPayload;
      const row = await loadRow(platform.db.kysely, p.sessionId);
      if (row?.state !== 'running' || row.generation !== p.generation || row.steps_done !== p.step) return;
      const scenario = parseScenario(row.scenario_yaml, row.scenario_id);
      const step = planSteps(scenario)[p.step];
      if (!step) return;
      const incidentId = await playStep(platform, platform.clock, scenario, step, {
        incidentId: row.incident_id ?? '',
        start: Date.parse(row.started_at),
        actor: actorFrom(actorsOf(JSON.parse(row.principals) as CreatedPrincipal[])),
        once: onceFor(row.id, p.step),
      });
      played.set(job.id, incidentId);
    },
    async run(w, job) {
      const incidentId = played.get(job.id);
      played.delete(job.id);
      if (incidentId === undefined) return;
      const p = job.payload as StepPayload;
      const row = await loadRow(w.trx, p.sessionId);
      if (!row || row.steps_done !== p.step) return;
      const done = p.step + 1;
      const finished = done >= row.steps_total;
      // A pause that came while the step played leaves it recorded; only the next waits for the resume.
      const next: Row = {
        ...row,
        steps_done: done,
        incident_id: incidentId || row.incident_id,
        state: finished ? 'finished' : row.state,
        finished_at: finished ? w.now : null,
      };
      await save(w, next);
      // The coordination metrics measure the run against its scenario's targets (src/exercises/runs.ts).
      if (!row.incident_id && incidentId)
        await insertRun(w, {
          incidentId,
          scenario: parseScenario(row.scenario_yaml, row.scenario_id),
          speed: row.speed,
          startedAt: row.started_at,
        });
      if (finished && next.incident_id) await finishRun(w.trx, next.incident_id, w.now);
      if (!finished && row.state === 'running' && row.generation === p.generation)
        await scheduleStep(w, next, planSteps(parseScenario(row.scenario_yaml, row.scenario_id)));
      await w.audit({
        action: 'exercise.step-played',
        subjectType: 'exercise-session',
        subjectId: row.id,
        details: { step: p.step, finished },
      });
    },
  };
}
