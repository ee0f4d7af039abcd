import { expect } from 'vitest';
import { rollCallOf } from '../alerting/roll-call-flows.js';
import { listChecks, standings } from '../contact-checks/flows.js';
import { listIncidents } from '../incidents/flows.js';
import type { Actor } from '../platform/actor.js';
import type { Platform } from '../platform/context.js';

/** What the demo's roll call and contact-point check must show, read as the demo users would (demo.test.ts). */
export async function expectAlertingDemo(platform: Platform, actor: (email: string) => Promise<Actor>) {
  const as = (who: string) => actor(`${who}@exercise.blueprint.example`);
  const [ercc, ee, de] = await Promise.all([as('coordinator.ercc'), as('coordinator.ee'), as('viewer.de')]);
  const cable = (await listIncidents(platform, ercc, {})).find((i) => i.title.includes('Gulf of Finland'))!;
  const activationOf = async (who: Actor, organisation: string) =>
    (await rollCallOf(platform, who, cable.id)).organisations
      .find((o) => o.organisation === organisation)
      ?.alerts.find((a) => a.kind === 'activation');
  expect(await activationOf(ercc, 'ERCC')).toMatchObject({
    stage: 'acknowledged',
    requiresAcknowledgement: true,
  });
  expect(await activationOf(ercc, 'EE')).toMatchObject({ stage: 'acknowledged' });
  expect((await rollCallOf(platform, ee, cable.id)).organisations.map((o) => o.organisation)).toEqual(['EE']);
  // The cable incident is released to NATO: its liaison was alerted of the activation, and sees its own row only.
  expect(await activationOf(ercc, 'NATO')).toMatchObject({ requiresAcknowledgement: true });
  const nato = await as('viewer.nato');
  expect((await rollCallOf(platform, nato, cable.id)).organisations.map((o) => o.organisation)).toEqual([
    'NATO',
  ]);

  const [check] = await listChecks(platform, ercc);
  const reached = check!.results.filter((r) => r.reached).map((r) => [r.organisation, r.channel]);
  expect(reached.sort()).toEqual([
    ['EE', 'email'],
    ['ERCC', 'in-app'],
    ['FI', 'in-app'],
  ]);
  const flags = new Map((await standings(platform, de)).items.map((s) => [s.organisation, s.flag]));
  expect([flags.get('FI'), flags.get('EE'), flags.get('DE')]).toEqual([null, null, 'never-reached']);
}
