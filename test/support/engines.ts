import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';

export type EngineName = 'sqlite' | 'postgres';

/** The engines this run covers: SQLite always, PostgreSQL when the global setup started or was given one. */
export function engines(): EngineName[] {
  return inject('postgresUrl') ? ['sqlite', 'postgres'] : ['sqlite'];
}

/** A fresh, empty database for one test: a temp folder for SQLite, a new database on the cluster for PostgreSQL. */
export async function freshDatabase(engine: EngineName): Promise<{ dataDir: string; databaseUrl?: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'blueprint-test-'));
  if (engine === 'sqlite') return { dataDir };
  const base = inject('postgresUrl');
  if (!base) throw new Error('no PostgreSQL for this run');
  const name = `bp_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  try {
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  return { dataDir, databaseUrl: url.toString() };
}
