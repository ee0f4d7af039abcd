import { beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { exerciseScenario, exerciseServer } from '../../test/support/exercise-session.js';
import { PASSWORD } from '../../test/support/server.js';
import type { Entry } from '../entries/model.js';
import { getVisibleEntryIds } from '../entries/store.js';
import type { Incident } from '../incidents/model.js';
import { createJobs } from '../jobs.js';
import type { Sitrep } from '../sitreps/model.js';

/** 1 January 2027, 00:00 in Brussels: Lithuania takes over from Ireland. */
const CHANGE = '2026-12-31T23:00:00.000Z';

/** The exercise world's Presidency is Poland's, whatever the calendar says. */
const SCENARIO = exerciseScenario({ id: 'presidency-test', participants: ['FI', 'EE', 'ERCC'] });

describe.each(engines())("an exercise's Presidency is its scenario's, on %s", (engine) => {
  // The clock starts on 18 November 2026: Ireland holds the Presidency by the calendar (2026-H2).
  const world = exerciseServer(engine, { organisations: ['ERCC', 'FI', 'IE', 'PL', 'LT'] });
  const { clock, as } = world;
  let exercise: string;
  let real: string;

  beforeAll(async () => {
    exercise = (await world.startSession(SCENARIO, 60)).incidentId;
    expect(exercise).toBeTruthy();
    const reported = await as.FI!.post<Incident>('/api/incidents', {
      title: 'Cable cut in the Gulf of Finland',
      reportedBy: 'FI',
      occurredAt: '2026-11-18T05:00:00Z',
      impacts: [{ memberState: 'FI', level: 'significant' }],
    });
    expect(reported.status).toBe(201);
    real = reported.body.id;
  }, 60_000);

  it('names PL as the exercise incident’s Presidency and the calendar’s IE for the real incident', async () => {
    expect((await as.FI!.get<Incident>(`/api/incidents/${exercise}`)).body.presidency).toBe('PL');
    expect((await as.FI!.get<Incident>(`/api/incidents/${real}`)).body.presidency).toBe('IE');
  });

  it("lets PL approve the exercise's sitrep and not IE; the real incident's stays IE's", async () => {
    const draftIn = async (incidentId: string) => {
      const draft = await as.FI!.post<Sitrep>(`/api/incidents/${incidentId}/sitreps`, {
        audience: ['FI', 'IE', 'PL', 'ERCC'],
      });
      expect(draft.status).toBe(201);
      return `/api/incidents/${incidentId}/sitreps/${draft.body.id}`;
    };
    const inExercise = await draftIn(exercise);
    const inReal = await draftIn(real);

    // A draft is read by its approvers only: to the calendar's holder the exercise's draft does not exist.
    expect((await as.IE!.get(inExercise)).status).toBe(404);
    expect((await as.IE!.post(`${inExercise}/approval`)).status).toBe(404);
    expect((await as.PL!.get<Sitrep>(inExercise)).body.abilities.approve).toBe(true);
    const approved = await as.PL!.post<Sitrep>(`${inExercise}/approval`);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ state: 'published', approvedBy: { organisation: 'PL' } });

    expect((await as.PL!.get(inReal)).status).toBe(404);
    expect((await as.PL!.post(`${inReal}/approval`)).status).toBe(404);
    const realApproved = await as.IE!.post<Sitrep>(`${inReal}/approval`);
    expect(realApproved.status).toBe(200);
    expect(realApproved.body).toMatchObject({ approvedBy: { organisation: 'IE' } });
  });

  it('lets only PL compile a sitrep on the exercise as the Presidency, and only IE on the real incident', async () => {
    const compile = (who: string, incidentId: string) =>
      as[who]!.post(`/api/incidents/${incidentId}/sitreps`, { audience: ['FI', 'IE', 'PL', 'ERCC'] });
    expect((await compile('IE', exercise)).status).toBe(403);
    expect((await compile('PL', exercise)).status).toBe(201);
    expect((await compile('PL', real)).status).toBe(403);
    expect((await compile('IE', real)).status).toBe(201);
  });

  it('sends what is addressed to the PRESIDENCY on the exercise to PL, and on the real incident to IE', async () => {
    const note = async (incidentId: string) => {
      const posted = await as.FI!.post<Entry>(`/api/incidents/${incidentId}/entries`, {
        kind: 'note',
        text: `For the Presidency only (${incidentId === exercise ? 'exercise' : 'real'})`,
        marking: 'TLP:AMBER',
        audience: ['PRESIDENCY'],
      });
      expect(posted.status).toBe(201);
      return posted.body.id;
    };
    const inExercise = await note(exercise);
    const inReal = await note(real);
    const seen = async (who: string, incidentId: string) =>
      (await as[who]!.get<{ items: Entry[] }>(`/api/incidents/${incidentId}/entries`)).body.items.map(
        (e) => e.id,
      );
    expect(await seen('PL', exercise)).toContain(inExercise);
    expect(await seen('IE', exercise)).not.toContain(inExercise);
    expect(await seen('IE', real)).toContain(inReal);
    expect(await seen('PL', real)).not.toContain(inReal);
    // The SQL twin of the rules, which lists filter with, agrees.
    const idsFor = async (organisation: string) => {
      const user = await world.server.platform.db.kysely
        .selectFrom('users')
        .select('id')
        .where('email', '=', `${organisation.toLowerCase()}@example.eu`)
        .executeTakeFirstOrThrow();
      return getVisibleEntryIds(world.server.platform.db.kysely, {
        userId: user.id,
        organisation,
        role: 'coordinator',
      });
    };
    const [byPL, byIE] = [await idsFor('PL'), await idsFor('IE')];
    expect(byPL).toContain(inExercise);
    expect(byPL).not.toContain(inReal);
    expect(byIE).toContain(inReal);
    expect(byIE).not.toContain(inExercise);
    const resolved = await as.FI!.get<{ items: Array<Entry & { resolvedAudience: string[] }> }>(
      `/api/incidents/${exercise}/entries`,
    );
    expect(resolved.body.items.find((e) => e.id === inExercise)?.resolvedAudience).toEqual(['PL']);

    // At the change of term Lithuania takes over the real incident's matters; the exercise's stay with PL.
    clock.set(Date.parse(CHANGE) + 1000);
    await createJobs(world.server.platform).runDue();
    // Six weeks on, everyone signs in again.
    for (const [organisation, client] of Object.entries(as))
      await client.login(`${organisation.toLowerCase()}@example.eu`, PASSWORD);
    expect((await as.FI!.get<Incident>(`/api/incidents/${real}`)).body.presidency).toBe('LT');
    expect((await as.FI!.get<Incident>(`/api/incidents/${exercise}`)).body.presidency).toBe('PL');
    expect(await seen('LT', real)).toContain(inReal);
    expect(await seen('IE', real)).not.toContain(inReal);
    expect(await seen('LT', exercise)).not.toContain(inExercise);
    expect(await seen('PL', exercise)).toContain(inExercise);
  });
});
