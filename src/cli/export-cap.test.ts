import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import { CAP_XSD, validateAgainst } from '../../test/support/xmllint.js';
import { readCap } from '../comms/cap.js';
import type { PublicMessagesView } from '../comms/model.js';
import type { Incident } from '../incidents/model.js';
import { ManualClock } from '../platform/clock.js';
import { projectRoot } from '../platform/http/app.js';

const root = projectRoot();
const HOUR = 3600_000;
/** Each run starts the command line from source with tsx, which takes seconds on a busy machine. */
const CLI_RUNS = 120_000;

/** Runs the command line from source against the test server's database (the CLI reads the real clock). */
function blueprint(server: TestServer, args: string[]) {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(root, 'src', 'cli', 'main.ts'), ...args],
    {
      encoding: 'utf8',
      cwd: root,
      env: { ...process.env, DATA_DIR: server.dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent' },
    },
  );
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('blueprint export cap', () => {
  let server: TestServer;
  // The lines are written two hours ago by the server's clock, so their embargo has passed for the CLI.
  const clock = new ManualClock(Date.now() - 2 * HOUR);
  const as: Record<string, ApiClient> = {};
  let incidentId = '';
  let messageId = '';

  beforeAll(async () => {
    server = await startTestServer({ engine: 'sqlite', clock });
    for (const [key, organisation] of [
      ['fi', 'FI'],
      ['pt', 'PT'],
    ] as const) {
      await server.createUser({
        email: `${key}@example.eu`,
        password: PASSWORD,
        organisation,
        role: 'coordinator',
      });
      as[key] = new ApiClient(server.url);
      await as[key]!.login(`${key}@example.eu`, PASSWORD);
    }
    const created = await as.fi!.post<Incident>('/api/incidents', {
      title: 'Grid disturbance',
      reportedBy: 'FI',
      occurredAt: new Date(clock.now().getTime() - HOUR).toISOString(),
      sectors: [{ sector: 'energy', subsector: 'electricity' }],
      impacts: [{ memberState: 'FI', level: 'significant' }],
    });
    incidentId = created.body.id;
    const texts = [
      { language: 'en', headline: 'Power cuts', text: 'Expect cuts.' },
      { language: 'sv', headline: 'Strömavbrott', text: 'Räkna med avbrott.' },
    ];
    const embargoUntil = new Date(clock.now().getTime() + HOUR).toISOString();
    const drafted = await as.fi!.post<PublicMessagesView>(`/api/incidents/${incidentId}/public-messages`, {
      marking: 'TLP:CLEAR',
      event: 'Grid disturbance',
      embargoUntil,
      texts,
    });
    messageId = drafted.body.messages[0]!.messageId;
    const url = `/api/incidents/${incidentId}/public-messages/${messageId}`;
    await as.fi!.post(`${url}/decisions`, { decision: 'approved', languages: ['en', 'sv'] });
    // A second line, drafted but never approved: it is not exported.
    await as.fi!.post(`/api/incidents/${incidentId}/public-messages`, {
      marking: 'TLP:CLEAR',
      event: 'Grid disturbance',
      embargoUntil,
      texts,
    });
    clock.advance(HOUR);
    await as.fi!.login('fi@example.eu', PASSWORD);
    const cancelled = await as.fi!.post(`${url}/versions`, {
      msgType: 'Cancel',
      marking: 'TLP:CLEAR',
      event: 'Grid disturbance',
      embargoUntil: clock.now().toISOString(),
      texts,
    });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(201);
    await as.fi!.post(`${url}/decisions`, { decision: 'approved', languages: ['en', 'sv'] });
  });
  afterAll(() => server?.close());

  it(
    'writes one valid CAP file per approved version and prints their paths',
    () => {
      const out = path.join(server.dataDir, 'cap-out');
      const run = blueprint(server, ['export', 'cap', '--as', 'fi@example.eu', '--out', out]);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const paths = run.stdout.trim().split('\n');
      expect(paths.map((p) => path.basename(p))).toEqual([
        `${incidentId}-${messageId}-v1.xml`,
        `${incidentId}-${messageId}-v2.xml`,
      ]);
      for (const p of paths) expect(validateAgainst(CAP_XSD, fs.readFileSync(p, 'utf8')).valid).toBe(true);
      const cancel = readCap(fs.readFileSync(paths[1]!));
      expect(cancel.msgType).toBe('Cancel');
      expect(cancel.references).toContain(`-v1,`);
      expect(cancel.info.map((i) => i.language)).toEqual(['en', 'sv']);
    },
    CLI_RUNS,
  );

  it(
    'exports one incident for another participant, and exits 2 naming the option',
    () => {
      const out = path.join(server.dataDir, 'cap-one');
      const one = blueprint(server, [
        'export',
        'cap',
        '--as',
        'pt@example.eu',
        '--incident',
        incidentId,
        '--out',
        out,
      ]);
      expect(one.code).toBe(0);
      expect(one.stdout.trim().split('\n')).toHaveLength(2);
      const unknownUser = blueprint(server, ['export', 'cap', '--as', 'nobody@example.eu', '--out', out]);
      expect(unknownUser.code).toBe(2);
      expect(unknownUser.stderr).toMatch(/^--as:/);
      const unknownIncident = blueprint(server, [
        'export',
        'cap',
        '--as',
        'fi@example.eu',
        '--incident',
        'nope',
        '--out',
        out,
      ]);
      expect(unknownIncident.code).toBe(2);
      expect(unknownIncident.stderr).toMatch(/^--incident:/);
    },
    CLI_RUNS,
  );
});
