import { afterAll, beforeAll, expect } from 'vitest';
import { stringify } from 'yaml';
import type { ExerciseSession } from '../../src/exercises/sessions/model.js';
import { createJobs } from '../../src/jobs.js';
import { ManualClock } from '../../src/platform/clock.js';
import type { Platform } from '../../src/platform/context.js';
import type { EngineName } from './engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from './server.js';

/** The clock moves by minutes while a session is paused: sign-ins must outlast it. */
const SIGNED_IN = { SESSION_IDLE_MINUTES: '1440', SESSION_MAX_HOURS: '168' };

type Yaml = Record<string, unknown>;

/** Finland's exercise control, who writes the first report of every scenario built here. */
const FI_CONTROL = { id: 'fi-control', organisation: 'FI', name: 'Exercise control Finland' };

/**
 * A scenario in Poland's Presidency whose first inject is Finland's report of a cable down at T+0; `later` are the
 * injects after it (see `update` and `note`), `expected` its target times.
 */
export function exerciseScenario(scenario: {
  id: string;
  title?: string;
  participants: readonly string[];
  reportTitle?: string;
  principals?: readonly Yaml[];
  later?: readonly Yaml[];
  expected?: readonly Yaml[];
}): string {
  return stringify({
    id: scenario.id,
    title: scenario.title ?? 'A cable between Finland and Estonia',
    presidency: 'PL',
    participants: scenario.participants,
    principals: [FI_CONTROL, ...(scenario.principals ?? [])],
    injects: [
      {
        at: 0,
        as: FI_CONTROL.id,
        kind: 'report',
        report: {
          title: scenario.reportTitle ?? 'Exercise: cable down',
          cause: 'physical',
          impacts: [{ memberState: 'FI', level: 'significant' }],
        },
      },
      ...(scenario.later ?? []),
    ],
    ...(scenario.expected ? { expected: scenario.expected } : {}),
  });
}

/** Finland's exercise control posts an update at `at` scenario minutes. */
export const update = (at: number, text = 'Repair ship on its way.'): Yaml => ({
  at,
  as: FI_CONTROL.id,
  kind: 'update',
  update: { stage: 'other', text },
});

/** Finland's exercise control writes a note at `at` scenario minutes. */
export const note = (at: number, text: string): Yaml => ({ at, as: FI_CONTROL.id, kind: 'note', text });

/** A coordinator of each organisation, `<organisation>@example.eu`, signed in. */
export async function signInCoordinators(
  server: TestServer,
  organisations: readonly string[],
): Promise<Record<string, ApiClient>> {
  const as: Record<string, ApiClient> = {};
  for (const organisation of organisations) {
    const email = `${organisation.toLowerCase()}@example.eu`;
    await server.createUser({ email, password: PASSWORD, organisation, role: 'coordinator' });
    as[organisation] = new ApiClient(server.url);
    await as[organisation]!.login(email, PASSWORD);
  }
  return as;
}

export interface RunningSession {
  readonly path: string;
  /** The exercise incident the first report opened. */
  readonly incidentId: string;
  /** The jobs that play the session's due injects. */
  readonly jobs: ReturnType<typeof createJobs>;
  pause(): Promise<void>;
  resume(): Promise<void>;
}

/** A web session of the scenario started by the facilitator at `speed`, with its T+0 report played. */
export async function startExerciseSession(
  platform: Platform,
  facilitator: ApiClient,
  yaml: string,
  speed = 60,
): Promise<RunningSession> {
  const jobs = createJobs(platform);
  const started = await facilitator.post<ExerciseSession>('/api/exercise-sessions', { yaml, speed });
  expect(started.status).toBe(201);
  const path = `/api/exercise-sessions/${started.body.id}`;
  await jobs.runDue();
  const incidentId = (await facilitator.get<ExerciseSession>(path)).body.incidentId!;
  const control = async (action: 'pause' | 'resume') =>
    expect((await facilitator.post(`${path}/${action}`, {})).status).toBe(200);
  return {
    path,
    incidentId,
    jobs,
    pause: () => control('pause'),
    resume: () => control('resume'),
  };
}

export interface ExerciseWorld {
  /** Starts at 06:00 UTC on 18 November 2026, when the calendar's Presidency is Ireland's. */
  readonly clock: ManualClock;
  /** A signed-in coordinator of each organisation asked for, by organisation. */
  readonly as: Record<string, ApiClient>;
  /** Ready inside the tests and the hooks registered after it. */
  readonly server: TestServer;
  /** A web session of the scenario started by ERCC at `speed`, with its T+0 report played. */
  startSession(yaml: string, speed: number): Promise<RunningSession>;
}

/**
 * Registers the set-up and tear-down of a describe block's server on a ManualClock, with a coordinator of each
 * organisation signed in; `keepSignedIn` for tests that pause a session while the clock moves on by minutes.
 */
export function exerciseServer(
  engine: EngineName,
  options: { organisations: readonly string[]; keepSignedIn?: boolean },
): ExerciseWorld {
  const clock = new ManualClock('2026-11-18T06:00:00Z');
  const as: Record<string, ApiClient> = {};
  let server: TestServer | undefined;
  beforeAll(async () => {
    server = await startTestServer({ engine, clock, ...(options.keepSignedIn ? { env: SIGNED_IN } : {}) });
    Object.assign(as, await signInCoordinators(server, options.organisations));
  }, 60_000);
  afterAll(() => server?.close());
  const world: ExerciseWorld = {
    clock,
    as,
    get server() {
      if (!server) throw new Error('the exercise server starts in beforeAll');
      return server;
    },
    startSession: (yaml, speed) => startExerciseSession(world.server.platform, as.ERCC!, yaml, speed),
  };
  return world;
}
