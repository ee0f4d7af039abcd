import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import { projectRoot } from '../platform/http/app.js';

const root = projectRoot();

/** Runs the command from source, on the same database as the running test server. */
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

describe('blueprint exercise run', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ engine: 'sqlite' });
    await server.createUser({
      email: 'fi@example.eu',
      password: PASSWORD,
      organisation: 'FI',
      role: 'coordinator',
    });
  }, 60_000);
  afterAll(async () => {
    await server?.close();
  });

  it('plays the Baltic scenario without waiting and prints its figures as one line of JSON', async () => {
    const run = await blueprint(server, [
      'exercise',
      'run',
      'scenarios/baltic-cables.yaml',
      '--speed',
      '0',
      '--json',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const result = JSON.parse(lines[0]!) as {
      scenario: string;
      incidentId: string;
      metrics: Array<{ organisation: string | null; measure: string; seconds: number }>;
    };
    expect(result.scenario).toBe('baltic-cables');
    expect(result.metrics).toContainEqual({ organisation: 'EE', measure: 'own-assessment', seconds: 4200 });
    expect(result.metrics).toContainEqual({ organisation: null, measure: 'first-sitrep', seconds: 6600 });
    // The running server's players see the exercise incident, marked as one.
    const fi = new ApiClient(server.url);
    await fi.login('fi@example.eu', PASSWORD);
    const incident = await fi.get<{ exercise: boolean }>(`/api/incidents/${result.incidentId}`);
    expect(incident.status).toBe(200);
    expect(incident.body.exercise).toBe(true);
  }, 120_000);

  it('refuses a scenario with a mistake, naming where, and writes nothing', async () => {
    const before = await server.platform.db.kysely.selectFrom('incidents').select('id').execute();
    const run = await blueprint(server, [
      'exercise',
      'run',
      'src/exercises/scenario-model.ts',
      '--speed',
      '0',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/scenario-model\.ts/);
    const after = await server.platform.db.kysely.selectFrom('incidents').select('id').execute();
    expect(after).toHaveLength(before.length);
    const speed = await blueprint(server, [
      'exercise',
      'run',
      'scenarios/baltic-cables.yaml',
      '--speed',
      '0.5',
    ]);
    expect(speed.code).toBe(2);
    expect(speed.stderr).toMatch(/--speed/);
  }, 60_000);
});
