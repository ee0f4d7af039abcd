import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import { standard } from '../../test/support/standards.js';
import type { Incident } from '../incidents/model.js';
import { projectRoot } from '../platform/http/app.js';

const root = projectRoot();

/** The command line from source, on the test server's database, as an operator would run it (no terminal). */
function blueprint(server: TestServer, args: string[]) {
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(root, 'src', 'cli', 'main.ts'), ...args],
    {
      encoding: 'utf8',
      cwd: root,
      env: { ...process.env, DATA_DIR: server.dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent' },
    },
  );
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('blueprint import misp|stix', () => {
  let server: TestServer;
  let exerciseId = '';
  const incidents = async () =>
    Number(
      (
        await server.platform.db.kysely
          .selectFrom('incidents')
          .select((eb) => eb.fn.countAll<string | number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    server = await startTestServer({ engine: 'sqlite' });
    await server.createUser({
      email: 'fi@example.eu',
      password: PASSWORD,
      organisation: 'FI',
      role: 'coordinator',
    });
    const fi = new ApiClient(server.url);
    await fi.login('fi@example.eu', PASSWORD);
    exerciseId = (
      await fi.post<Incident>('/api/incidents', {
        title: 'Cable cut (exercise)',
        reportedBy: 'FI',
        occurredAt: new Date(Date.now() - 3600_000).toISOString(),
        exercise: true,
      })
    ).body.id;
  });
  afterAll(() => server?.close());

  it('imports an event into a new incident, prints the counts as JSON, and prints the same JSON on a rerun', () => {
    const file = standard('misp', 'events', 'osint-sednit-full-export-5a3c2fcd.json');
    const first = blueprint(server, ['import', 'misp', file, '--as', 'fi@example.eu']);
    expect(first.code, first.stderr).toBe(0);
    const printed = JSON.parse(first.stdout);
    expect(Object.keys(printed)).toEqual(['incidentId', 'mapped', 'kept', 'refused']);
    expect(printed).toMatchObject({ mapped: 59, kept: 1, refused: 0 });
    expect(first.stderr).toContain('\nRelatedEvent: kept misp-RelatedEvent as TLP:CLEAR');
    const again = blueprint(server, ['import', 'misp', file, '--as', 'fi@example.eu']);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(first.stdout);
  }, 120_000);

  it('exits 2 with one line naming what is wrong, writing nothing', async () => {
    const before = await incidents();
    const dtd = path.join(server.dataDir, 'entities.json');
    fs.writeFileSync(
      dtd,
      '<?xml version="1.0"?><!DOCTYPE e [<!ENTITY x SYSTEM "file:///etc/passwd">]><e>&x;</e>',
    );
    const refusedFile = blueprint(server, ['import', 'stix', dtd, '--as', 'fi@example.eu']);
    expect(refusedFile.code).toBe(2);
    expect(refusedFile.stdout).toBe('');
    expect(refusedFile.stderr).toMatch(/^FILE: a document type declaration \(DTD\)[^\n]*\n$/);

    const unreadable = path.join(server.dataDir, 'every-object-refused.json');
    fs.writeFileSync(
      unreadable,
      JSON.stringify({
        type: 'bundle',
        id: 'bundle--6c1a0d7e-3f0b-4f0e-9d3c-2a2f8c1e5b20',
        objects: [{ type: 'indicator', id: 'indicator--not-a-uuid' }],
      }),
    );
    const nothing = blueprint(server, ['import', 'stix', unreadable, '--as', 'fi@example.eu']);
    expect(nothing.code).toBe(2);
    expect(nothing.stdout).toBe('');
    expect(nothing.stderr).toMatch(
      /^FILE: nothing in it can be imported, so no incident is made from it: objects\[0\] \(indicator\) was refused: id: [^\n]*\n$/,
    );

    const sample = standard('stix-2.1', 'examples', 'indicator-for-c2-ip-address.json');
    const nobody = blueprint(server, ['import', 'stix', sample, '--as', 'nobody@example.eu']);
    expect(nobody.code).toBe(2);
    expect(nobody.stderr).toMatch(/^--as:/);
    const exercise = blueprint(server, [
      'import',
      'stix',
      sample,
      '--as',
      'fi@example.eu',
      '--incident',
      exerciseId,
    ]);
    expect(exercise.code).toBe(2);
    expect(exercise.stderr).toMatch(/^--incident: .*exercise/);
    expect(await incidents()).toBe(before);
  }, 180_000);

  it('exits 2 naming Event.Tag for an event tagged as an exercise, writing nothing', async () => {
    const before = await incidents();
    const doc = JSON.parse(
      fs.readFileSync(standard('misp', 'events', '57c4445b-c548-4654-af0b-4be3950d210f.json'), 'utf8'),
    );
    (doc.Event ?? doc).Tag.push({ name: 'exercise:cyber-europe="2026"' });
    const tagged = path.join(server.dataDir, 'exercise-event.json');
    fs.writeFileSync(tagged, JSON.stringify(doc));
    const run = blueprint(server, ['import', 'misp', tagged, '--as', 'fi@example.eu']);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'Event.Tag: the event is marked as an exercise ("exercise:cyber-europe=\\"2026\\""); exercise data never become a real incident, so nothing was written\n',
    );
    expect(await incidents()).toBe(before);
  }, 120_000);

  it('prints what a file says about its objects with their control characters escaped', () => {
    const hostile = path.join(server.dataDir, 'control-characters.json');
    fs.writeFileSync(
      hostile,
      JSON.stringify({
        type: 'bundle',
        id: 'bundle--6c1a0d7e-3f0b-4f0e-9d3c-2a2f8c1e5b30',
        objects: [
          {
            type: 'indicator',
            spec_version: '2.1',
            id: 'indicator--6c1a0d7e-3f0b-4f0e-9d3c-2a2f8c1e5b31',
            name: 'C2 address',
            pattern: "[ipv4-addr:value = '198.51.100.9']",
            pattern_type: 'stix',
            valid_from: '2026-11-30T10:00:00Z',
          },
          { type: '\u001b[2Jmalware\nobjects[9]: mapped malware as TLP:CLEAR', id: 'x' },
        ],
      }),
    );
    const run = blueprint(server, ['import', 'stix', hostile, '--as', 'fi@example.eu']);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ mapped: 1, refused: 1 });
    expect(run.stderr).not.toContain('\u001b');
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^objects\[1\]: refused \\u001b\[2Jmalware\\u000aobjects\[9\]: mapped/);
  }, 120_000);
});
