import pino from 'pino';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { engines, freshDatabase } from '../../test/support/engines.js';
import { listAssistance } from '../assistance/flows.js';
import { AUDITED_CONTENT } from '../audit/content.js';
import { listEntries as listCepesEntries } from '../cepes/flows.js';
import { listDisinformation } from '../comms/disinformation-flows.js';
import { divergenceOf } from '../comms/divergence-flows.js';
import { capOf, listPublicMessages } from '../comms/flows.js';
import { publicPageOf, publicPageSetting } from '../comms/public-flows.js';
import { listEntries } from '../entries/flows.js';
import { getIncident, listIncidents } from '../incidents/flows.js';
import type { Actor } from '../platform/actor.js';
import { verifyAuditChain } from '../platform/audit/store.js';
import { loadConfig } from '../platform/config.js';
import { listDecisions } from '../response/decisions-flows.js';
import { listMeetings } from '../response/meetings-flows.js';
import { closePlatform, openPlatform } from '../server.js';
import { runDemo } from './demo.js';
import { expectAfterActionDemo } from './demo-after-action.expect.js';
import { expectAlertingDemo } from './demo-alerting.expect.js';
import { expectExerciseDemo } from './demo-exercise.expect.js';
import { expectFollowUpDemo } from './demo-follow-up.expect.js';
import { expectHybridDemo } from './demo-hybrid.expect.js';
import { expectStixDemo } from './demo-stix.expect.js';
import { expectStrategicDemo } from './demo-strategic.expect.js';

