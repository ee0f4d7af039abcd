import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import { standard } from '../../test/support/standards.js';
import { validateAgainst } from '../../test/support/xmllint.js';
import type { AssistanceRequest } from '../assistance/model.js';
import type { PublicMessagesView } from '../comms/model.js';
import type { Incident } from '../incidents/model.js';
import type { Actor } from '../platform/actor.js';
import { ManualClock } from '../platform/clock.js';
import { projectRoot } from '../platform/http/app.js';
import { presidencyAt } from '../registry/presidency.js';
import type { Sitrep } from '../sitreps/model.js';
import { exportEdxlDe } from './edxl-de-export.js';

const HOUR = 3600_000;
const root = projectRoot();
const XSD = () => standard('edxl', 'edxl-de-2.0', 'edxl-de-v2.0-wd11.standalone-DERIVED.xsd');

/** The value of the TLP keyword, and what the envelope carries, read back from its text. */
function read(xml: string) {
  const tlp = /<keyword>\s*<ct:ValueListURI>urn:blueprint:tlp<\/ct:ValueListURI>\s*<ct:Value>([^<]+)</.exec(
    xml,
  )?.[1];
  const data = /<contentData>([^<]+)</.exec(xml)?.[1] ?? '';
  return {
    tlp,
    status: /<distributionStatus>(\w+)</.exec(xml)?.[1],
    confidentiality: [...xml.matchAll(/onfidentiality>(\w+)</g)].map((m) => m[1]),
    mimeType: /<mimeType>([^<]+)</.exec(xml)?.[1],
    content: Buffer.from(data, 'base64'),
  };
}

