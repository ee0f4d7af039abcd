import { expect } from 'vitest';
import { listRecommendations, listReports } from '../after-action/flows.js';
import { listIncidents } from '../incidents/flows.js';
import type { Actor } from '../platform/actor.js';
import type { Platform } from '../platform/context.js';

/** What the demo's post-incident report must show, read through the access rules as each demo user would. */
export async function expectAfterActionDemo(platform: Platform, actor: (email: string) => Promise<Actor>) {
  const as = (who: string) => actor(`${who}@exercise.blueprint.example`);
  const [ercc, cerg, ee, fi] = await Promise.all([
    as('coordinator.ercc'),
    as('coordinator.cerg'),
    as('coordinator.ee'),
    as('coordinator.fi'),
  ]);
  const cable = (await listIncidents(platform, ercc, {})).find((i) => i.title.includes('Gulf of Finland'))!;
  const [report] = (await listReports(platform, cerg, cable.id)).items;
  expect(report).toMatchObject({ state: 'reviewed', audience: ['CERG', 'DE', 'EE', 'ERCC', 'FI'] });
  expect(report!.abilities.distribute).toBe(true);
  expect(report!.sections.find((s) => s.key === 'lessons')).toMatchObject({ owner: 'EE' });
  expect(report!.sections.find((s) => s.key === 'timeline')!.text).toMatch(/first report/);
  // Not distributed yet: Estonia reads it for the section it wrote, Finland not at all.
  expect((await listReports(platform, ee, cable.id)).items).toHaveLength(1);
  expect((await listReports(platform, fi, cable.id)).items).toHaveLength(0);
  expect((await listRecommendations(platform, ee, { overdue: true })).map((r) => r.owner)).toEqual(['EE']);
}