describe.each(engines())('the demo on %s', (engine) => {
  it('seeds exercise data that every actor sees through the access rules', async () => {
    const written: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    onTestFinished(() => spy.mockRestore());
    const { dataDir, databaseUrl } = await freshDatabase(engine);
    const config = loadConfig({ DATA_DIR: dataDir, DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' });
    await runDemo(config);
    const output = written.join('');
    expect(output).toMatch(/Password for every demo user, shown only now: \S+/);
    expect(output).toMatch(/display token \(shown only now\): bpd_\S+/);
    await expect(runDemo(config)).rejects.toThrow(/empty database/);

    const platform = await openPlatform(config, { logger: pino({ level: 'silent' }) });
    try {
      const actor = async (email: string): Promise<Actor> => {
        const u = await platform.db.kysely
          .selectFrom('users')
          .selectAll()
          .where('email', '=', email)
          .executeTakeFirstOrThrow();
        return {
          userId: u.id,
          email: u.email,
          displayName: u.display_name,
          organisation: u.organisation,
          role: u.role as Actor['role'],
          via: 'cli',
        };
      };
      const fi = await actor('coordinator.fi@exercise.blueprint.example');
      const nato = await actor('viewer.nato@exercise.blueprint.example');
      const de = await actor('viewer.de@exercise.blueprint.example');
      const incidents = await listIncidents(platform, fi, {});
      expect(incidents.length).toBeGreaterThanOrEqual(2);
      expect(incidents.every((i) => i.exercise)).toBe(true);
      const cable = incidents.find((i) => i.title.includes('Gulf of Finland'))!;
      expect(cable.status).toBe('applies');
      expect(cable.blueprintState).toBe('active');
      const full = await getIncident(platform, fi, cable.id);
      // Technical support: generators requested, FI's offer deployed, DE's ranked below; a vessel still open.
      const assistance = await listAssistance(platform, fi, cable.id);
      const generators = assistance.items.find((r) => r.category === 'power-generators')!;
      expect(generators.status).toBe('deployed');
      expect(generators.offers.map((o) => [o.offeredBy, o.status])).toEqual([
        ['FI', 'deployed'],
        ['DE', 'offered'],
      ]);
      const vessel = assistance.items.find((r) => r.category === 'cable-repair-vessel')!;
      expect(vessel.status).toBe('offered');
      expect(vessel.offers[0]).toMatchObject({ offeringCountry: 'NO', relayedBy: 'ERCC' });
      // Germany's standing pool of spare cable, 4 km of its 10 taken by Estonia.
      expect(assistance.standingOffers).toMatchObject([{ offeredBy: 'DE', quantity: 10, remaining: 6 }]);
      expect(assistance.items.find((r) => r.category === 'spare-parts')!.fulfilment).toEqual({
        accepted: 4,
        requested: 4,
        complete: true,
      });
      expect(full.mechanisms.active.map((m) => m.mechanism).sort()).toEqual(['ipcr', 'ucpm']);
      // The approved line to take, published by Estonia, exported as an exercise CAP alert.
      const line = (await listPublicMessages(platform, fi, cable.id)).messages[0]!.versions[0]!;
      expect(Object.fromEntries(line.states.map((s) => [s.organisation, s.status]))).toEqual({
        FI: 'approved',
        EE: 'published',
      });
      expect(line.exportable).toBe(true);
      expect(await capOf(platform, fi, cable.id, line.messageId)).toContain('<status>Exercise</status>');
      // A false narrative Estonia logged, and the public page: a preview of the line, bannered, without feeds.
      const narratives = (await listDisinformation(platform, fi, cable.id)).items;
      expect(narratives.map((n) => [n.recordedBy.organisation, n.reach, n.marking])).toEqual([
        ['EE', 'medium', 'TLP:GREEN'],
      ]);
      const setting = await publicPageSetting(platform, fi, cable.id);
      expect(setting.enabled).toBe(true);
      const preview = await publicPageOf(platform, setting.path!.split('/').pop()!);
      expect(preview).toMatchObject({ exercise: true, feeds: false });
      expect(preview.lines.map((l) => l.texts.map((t) => t.language))).toEqual([['en', 'fi', 'et']]);
      // Comments on the line, one resolved; a Swedish draft translation; and a contradiction on the cause.
      const reviewed = (await listPublicMessages(platform, fi, cable.id)).messages[0]!.versions[0]!;
      expect(reviewed.comments.map((c) => [c.organisation, c.resolved])).toEqual([
        ['EE', true],
        ['ERCC', false],
      ]);
      expect(reviewed.translations.map((t) => [t.language, t.approved])).toEqual([['sv', false]]);
      const divergence = await divergenceOf(platform, fi, cable.id);
      expect(divergence.flags.map((f) => [f.fact, f.values.map((v) => v.organisations)])).toEqual([
        ['cause', [['EE'], ['FI']]],
      ]);
      // The roundtable's strategic decision, and Estonia's two actions from it, one done; DE was not invited.
      const ee = await actor('coordinator.ee@exercise.blueprint.example');
      const response = await listDecisions(platform, ee, cable.id);
      expect(response.decisions.map((d) => d.level)).toEqual(['strategic']);
      expect(response.actions.map((a) => [a.ownerOrganisation, a.assignee?.userId, a.status]).sort()).toEqual(
        [
          ['EE', ee.userId, 'done'],
          ['EE', ee.userId, 'open'],
        ],
      );
      const [roundtable] = (await listMeetings(platform, ee, cable.id)).items;
      expect(roundtable).toMatchObject({
        format: 'ipcr-roundtable',
        decisionIds: [response.decisions[0]!.id],
      });
      expect(roundtable!.minutes).not.toBeNull();
      expect((await listMeetings(platform, de, cable.id)).items).toEqual([]);
      expect((await listDecisions(platform, de, cable.id)).decisions).toEqual([]);
      const forFi = await listEntries(platform, fi, cable.id);
      const forNato = await listEntries(platform, nato, cable.id);
      const forDe = await listEntries(platform, de, cable.id);
      expect(forFi.length).toBeGreaterThan(forDe.length);
      expect(forNato.every((e) => e.releasableToNato)).toBe(true);
      expect(forNato.map((e) => e.marking)).toContain('TLP:CLEAR');
      expect(forDe.some((e) => e.marking === 'TLP:RED')).toBe(false);
      expect(forDe.some((e) => e.withheld.length > 0 && e.text === null)).toBe(true);
      const sitreps = forFi.filter((e) => e.kind === 'sitrep');
      expect(sitreps).toHaveLength(1);
      expect(forDe.some((e) => e.kind === 'sitrep')).toBe(false);
      // The register ERCC keeps reaches the states each entry concerns, never NATO unless released to it.
      const registerFor = async (who: Actor) =>
        (await listCepesEntries(platform, who, { q: '', limit: 50 })).items.map((e) => e.verdict).sort();
      expect(await registerFor(de)).toEqual(['cepes', 'eu-infrastructure', 'not-cepes']);
      expect(await registerFor(fi)).toEqual(['eu-infrastructure', 'not-cepes']);
      expect(await registerFor(nato)).toEqual([]);
      await expectHybridDemo(platform, actor);
      await expectAlertingDemo(platform, actor);
      await expectAfterActionDemo(platform, actor);
      await expectFollowUpDemo(platform, actor);
      await expectStixDemo(platform, actor, output);
      await expectStrategicDemo(platform, actor);
      await expectExerciseDemo(platform, actor);
      expect(
        (await verifyAuditChain(platform.db.kysely, platform.auditKey, AUDITED_CONTENT)).broken,
      ).toBeUndefined();
    } finally {
      await closePlatform(platform);
    }
  });
});
