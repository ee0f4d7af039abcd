import { expect } from 'vitest';
import { listEntries } from '../entries/flows.js';
import { getIncident, listIncidents } from '../incidents/flows.js';
import type { Actor } from '../platform/actor.js';
import type { Platform } from '../platform/context.js';
import { listDecisions } from '../response/decisions-flows.js';
import { handoversAwaitingMe } from '../response/handover-flows.js';
import { listMeetings } from '../response/meetings-flows.js';

/** What the demo's hybrid incident must show, read through the access rules as each demo user would (demo.test.ts). */
export async function expectHybridDemo(platform: Platform, actor: (email: string) => Promise<Actor>) {
  const as = (who: string) => actor(`${who}@exercise.blueprint.example`);
  const [fi, de, eeas, fiViewer] = await Promise.all([
    as('coordinator.fi'),
    as('viewer.de'),
    as('coordinator.eeas'),
    as('viewer.fi'),
  ]);
  const hybrid = (await listIncidents(platform, fi, {})).find((i) => i.title.includes('Baltic data cable'))!;
  expect(hybrid).toBeDefined();
  const incident = await getIncident(platform, eeas, hybrid.id);
  expect(incident.mechanisms.active.map((m) => [m.mechanism, m.mode]).sort()).toEqual([
    ['hybrid-toolbox', null],
    ['ipcr', 'information-sharing'],
  ]);
  // Both tracks: consequence management for everyone, the attribution note for the EEAS and the affected states.
  const tracks = async (who: Actor) =>
    (await listEntries(platform, who, hybrid.id)).filter((e) => e.kind === 'note').map((e) => e.track);
  expect((await tracks(fi)).sort()).toEqual([
    'attribution',
    'consequence-management',
    'consequence-management',
  ]);
  expect(await tracks(de)).toEqual(['consequence-management', 'consequence-management']);
  // Decisions at both levels (the strategic one restricted), actions from the technical call, one done.
  expect((await listDecisions(platform, fi, hybrid.id)).decisions.map((d) => d.level).sort()).toEqual([
    'operational',
    'strategic',
  ]);
  expect((await listDecisions(platform, de, hybrid.id)).decisions.map((d) => d.level)).toEqual([
    'operational',
  ]);
  const [call] = (await listMeetings(platform, fi, hybrid.id)).items;
  expect(call).toMatchObject({ format: 'technical-call' });
  expect(call!.minutes).not.toBeNull();
  expect(call!.actionIds).toHaveLength(2);
  const actions = (await listDecisions(platform, eeas, hybrid.id)).actions;
  expect(actions.map((a) => [a.ownerOrganisation, a.status, a.overdue]).sort()).toEqual([
    ['EE', 'open', true],
    ['FI', 'done', false],
  ]);
  // Finland's next shift finds the handover waiting on its home page.
  expect((await handoversAwaitingMe(platform, fiViewer)).map((h) => h.incidentId)).toEqual([hybrid.id]);
}
