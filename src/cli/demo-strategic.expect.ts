import { expect } from 'vitest';
import { listIncidents } from '../incidents/flows.js';
import type { Actor } from '../platform/actor.js';
import type { Platform } from '../platform/context.js';
import { listForwards } from '../response/forwarding-flows.js';
import { isaaDocument, listIsaaReports } from '../response/isaa-flows.js';
import { listMeetings } from '../response/meetings-flows.js';
import { roundtablePack } from '../response/roundtable-flows.js';

/** What the demo's cable incident must show of report once and the strategic products (demo.test.ts). */
export async function expectStrategicDemo(platform: Platform, actor: (email: string) => Promise<Actor>) {
  const as = (who: string) => actor(`${who}@exercise.blueprint.example`);
  const [ee, ercc, de] = await Promise.all([as('coordinator.ee'), as('coordinator.ercc'), as('viewer.de')]);
  const cable = (await listIncidents(platform, ee, {})).find((i) => i.title.includes('Gulf of Finland'))!;
  const forwards = (await listForwards(platform, ercc, cable.id)).items;
  expect(forwards.map((f) => [f.mechanism, f.forwardedBy.organisation, f.format])).toEqual([
    ['ucpm', 'EE', 'cecis-request-summary'],
  ]);
  expect(forwards[0]!.summary.text).toContain('Harju county');

  const [report] = (await listIsaaReports(platform, ee, cable.id)).items;
  expect(report).toMatchObject({ marking: 'TLP:AMBER', versions: [expect.objectContaining({ version: 1 })] });
  expect(report!.questions.flatMap((q) => q.answers.map((a) => a.organisation)).sort()).toEqual([
    'EEAS',
    'ERCC',
  ]);
  expect((await listIsaaReports(platform, de, cable.id)).items).toEqual([]);
  const { document } = await isaaDocument(platform, ee, cable.id, report!.id, 1);
  expect(document.heading).toContain('version 1');
  expect(document.sections.map((s) => s.title)).not.toContain(
    'Question 3: What public line do Finland and Estonia need from the Union?',
  );

  const roundtable = (await listMeetings(platform, ee, cable.id)).items.find(
    (m) => m.format === 'ipcr-roundtable',
  )!;
  const { pack } = await roundtablePack(platform, ee, cable.id, roundtable.id);
  expect(pack.decisions.length).toBeGreaterThan(0);
  expect(pack.openActions.length).toBeGreaterThan(0);
}
