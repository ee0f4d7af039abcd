import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../src/platform/http/app.js';
import { ApiClient } from './support/server.js';

const root = projectRoot();
/** Two server starts, a burst of writes and a chain check: generous, since nothing here measures time. */
const CRASH_TIMEOUT = 120_000;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'blueprint-crash-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

/** The real server as `npm start` runs it, in its own process, so it can be killed without a chance to clean up. */
async function serve(port: number): Promise<{ child: ChildProcess; output: () => string }> {
  let output = '';
  const child = spawn(process.execPath, [path.join(root, 'bin', 'blueprint.js'), 'serve'], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      // Listening comes before the first administrator is created: ready once the server says it is serving.
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok && output.includes('Blueprint is serving'))
        return { child, output: () => output };
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not start: ${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('an acknowledged write survives a crash', () => {
  it(
    'keeps every entry the server answered 201 for after SIGKILL, and the audit chain intact',
    async () => {
      const port = await freePort();
      const first = await serve(port);
      const password = /password: (\S+)/.exec(first.output())?.[1];
      expect(password).toBeDefined();
      // The first administrator is printed once; use the CLI to add a coordinator while the server runs.
      const add = spawn(
        process.execPath,
        [
          path.join(root, 'bin', 'blueprint.js'),
          'users',
          'add',
          '--email',
          'fi@crash.example',
          '--org',
          'FI',
          '--role',
          'coordinator',
        ],
        {
          env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent' },
        },
      );
      add.stdin.end('crash test pass phrase\n');
      await new Promise((r) => add.on('exit', r));
      const fi = new ApiClient(`http://127.0.0.1:${port}`);
      await fi.login('fi@crash.example', 'crash test pass phrase');
      const incident = (
        await fi.post<{ id: string }>('/api/incidents', {
          title: 'Crash',
          reportedBy: 'FI',
          occurredAt: '2026-11-28T08:00:00Z',
        })
      ).body;
      const acknowledged: string[] = [];
      for (let i = 0; i < 20; i++) {
        const res = await fi.post<{ id: string }>(`/api/incidents/${incident.id}/entries`, {
          kind: 'note',
          text: `n${i}`,
          marking: 'TLP:GREEN',
        });
        if (res.status === 201) acknowledged.push(res.body.id);
      }
      first.child.kill('SIGKILL');
      await new Promise((r) => first.child.on('exit', r));

      const second = await serve(port);
      try {
        const again = new ApiClient(`http://127.0.0.1:${port}`);
        await again.login('fi@crash.example', 'crash test pass phrase');
        const ids = (
          await again.get<{ items: Array<{ id: string }> }>(`/api/incidents/${incident.id}/entries`)
        ).body.items.map((e) => e.id);
        for (const id of acknowledged) expect(ids).toContain(id);
      } finally {
        second.child.kill('SIGTERM');
        await new Promise((r) => second.child.on('exit', r));
      }
      expect(await auditVerify()).toBe(0);
    },
    CRASH_TIMEOUT,
  );

  it(
    'keeps every write acknowledged in a burst of group commits killed mid-batch, and no half of the rest',
    async () => {
      const port = await freePort();
      const server = await serve(port);
      const fi = new ApiClient(`http://127.0.0.1:${port}`);
      await fi.login('fi@crash.example', 'crash test pass phrase');
      const incident = (
        await fi.post<{ id: string }>('/api/incidents', {
          title: 'Crash in a burst',
          reportedBy: 'FI',
          occurredAt: '2026-11-28T08:00:00Z',
        })
      ).body;
      const acknowledged: string[] = [];
      let killed = false;
      // 200 writes at once form batches; the server dies while batches are still being written.
      await Promise.allSettled(
        Array.from({ length: 200 }, async (_, i) => {
          const res = await fi.post<{ id: string }>(`/api/incidents/${incident.id}/entries`, {
            kind: 'note',
            text: `burst ${i}`,
            marking: 'TLP:GREEN',
          });
          if (res.status === 201) acknowledged.push(res.body.id);
          if (acknowledged.length === 40 && !killed) {
            killed = true;
            server.child.kill('SIGKILL');
          }
        }),
      );
      if (!killed) server.child.kill('SIGKILL');
      // Killed by a signal, a child has no exit code but a signal code; it may have exited before we listen.
      await new Promise((r) =>
        server.child.exitCode !== null || server.child.signalCode !== null
          ? r(null)
          : server.child.on('exit', r),
      );
      expect(acknowledged.length).toBeGreaterThanOrEqual(40);

      const second = await serve(port);
      try {
        const again = new ApiClient(`http://127.0.0.1:${port}`);
        await again.login('fi@crash.example', 'crash test pass phrase');
        const entries = (
          await again.get<{ items: Array<{ id: string; text: string | null }> }>(
            `/api/incidents/${incident.id}/entries?limit=500`,
          )
        ).body.items;
        const ids = entries.map((e) => e.id);
        for (const id of acknowledged) expect(ids).toContain(id);
        // Whatever else survived is whole: readable, with its text, and (below) matched by its audit record.
        for (const e of entries.filter((x) => x.text?.startsWith('burst ')))
          expect(e.text).toMatch(/^burst \d+$/);
      } finally {
        second.child.kill('SIGTERM');
        await new Promise((r) => second.child.on('exit', r));
      }
      expect(await auditVerify()).toBe(0);
    },
    CRASH_TIMEOUT,
  );
});

/** `blueprint audit verify`: checks the chain and that every entry matches its audit record. */
async function auditVerify(): Promise<unknown> {
  const verify = spawn(process.execPath, [path.join(root, 'bin', 'blueprint.js'), 'audit', 'verify'], {
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent' },
  });
  return new Promise((r) => verify.on('exit', r));
}
