import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import { projectRoot } from '../platform/http/app.js';
import type { RegistryResponse } from '../registry/model.js';

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

for (const engine of engines()) {
  describe(`blueprint presidency add on ${engine}`, () => {
    let server: TestServer;
    let fi: ApiClient;

    beforeAll(async () => {
      server = await startTestServer({ engine });
      await server.createUser({
        email: 'fi@example.eu',
        password: PASSWORD,
        organisation: 'FI',
        role: 'viewer',
      });
      fi = new ApiClient(server.url);
      await fi.login('fi@example.eu', PASSWORD);
    });
    afterAll(() => server?.close());

    it('refuses a gap, a repeat and a country that is not a member state, naming the option (exit 2)', async () => {
      const gap = await blueprint(server, ['presidency', 'add', '--term', '2031-H2', '--state', 'CY']);
      expect(gap.code).toBe(2);
      expect(gap.stderr.trim()).toBe(
        '--term: the calendar ends with 2030-H2: the next term to add is 2031-H1',
      );
      const repeat = await blueprint(server, ['presidency', 'add', '--term', '2030-H2', '--state', 'CY']);
      expect(repeat.code).toBe(2);
      expect(repeat.stderr.trim()).toBe('--term: 2030-H2 is already in the calendar');
      const outside = await blueprint(server, ['presidency', 'add', '--term', '2031-H1', '--state', 'XX']);
      expect(outside.code).toBe(2);
      expect(outside.stderr.trim()).toBe('--state: "XX" is not an EU member state');
      expect(outside.stdout).toBe('');
    });

    it('extends the calendar: the running server shows the term at once, and the addition is audited', async () => {
      const added = await blueprint(server, ['presidency', 'add', '--term', '2031-H1', '--state', 'EL']);
      expect(added.stderr).toBe('');
      expect(added.code).toBe(0);
      expect(JSON.parse(added.stdout)).toEqual({
        memberState: 'GR',
        term: '2031-H1',
        startsAt: '2030-12-31T23:00:00.000Z',
        endsAt: '2031-06-30T22:00:00.000Z',
      });
      const registry = await fi.get<RegistryResponse>('/api/registry');
      expect(registry.body.presidency.calendar.at(-1)).toMatchObject({ term: '2031-H1', memberState: 'GR' });
      const audited = await server.platform.db.kysely
        .selectFrom('audit_records')
        .select(['action', 'subject_id'])
        .where('action', '=', 'presidency.term-added')
        .execute();
      expect(audited).toEqual([{ action: 'presidency.term-added', subject_id: '2031-H1' }]);
      expect((await blueprint(server, ['audit', 'verify'])).code).toBe(0);
    });
  });
}
