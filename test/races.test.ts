import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Notification } from '../src/alerting/model.js';
import type { Entry } from '../src/entries/model.js';
import type { Incident } from '../src/incidents/model.js';
import { presidencyAt } from '../src/registry/presidency.js';
import type { Sitrep } from '../src/sitreps/model.js';
import { engines } from './support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from './support/server.js';
import { SseClient } from './support/sse.js';

/*
 * Every command decides inside its own transaction. Each case here sends the two commands of a race at the same
 * moment on separate connections of a real server and checks that the result is one the commands could have
 * produced one after the other. On PostgreSQL the requests run truly in parallel; on SQLite they still interleave
 * between the reads of one request and the write of another, so the same checks hold there too.
 */

const PRESIDENCY = presidencyAt(new Date())!.memberState;
const SIX = ['FI', 'EE', 'LV', 'LT', 'PL', 'SE'];

interface ReachRecord {
  entryId: string;
  previous: { audience: string[]; marking: string };
  next: { audience: string[]; marking: string };
}

describe.each(engines())('commands racing each other on %s', (engine) => {
  let server: TestServer;
  const as: Record<string, ApiClient> = {};
  // Races are rare events: PostgreSQL gets enough trials to hit them; SQLite checks the same behaviour.
  const trials = engine === 'postgres' ? 20 : 5;

  beforeAll(async () => {
    server = await startTestServer({ engine });
    const people: Array<[string, string, 'coordinator' | 'viewer']> = [
      ...[...new Set([...SIX, 'DE', 'ERCC', PRESIDENCY])].map((o): [string, string, 'coordinator'] => [
        o.toLowerCase(),
        o,
        'coordinator',
      ]),
      ['deviewer', 'DE', 'viewer'],
    ];
    for (const [key, organisation, role] of people) {
      await server.createUser({ email: `${key}@example.eu`, password: PASSWORD, organisation, role });
      as[key] = new ApiClient(server.url);
      await as[key]!.login(`${key}@example.eu`, PASSWORD);
    }
  });
  afterAll(() => server?.close());

  const report = async (by: string, title: string, impacts = [{ memberState: by, level: 'significant' }]) => {
    const res = await as[by.toLowerCase()]!.post<Incident>('/api/incidents', {
      title,
      reportedBy: by,
      occurredAt: new Date(Date.now() - 3600_000).toISOString(),
      impacts,
    });
    expect(res.status).toBe(201);
    return res.body;
  };

  it('two approvals of one sitrep draft at once publish it once, as one SITREP', async () => {
    const incident = await report('FI', 'Sitrep race', [
      { memberState: 'FI', level: 'significant' },
      { memberState: 'EE', level: 'significant' },
    ]);
    for (let trial = 0; trial < trials; trial++) {
      const draft = await as.fi!.post<Sitrep>(`/api/incidents/${incident.id}/sitreps`, {
        audience: ['FI', 'ERCC', PRESIDENCY],
      });
      expect(draft.status).toBe(201);
      const approval = `/api/incidents/${incident.id}/sitreps/${draft.body.id}/approval`;
      // ERCC and the Presidency both approve, twice each: four approvals of one draft in flight together.
      const answers = await Promise.all([
        as.ercc!.post<Sitrep>(approval),
        as[PRESIDENCY.toLowerCase()]!.post<Sitrep>(approval),
        as.ercc!.post<Sitrep>(approval),
        as[PRESIDENCY.toLowerCase()]!.post<Sitrep>(approval),
      ]);
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409, 409]);
    }
    const published = (
      await as.fi!.get<{ items: Sitrep[] }>(`/api/incidents/${incident.id}/sitreps`)
    ).body.items.filter((s) => s.state === 'published');
    // One number per draft, no gaps, no draft published twice.
    expect(published.map((s) => s.number).sort((a, b) => a! - b!)).toEqual(
      Array.from({ length: trials }, (_, i) => i + 1),
    );
    const sitrepEntries = (
      await as.fi!.get<{ items: Entry[] }>(`/api/incidents/${incident.id}/entries?kind=sitrep`)
    ).body.items;
    expect(sitrepEntries).toHaveLength(trials);
    expect(new Set(sitrepEntries.map((e) => e.body.sitrepId)).size).toBe(trials);
  });

  it('a widen and a narrow at once: the reach is the last change, and a reader who lost the entry is told', async () => {
    const incident = await report('FI', 'Reach race');
    const stream = new SseClient(`${server.url}/api/stream`, { cookie: as.deviewer!.cookie! });
    expect(await stream.open()).toBe(200);
    try {
      for (let trial = 0; trial < trials; trial++) {
        const note = await as.fi!.post<Entry>(`/api/incidents/${incident.id}/entries`, {
          kind: 'note',
          text: `Repair plan ${trial}`,
          marking: 'TLP:AMBER',
          audience: ['FI', 'EE'],
        });
        expect(note.status).toBe(201);
        const reach = `/api/incidents/${incident.id}/entries/${note.body.id}/reach`;
        const [widen, narrow] = await Promise.all([
          as.fi!.post(reach, { marking: 'TLP:AMBER', audience: ['FI', 'EE', 'DE'] }),
          as.fi!.post(reach, { marking: 'TLP:AMBER', audience: ['FI'] }),
        ]);
        expect([widen.status, narrow.status]).toEqual([200, 200]);

        // The two changes, in the order they committed: each one's `previous` is what the other left.
        const changes = (
          await as.fi!.get<{ items: Entry[] }>(`/api/incidents/${incident.id}/entries?kind=reach-change`)
        ).body.items
          .filter((e) => (e.body as unknown as ReachRecord).entryId === note.body.id)
          .sort((a, b) => a.seq - b.seq)
          .map((e) => e.body as unknown as ReachRecord);
        expect(changes).toHaveLength(2);
        expect([...changes[0]!.previous.audience].sort()).toEqual(['EE', 'FI']);
        expect([...changes[1]!.previous.audience].sort()).toEqual([...changes[0]!.next.audience].sort());
        const last = [...changes[1]!.next.audience].sort();
        const effective = await as.fi!.get<Entry>(`/api/incidents/${incident.id}/entries/${note.body.id}`);
        expect([...effective.body.audience].sort()).toEqual(last);
        const deMaySee = last.includes('DE');
        const deRead = await as.deviewer!.get(`/api/incidents/${incident.id}/entries/${note.body.id}`);
        expect(deRead.status).toBe(deMaySee ? 200 : 404);

        // A note to everyone after both changes: once it arrives, the stream has handled both changes.
        const marker = await as.fi!.post<Entry>(`/api/incidents/${incident.id}/entries`, {
          kind: 'note',
          text: `after trial ${trial}`,
          marking: 'TLP:GREEN',
        });
        await stream.waitFor((e) => e.event === 'entry' && (e.data as Entry).id === marker.body.id);
        const about = stream.events.filter(
          (e) =>
            (e.event === 'entry' && (e.data as Entry).id === note.body.id) ||
            (e.event === 'entry-withdrawn' && (e.data as { entryId: string }).entryId === note.body.id),
        );
        const lastSeen = about.at(-1);
        if (deMaySee) expect(lastSeen?.event).toBe('entry');
        // Whatever the stream showed of the entry, a reader outside the final reach ends with it withdrawn.
        else if (about.some((e) => e.event === 'entry')) expect(lastSeen?.event).toBe('entry-withdrawn');
      }
    } finally {
      stream.close();
    }
  });

  it('only the reporter of the duplicate (or ERCC) merges it away; the other reporter is asked to check', async () => {
    const target = await report('FI', 'Cable cut (FI report)');
    const duplicate = await report('EE', 'Cable cut (EE report)');
    const other = await report('LV', 'Cable cut (LV report)');
    const merge = (who: string, into: Incident, away: Incident) =>
      as[who]!.post<Incident>(`/api/incidents/${into.id}/merge`, { duplicateId: away.id });

    // FI reported the target, not the duplicate: it may not close EE's incident by merging it into its own.
    const refused = await merge('fi', target, duplicate);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ error: { code: 'forbidden' } });
    expect((refused.body as unknown as { error: { message: string } }).error.message).toContain(
      'coordinators of the organisation that reported the duplicate merge it into another incident',
    );
    expect((await as.ee!.get<Incident>(`/api/incidents/${duplicate.id}`)).body.mergedInto ?? null).toBeNull();

    // EE merges its own report away; FI, whose incident receives it, is notified and asked to check.
    expect((await merge('ee', target, duplicate)).status).toBe(201);
    const asked = (
      await as.fi!.get<{ items: Notification[] }>('/api/notifications?open=true')
    ).body.items.find((n) => n.kind === 'duplicate-merged-in' && n.incidentId === target.id);
    expect(asked?.body).toMatchObject({ duplicateId: duplicate.id, duplicateReportedBy: 'EE', by: 'EE' });

    // ERCC may merge anyone's duplicate; both reporters then hear of it.
    expect((await merge('ercc', target, other)).status).toBe(201);
    const lv = (await as.lv!.get<{ items: Notification[] }>('/api/notifications?open=true')).body.items;
    expect(lv.some((n) => n.kind === 'merged' && n.incidentId === target.id)).toBe(true);
    const fi = (await as.fi!.get<{ items: Notification[] }>('/api/notifications?open=true')).body.items;
    expect(
      fi.filter((n) => n.kind === 'duplicate-merged-in' && n.incidentId === target.id).map((n) => n.body),
    ).toContainEqual(expect.objectContaining({ duplicateId: other.id, by: 'ERCC' }));
  });

  it('a merge and a write to the duplicate at once: the write is carried over or refused, never lost', async () => {
    for (let trial = 0; trial < trials; trial++) {
      const target = await report('FI', `Target ${trial}`);
      const duplicate = await report('EE', `Duplicate ${trial}`);
      const [merged, assessed, updated] = await Promise.all([
        as.ee!.post(`/api/incidents/${target.id}/merge`, { duplicateId: duplicate.id }),
        as.ee!.post(`/api/incidents/${duplicate.id}/assessments`, { memberState: 'EE', level: 'minor' }),
        as.ee!.post(`/api/incidents/${duplicate.id}/updates`, {
          stage: 'cer-initial-notification',
          text: 'Repair crews on site.',
          impacts: [{ memberState: 'EE', level: 'minor' }],
        }),
      ]);
      expect(merged.status).toBe(201);
      // Nothing is written to a merged incident after its merge: what came later was refused as merged.
      const log = (await as.ee!.get<{ items: Entry[] }>(`/api/incidents/${duplicate.id}/entries`)).body.items;
      const mergeSeq = log.find((e) => e.kind === 'merge')!.seq;
      expect(log.filter((e) => e.seq > mergeSeq)).toEqual([]);
      for (const answer of [assessed, updated]) expect([201, 409]).toContain(answer.status);
      // What was accepted before the merge reached the target with it.
      const carried = (await as.ee!.get<{ items: Entry[] }>(`/api/incidents/${target.id}/entries`)).body
        .items;
      if (assessed.status === 201) expect(carried.some((e) => e.kind === 'own-assessment')).toBe(true);
      if (updated.status === 201) expect(carried.some((e) => e.kind === 'update')).toBe(true);
    }
  });

  it('two merges of one duplicate at once merge it once', async () => {
    for (let trial = 0; trial < trials; trial++) {
      const a = await report('FI', `A ${trial}`);
      const b = await report('LV', `B ${trial}`);
      const duplicate = await report('EE', `Duplicate ${trial}`);
      const answers = await Promise.all([
        as.ee!.post(`/api/incidents/${a.id}/merge`, { duplicateId: duplicate.id }),
        as.ercc!.post(`/api/incidents/${b.id}/merge`, { duplicateId: duplicate.id }),
      ]);
      expect(answers.map((x) => x.status).sort()).toEqual([201, 409]);
      const log = (await as.ee!.get<{ items: Entry[] }>(`/api/incidents/${duplicate.id}/entries`)).body.items;
      expect(log.filter((e) => e.kind === 'merge')).toHaveLength(1);
    }
  });

  it('a workflow step and a merge at once: the step lands before the merge or is refused as merged', async () => {
    for (let trial = 0; trial < trials; trial++) {
      const target = await report('FI', `Blackout (FI) ${trial}`);
      const duplicate = await report(
        'EE',
        `Blackout (EE) ${trial}`,
        SIX.map((memberState) => ({ memberState, level: 'significant' })),
      );
      for (const state of SIX.filter((s) => s !== 'EE')) {
        await as[state.toLowerCase()]!.post(`/api/incidents/${duplicate.id}/assessments`, {
          memberState: state,
          level: 'significant',
        });
      }
      const [merged, activated] = await Promise.all([
        as.ee!.post(`/api/incidents/${target.id}/merge`, { duplicateId: duplicate.id }),
        as.fi!.post(`/api/incidents/${duplicate.id}/activation`),
      ]);
      expect(merged.status).toBe(201);
      expect([201, 409]).toContain(activated.status);
      const log = (await as.ee!.get<{ items: Entry[] }>(`/api/incidents/${duplicate.id}/entries`)).body.items;
      const mergeSeq = log.find((e) => e.kind === 'merge')!.seq;
      expect(log.filter((e) => e.seq > mergeSeq).map((e) => e.kind)).toEqual([]);
    }
  });

  it('activation, joining and deactivation at once leave one consistent activation', async () => {
    const incident = await report(
      'FI',
      'Six-state blackout',
      SIX.map((memberState) => ({ memberState, level: 'significant' })),
    );
    for (const state of SIX.filter((s) => s !== 'FI')) {
      await as[state.toLowerCase()]!.post(`/api/incidents/${incident.id}/assessments`, {
        memberState: state,
        level: 'significant',
      });
    }
    const activation = `/api/incidents/${incident.id}/activation`;
    // The same state twice, and another state, at once: one activation, one join, and one refusal.
    const first = await Promise.all([
      as.fi!.post(activation),
      as.fi!.post(activation),
      as.ee!.post(activation),
    ]);
    expect(first.map((a) => a.status).sort()).toEqual([201, 201, 409]);
    // Another join and a deactivation by the first activator at once: either order is consistent.
    const [joined, closed] = await Promise.all([
      as.lv!.post<Incident>(activation),
      as.fi!.post<Incident>(`/api/incidents/${incident.id}/deactivation`, { summary: 'Restored.' }),
    ]);
    expect(closed.status).toBe(201);
    expect([201, 409]).toContain(joined.status);
    const log = (await as.fi!.get<{ items: Entry[] }>(`/api/incidents/${incident.id}/entries`)).body.items;
    const kinds = log
      .filter((e) => ['activation', 'activation-joined', 'deactivation'].includes(e.kind))
      .sort((x, y) => x.seq - y.seq)
      .map((e) => `${e.kind}:${e.author.organisation}`);
    // One activation first, then joins by states not yet taking part, and the deactivation last: a join is
    // accepted only while the activation is active, never after it was deactivated.
    expect(kinds[0]).toMatch(/^activation:/);
    expect(kinds.filter((k) => k.startsWith('activation:'))).toHaveLength(1);
    const taking = kinds.filter((k) => !k.startsWith('deactivation')).map((k) => k.split(':')[1]);
    expect(new Set(taking).size).toBe(taking.length);
    expect(kinds.at(-1)).toBe('deactivation:FI');
    expect(kinds.filter((k) => k.startsWith('deactivation'))).toHaveLength(1);
    expect(kinds).toHaveLength(joined.status === 201 ? 4 : 3);
    const state = (await as.fi!.get<Incident>(`/api/incidents/${incident.id}`)).body.activation;
    expect(state.state).toBe('deactivated');
  });
});
