import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../platform/http/app.js';

const root = projectRoot();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'blueprint-cli-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

/** Runs the installed command as a user would (`npx blueprint` runs bin/blueprint.js). */
function blueprint(args: string[], input = '', env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [path.join(root, 'bin', 'blueprint.js'), ...args], {
    input,
    encoding: 'utf8',
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent', ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const report = {
  title: 'Blackout',
  reportedBy: 'ES',
  occurredAt: '2026-04-28T12:33:00+02:00',
  impacts: [
    { memberState: 'ES', level: 'significant' },
    { memberState: 'PT', level: 'significant', assessedBy: 'PT' },
  ],
};

describe('blueprint command line', () => {
  it('assess prints the assessment from standard input and from a file', () => {
    const fromStdin = blueprint(['assess'], JSON.stringify(report));
    expect(fromStdin.code).toBe(0);
    expect(JSON.parse(fromStdin.stdout)).toMatchObject({
      status: 'decision-required',
      significantlyAffected: ['ES', 'PT'],
    });
    const file = path.join(dataDir, 'report.json');
    fs.writeFileSync(file, JSON.stringify(report));
    expect(JSON.parse(blueprint(['assess', file]).stdout).status).toBe('decision-required');
  });

  it('assess exits 2 with one line naming the field', () => {
    const bad = blueprint(
      ['assess'],
      JSON.stringify({ ...report, impacts: [{ memberState: 'FI', level: 'minor', colour: 'red' }] }),
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toBe('impacts[0].colour: unknown property');
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('users add reads the password from standard input and enforces the policy', () => {
    const ok = blueprint(
      ['users', 'add', '--email', 'anna@fi.example', '--org', 'FI', '--role', 'coordinator'],
      `${'long enough pass phrase'}\n`,
    );
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({
      email: 'anna@fi.example',
      organisation: 'FI',
      role: 'coordinator',
    });
    const weak = blueprint(
      ['users', 'add', '--email', 'weak@fi.example', '--org', 'FI', '--role', 'viewer'],
      'password\n',
    );
    expect(weak.code).toBe(2);
    expect(weak.stderr).toMatch(/^password: /);
    const org = blueprint(
      ['users', 'add', '--email', 'x@fi.example', '--org', 'XX', '--role', 'viewer'],
      'long enough pass phrase\n',
    );
    expect(org.code).toBe(2);
    expect(org.stderr).toMatch(/^organisation: unknown organisation "XX"/);
    const dup = blueprint(
      ['users', 'add', '--email', 'ANNA@fi.example', '--org', 'FI', '--role', 'viewer'],
      'long enough pass phrase\n',
    );
    expect(dup.code).toBe(2);
    expect(dup.stderr).toMatch(/^email: /);
  });

  it('tokens create prints a token once', () => {
    const res = blueprint(['tokens', 'create', '--email', 'anna@fi.example', '--name', 'FI national system']);
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout).token).toMatch(/^bpt_/);
  });

  it('audit verify passes on an intact chain and names the first record someone changed', () => {
    const intact = blueprint(['audit', 'verify']);
    expect(intact.code).toBe(0);
    expect(intact.stdout).toMatch(/intact: \d+ records/);
    const db = new Database(path.join(dataDir, 'blueprint.db'));
    db.prepare('update audit_records set details = \'{"role":"admin"}\' where seq = 1').run();
    db.close();
    const broken = blueprint(['audit', 'verify']);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/^audit record 1: /);
  });

  it('--help lists the commands and the environment variables', () => {
    const help = blueprint(['--help']);
    expect(help.code).toBe(0);
    for (const word of [
      'serve',
      'assess',
      'users',
      'tokens',
      'audit',
      'demo',
      'DATABASE_URL',
      'DATA_DIR',
      'PORT',
    ]) {
      expect(help.stdout).toContain(word);
    }
  });
});

describe('blueprint serve on a taken port', () => {
  it('exits 2 naming PORT and creates no administrator, so the next start prints a password that works', async () => {
    const net = await import('node:net');
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'blueprint-port-'));
    try {
      const result = blueprint(['serve'], '', { DATA_DIR: dir, HOST: '127.0.0.1', PORT: String(port) });
      expect(result.code).toBe(2);
      expect(result.stderr.trim()).toBe(
        `PORT: 127.0.0.1:${port} is already in use; stop what serves there or set PORT`,
      );
      expect(result.stdout).not.toContain('password');
      const db = new Database(path.join(dir, 'blueprint.db'), { readonly: true });
      try {
        expect(db.prepare('select count(*) as n from users').get()).toEqual({ n: 0 });
      } finally {
        db.close();
      }
    } finally {
      blocker.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
