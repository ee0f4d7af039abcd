import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import { STANDARDS_DIR } from '../../test/support/standards.js';
import { validateAgainst } from '../../test/support/xmllint.js';
import type { Incident } from '../incidents/model.js';
import { ManualClock } from '../platform/clock.js';
import { projectRoot } from '../platform/http/app.js';
import type { EdxlRmMessage } from './edxl-rm.js';
import type { AssistanceOffer, AssistanceRequest } from './model.js';

const root = projectRoot();
const RM_DIR = path.join(STANDARDS_DIR, 'edxl', 'edxl-rm-1.0', 'edxl-rm', '1.0');
const XSD: Record<EdxlRmMessage['kind'], string> = {
  RequestResource: path.join(RM_DIR, 'EDXL-RMRequestResource.xsd'),
  ResponseToRequestResource: path.join(RM_DIR, 'EDXL-RMResponseToRequestResource.xsd'),
  CommitResource: path.join(RM_DIR, 'EDXL-RMCommitResource.xsd'),
};

function blueprint(
  server: TestServer,
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(root, 'src', 'cli', 'main.ts'), ...args],
      {
        cwd: root,
        env: {
          ...process.env,
          DATA_DIR: server.dataDir,
          DATABASE_URL: server.databaseUrl ?? '',
          LOG_LEVEL: 'silent',
        },
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end();
  });
}

