import { expect } from 'vitest';
import { recommendationsForUs } from '../after-action/follow-up-flows.js';
import { listNotifications } from '../alerting/flows.js';
import type { Actor } from '../platform/actor.js';
import type { Platform } from '../platform/context.js';

/** What the demo's followed-up recommendations must show, read through the access rules as each demo user would. */
export async function expectFollowUpDemo(platform: Platform, actor: (email: string) => Promise<Actor>) {
  const as = (who: string) => actor(`${who}@exercise.blueprint.example`);
  const [de, fi] = await Promise.all([as('coordinator.de'), as('coordinator.fi')]);
  const forDe = await recommendationsForUs(platform, de);
  expect(forDe.map((r) => r.followUp?.status ?? 'none').sort()).toEqual(['in-progress', 'none']);
  expect(forDe.every((r) => r.incident.exercise && r.abilities.recordFollowUp)).toBe(true);
  expect((await recommendationsForUs(platform, de, { followUp: 'none' })).map((r) => r.text)).toEqual([
    expect.stringMatching(/standing seat/),
  ]);
  expect(await recommendationsForUs(platform, fi)).toEqual([]);
  // Germany was alerted when the report was presented to it; Finland was not.
  const kinds = async (a: Actor) => (await listNotifications(platform, a)).map((n) => n.kind);
  expect(await kinds(de)).toContain('after-action-report-distributed');
  expect(await kinds(fi)).not.toContain('after-action-report-distributed');
}
