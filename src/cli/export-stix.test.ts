import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import { stixProblems } from '../../test/support/stix-schemas.js';
import type { Incident } from '../incidents/model.js';
import { projectRoot } from '../platform/http/app.js';

const root = projectRoot();

/** Runs the command line from source against the test server's database. */
function blueprint(server: TestServer, args: string[]) {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(root, 'src', 'cli', 'main.ts'), ...args],
    {
      encoding: 'utf8',
      cwd: root,
      env: { ...process.env, DATA_DIR: server.dataDir, DATABASE_URL: '', LOG_LEVEL: 'info' },
    },
  );
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('blueprint export stix', () => {
  let server: TestServer;
  let released = '';
  let notReleased = '';

  beforeAll(async () => {
    server = await startTestServer({ engine: 'sqlite' });
    for (const [key, organisation, role] of [
      ['fi', 'FI', 'coordinator'],
      ['nato', 'NATO', 'viewer'],
    ] as const) {
      await server.createUser({ email: `${key}@example.eu`, password: PASSWORD, organisation, role });
    }
    const fi = new ApiClient(server.url);
    await fi.login('fi@example.eu', PASSWORD);
    const report = (title: string, releasableToNato: boolean) =>
      fi.post<Incident>('/api/incidents', {
        title,
        reportedBy: 'FI',
        occurredAt: '2026-11-28T06:00:00Z',
        releasableToNato,
        sectors: [{ sector: 'energy', subsector: 'gas' }],
      });
    released = (await report('Gas pressure drop', true)).body.id;
    notReleased = (await report('Kept among the participants', false)).body.id;
    await fi.post(`/api/incidents/${released}/entries`, {
      kind: 'note',
      text: 'amber note',
      marking: 'TLP:AMBER',
      audience: ['FI'],
    });
  });
  afterAll(() => server?.close());

  it('prints the bundle the user may see on stdout, and nothing else', () => {
    const run = blueprint(server, ['export', 'stix', '--as', 'fi@example.eu', '--incident', released]);
    expect(run.code, run.stderr).toBe(0);
    const bundle = JSON.parse(run.stdout) as { objects: Array<{ type: string; content?: string }> };
    expect(stixProblems(bundle)).toEqual([]);
    expect(bundle.objects.filter((o) => o.type === 'note').map((o) => o.content)).toContain('amber note');
    const nato = blueprint(server, ['export', 'stix', '--as', 'nato@example.eu', '--incident', released]);
    expect(nato.code, nato.stderr).toBe(0);
    expect(nato.stdout).not.toContain('amber note');
  }, 180_000);

  it('exits 2 naming the option for an unknown user or an incident the user may not see', () => {
    const unknown = blueprint(server, [
      'export',
      'stix',
      '--as',
      'nobody@example.eu',
      '--incident',
      released,
    ]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^--as: /);
    expect(unknown.stdout).toBe('');
    const hidden = blueprint(server, [
      'export',
      'stix',
      '--as',
      'nato@example.eu',
      '--incident',
      notReleased,
    ]);
    expect(hidden.code).toBe(2);
    expect(hidden.stderr).toMatch(/^--incident: /);
    expect(hidden.stdout).toBe('');
  }, 180_000);
});