describe.each(engines())('EDXL-RM 1.0 export of assistance on %s', (engine) => {
  let server: TestServer;
  const as: Record<string, ApiClient> = {};
  let incidentId: string;
  const ids: Record<string, string> = {};
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'bp-edxl-rm-'));

  beforeAll(async () => {
    server = await startTestServer({ engine, clock: new ManualClock('2026-11-28T09:00:00.000Z') });
    for (const organisation of ['EE', 'FI', 'SE', 'ERCC']) {
      const key = organisation.toLowerCase();
      await server.createUser({
        email: `${key}@example.eu`,
        password: PASSWORD,
        organisation,
        role: 'coordinator',
      });
      as[key] = new ApiClient(server.url);
      await as[key]!.login(`${key}@example.eu`, PASSWORD);
    }
    incidentId = (
      await as.ee!.post<Incident>('/api/incidents', {
        title: 'Estlink outage <Narva> & Tartu',
        reportedBy: 'EE',
        occurredAt: '2026-11-28T06:00:00Z',
        impacts: [{ memberState: 'EE', level: 'significant' }],
      })
    ).body.id;
    const base = `/api/incidents/${incidentId}/assistance`;
    const request = (marking: string, category: string, unit: string) =>
      as.ee!.post<AssistanceRequest>(`${base}/requests`, {
        category,
        quantity: 2,
        unit,
        location: { country: 'EE', place: 'Narva' },
        neededFrom: '2026-11-28T18:00:00Z',
        neededUntil: '2026-12-05T18:00:00Z',
        priority: 'urgent',
        constraints: ['400 V three-phase'],
        ucpm: { formal: true, cecisReference: 'CECIS-2026-1187' },
        marking,
      });
    ids.green = (await request('TLP:GREEN', 'power-generators', 'MW')).body.id;
    ids.amber = (await request('TLP:AMBER', 'spare-parts', 'units')).body.id;
    ids.strict = (await request('TLP:AMBER+STRICT', 'experts', 'people')).body.id;
    const offer = (who: string, requestId: string, marking: string, fields: Record<string, unknown> = {}) =>
      as[who]!.post<AssistanceOffer>(`${base}/offers`, {
        requestId,
        category: 'power-generators',
        what: 'Two 1 MW generators',
        quantity: 2,
        unit: 'MW',
        location: { country: 'FI', place: 'Kotka' },
        availableFrom: '2026-11-28T12:00:00Z',
        conditions: 'Fuel by the requester',
        costs: 'free-of-charge',
        marking,
        ...fields,
      });
    ids.fi = (await offer('fi', ids.green, 'TLP:GREEN')).body.id;
    ids.se = (await offer('se', ids.green, 'TLP:AMBER', { location: { country: 'SE', place: '' } })).body.id;
    ids.no = (
      await offer('ercc', ids.green, 'TLP:CLEAR', {
        onBehalfOf: 'NO',
        quantity: 1,
        location: { country: 'NO', place: 'Oslo' },
      })
    ).body.id;
    ids.strictOffer = (
      await offer('fi', ids.strict, 'TLP:AMBER+STRICT', {
        category: 'experts',
        unit: 'people',
        what: 'Grid experts',
      })
    ).body.id;
    const step = (who: string, body: Record<string, unknown>) =>
      as[who]!.post(`${base}/requests/${ids.green}/steps`, body);
    expect((await step('ee', { offerId: ids.fi, step: 'accepted' })).status).toBe(201);
    expect((await step('fi', { offerId: ids.fi, step: 'in-transit' })).status).toBe(201);
  });
  afterAll(async () => {
    await server?.close();
    fs.rmSync(out, { recursive: true, force: true });
  });

  it('writes RequestResource, ResponseToRequestResource and CommitResource valid against the EDXL-RM schemas', async () => {
    const listed = await as.ercc!.get<{ items: EdxlRmMessage[] }>(
      `/api/incidents/${incidentId}/assistance/edxl-rm`,
    );
    expect(listed.status).toBe(200);
    const kinds = listed.body.items.map((m) => m.kind).sort();
    expect(kinds).toEqual([
      'CommitResource',
      'RequestResource',
      'ResponseToRequestResource',
      'ResponseToRequestResource',
    ]);
    for (const message of listed.body.items) {
      const checked = validateAgainst(XSD[message.kind], message.xml);
      expect(checked.valid, `${message.fileName}: ${checked.errors}`).toBe(true);
    }
    const commit = listed.body.items.find((m) => m.kind === 'CommitResource')!.xml;
    expect(commit).toContain('<rm:Value>in-transit</rm:Value>');
    expect(commit).toContain('<rmsg:OrderID>CECIS-2026-1187</rmsg:OrderID>');
    const relayed = listed.body.items.find((m) => m.fileName.startsWith(`offer-${ids.no}`))!.xml;
    expect(relayed).toContain('NO (relayed by ERCC)');
    expect(listed.body.items.find((m) => m.kind === 'RequestResource')!.xml).toContain(
      'Estlink outage &lt;Narva&gt; &amp; Tartu',
    );
  });

  it('never exports AMBER, AMBER+STRICT or RED items, to anyone', async () => {
    for (const who of ['ee', 'fi', 'se', 'ercc']) {
      const listed = await as[who]!.get<{ items: EdxlRmMessage[] }>(
        `/api/incidents/${incidentId}/assistance/edxl-rm`,
      );
      const all = listed.body.items.map((m) => m.xml).join('\n');
      for (const hidden of [ids.amber, ids.strict, ids.se, ids.strictOffer])
        expect(all).not.toContain(hidden);
    }
  });

  it('exports from the command line, one path per line, and refuses an unknown user with exit 2', async () => {
    const run = await blueprint(server, [
      'export',
      'edxl-rm',
      '--as',
      'ercc@example.eu',
      '--incident',
      incidentId,
      '--out',
      out,
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const paths = run.stdout.trim().split('\n');
    expect(paths).toHaveLength(4);
    for (const file of paths) {
      const kind = /<rmsg:(\w+) /.exec(fs.readFileSync(file, 'utf8'))![1] as EdxlRmMessage['kind'];
      const checked = validateAgainst(XSD[kind], fs.readFileSync(file, 'utf8'));
      expect(checked.valid, `${file}: ${checked.errors}`).toBe(true);
    }
    const unknown = await blueprint(server, ['export', 'edxl-rm', '--as', 'nobody@example.eu', '--out', out]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--as');
    const noIncident = await blueprint(server, [
      'export',
      'edxl-rm',
      '--as',
      'ee@example.eu',
      '--incident',
      'nope',
      '--out',
      out,
    ]);
    expect(noIncident.code).toBe(2);
    expect(noIncident.stderr).toContain('--incident');
    // Each run starts the command from source: slow on a busy machine, never waiting on a clock.
  }, 180_000);
});