for (const engine of engines()) {
  describe(`EDXL-DE 2.0 export (${engine})`, () => {
    let server: TestServer;
    // Three hours back, so that lines whose embargo passed by this clock have passed for the CLI's real clock too.
    const clock = new ManualClock(Date.now() - 3 * HOUR);
    const presidency = presidencyAt(clock.now())!.memberState;
    const api: Record<string, ApiClient> = {};
    const actors: Record<string, Actor> = {};
    let incidentId = '';
    let exerciseId = '';
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      server = await startTestServer({ engine, clock });
      for (const [key, organisation] of [
        ['ee', 'EE'],
        ['fi', 'FI'],
        ['presidency', presidency],
      ] as const) {
        const email = `${key}@example.eu`;
        const { id } = await server.createUser({
          email,
          password: PASSWORD,
          organisation,
          role: 'coordinator',
        });
        actors[key] = {
          userId: id,
          email,
          displayName: email,
          organisation,
          role: 'coordinator',
          via: 'cli',
        };
        api[key] = new ApiClient(server.url);
        await api[key]!.login(email, PASSWORD);
      }
      const report = (title: string, exercise: boolean) =>
        api.ee!.post<Incident>('/api/incidents', {
          title,
          reportedBy: 'EE',
          occurredAt: new Date(clock.now().getTime() - HOUR).toISOString(),
          impacts: [{ memberState: 'EE', level: 'significant' }],
          exercise,
        });
      incidentId = (await report('Estlink outage', false)).body.id;
      exerciseId = (await report('Estlink outage (exercise)', true)).body.id;

      const embargoUntil = new Date(clock.now().getTime() + HOUR).toISOString();
      const drafted = await api.ee!.post<PublicMessagesView>(`/api/incidents/${incidentId}/public-messages`, {
        marking: 'TLP:CLEAR',
        event: 'Power outage',
        embargoUntil,
        texts: [
          { language: 'en', headline: 'Power cuts in Narva', text: 'Expect cuts tonight.' },
          { language: 'et', headline: 'Elektrikatkestused Narvas', text: 'Täna õhtul on katkestusi.' },
        ],
      });
      expect(drafted.status, JSON.stringify(drafted.body)).toBe(201);
      const messageId = drafted.body.messages[0]!.messageId;
      await api.ee!.post(`/api/incidents/${incidentId}/public-messages/${messageId}/decisions`, {
        decision: 'approved',
        languages: ['en', 'et'],
      });

      for (const marking of ['TLP:AMBER', 'TLP:AMBER+STRICT']) {
        const draft = await api.ee!.post<Sitrep>(`/api/incidents/${incidentId}/sitreps`, {
          audience: ['EE', 'FI', presidency],
          title: `Sitrep ${marking}`,
        });
        expect(draft.status, JSON.stringify(draft.body)).toBe(201);
        const at = `/api/incidents/${incidentId}/sitreps/${draft.body.id}`;
        const edited = await api.ee!.patch(at, { marking });
        expect(edited.status, JSON.stringify(edited.body)).toBe(200);
        const approved = await api.presidency!.post<Sitrep>(`${at}/approval`);
        expect(approved.status, JSON.stringify(approved.body)).toBe(200);
        ids[`sitrep ${marking}`] = draft.body.id;
      }
      const request = (incident: string, marking: string) =>
        api.ee!.post<AssistanceRequest>(`/api/incidents/${incident}/assistance/requests`, {
          category: 'power-generators',
          quantity: 2,
          unit: 'MW',
          location: { country: 'EE', place: 'Narva' },
          neededFrom: new Date(clock.now().getTime() + 6 * HOUR).toISOString(),
          neededUntil: new Date(clock.now().getTime() + 48 * HOUR).toISOString(),
          priority: 'urgent',
          constraints: [],
          ucpm: { formal: false },
          marking,
        });
      for (const marking of ['TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT']) {
        const made = await request(incidentId, marking);
        expect(made.status, JSON.stringify(made.body)).toBe(201);
        ids[marking] = made.body.id;
      }
      ids.exercise = (await request(exerciseId, 'TLP:GREEN')).body.id;

      clock.advance(2 * HOUR);
    }, 90_000);
    afterAll(() => server?.close());

    it('carries the CAP alert, the EDXL-RM messages and the sitrep, each valid against the EDXL-DE 2.0 schema', async () => {
      const envelopes = await exportEdxlDe(server.platform, actors.fi!, incidentId);
      const read_ = envelopes.map((e) => ({ ...e, ...read(e.xml) }));
      for (const e of envelopes) {
        const checked = validateAgainst(XSD(), e.xml);
        expect(checked.valid, `${e.fileName}: ${checked.errors}`).toBe(true);
      }
      expect(read_.map((e) => e.mimeType).sort()).toEqual([
        'application/common-alerting-protocol+xml',
        'application/pdf',
        'application/xml',
        'application/xml',
      ]);
      const cap = read_.find((e) => e.mimeType === 'application/common-alerting-protocol+xml')!;
      expect(cap.tlp).toBe('TLP:CLEAR');
      expect(cap.content.toString('utf8')).toContain('Power cuts in Narva');
      const rm = read_.filter((e) => e.mimeType === 'application/xml');
      expect(rm.map((e) => e.tlp).sort()).toEqual(['TLP:AMBER', 'TLP:GREEN']);
      expect(rm.map((e) => e.content.toString('utf8')).join()).not.toContain(ids['TLP:AMBER+STRICT']);
      const sitrep = read_.find((e) => e.mimeType === 'application/pdf')!;
      expect(sitrep.tlp).toBe('TLP:AMBER');
      expect(sitrep.content.subarray(0, 5).toString()).toBe('%PDF-');
      for (const e of read_) {
        expect(e.status).toBe('Actual');
        expect(new Set(e.confidentiality)).toEqual(new Set(['Unclassified']));
        expect(e.tlp).not.toMatch(/STRICT|RED/);
      }
    });

    it('marks an exercise incident Exercise', async () => {
      const envelopes = await exportEdxlDe(server.platform, actors.ee!, exerciseId);
      expect(envelopes).toHaveLength(1);
      expect(validateAgainst(XSD(), envelopes[0]!.xml).valid).toBe(true);
      expect(read(envelopes[0]!.xml).status).toBe('Exercise');
    });

    it.skipIf(engine !== 'sqlite')(
      'exports from the command line and exits 2 naming the option',
      async () => {
        const out = path.join(server.dataDir, 'edxl-de');
        const cli = (args: string[]) =>
          spawnSync(
            process.execPath,
            ['--import', 'tsx', path.join(root, 'src', 'cli', 'main.ts'), ...args],
            {
              encoding: 'utf8',
              cwd: root,
              env: { ...process.env, DATA_DIR: server.dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent' },
            },
          );
        const run = cli([
          'export',
          'edxl-de',
          '--as',
          'fi@example.eu',
          '--incident',
          incidentId,
          '--out',
          out,
        ]);
        expect(run.stderr).toBe('');
        expect(run.status).toBe(0);
        const paths = run.stdout.trim().split('\n');
        expect(paths).toHaveLength(4);
        for (const p of paths) expect(validateAgainst(XSD(), fs.readFileSync(p, 'utf8')).valid).toBe(true);
        const nobody = cli([
          'export',
          'edxl-de',
          '--as',
          'nobody@example.eu',
          '--incident',
          incidentId,
          '--out',
          out,
        ]);
        expect(nobody.status).toBe(2);
        expect(nobody.stderr).toMatch(/^--as:/);
        const unknown = cli([
          'export',
          'edxl-de',
          '--as',
          'fi@example.eu',
          '--incident',
          'nope',
          '--out',
          out,
        ]);
        expect(unknown.status).toBe(2);
        expect(unknown.stderr).toMatch(/^--incident:/);
        // Nothing to send: exit 0, nothing printed, and the folder is there as for every export.
        // The suite's clock has moved on past the first sign-in's session: a fresh one reports it.
        const ee = new ApiClient(server.url);
        await ee.login('ee@example.eu', PASSWORD);
        const quiet = await ee.post<Incident>('/api/incidents', {
          title: 'Tallinn port crane failure',
          reportedBy: 'EE',
          occurredAt: new Date(clock.now().getTime() - HOUR).toISOString(),
          impacts: [{ memberState: 'EE', level: 'minor' }],
        });
        expect(quiet.status, JSON.stringify(quiet.body)).toBe(201);
        const emptyOut = path.join(server.dataDir, 'edxl-de-none');
        const none = cli([
          'export',
          'edxl-de',
          '--as',
          'fi@example.eu',
          '--incident',
          quiet.body.id,
          '--out',
          emptyOut,
        ]);
        expect(none.status, none.stderr).toBe(0);
        expect(none.stdout).toBe('');
        expect(fs.readdirSync(emptyOut)).toEqual([]);
      },
      180_000,
    );
  });
}
