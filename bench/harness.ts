/**
 * What the crisis benchmarks share: a real server on a temporary database (SQLite, or a throwaway PostgreSQL
 * cluster when the binaries exist), users of many organisations, and a printer for figures.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { createUser } from '../src/accounts/flows.js';
import type { Role } from '../src/accounts/model.js';
import { loadConfig } from '../src/platform/config.js';
import type { Platform } from '../src/platform/context.js';
import type { App } from '../src/platform/http/app.js';
import { closePlatform, createApp, openPlatform } from '../src/server.js';
import { postgresInstalled, startThrowawayPostgres } from '../test/support/postgres.js';

export const PASSWORD = 'bench pass phrase for figures';

export const lines: string[] = [];
export function report(label: string, value: string) {
  const line = `${label.padEnd(64)} ${value}`;
  lines.push(line);
  console.log(line);
}

export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return Number.NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

export interface BenchServer {
  url: string;
  platform: Platform;
  app: App;
  user(email: string, organisation: string, role: Role): Promise<void>;
  close(): Promise<void>;
}

/** Settings that keep the benchmark measuring the platform, not its abuse limits. */
const BENCH_ENV = {
  LOG_LEVEL: 'silent',
  HOST: '127.0.0.1',
  PORT: '0',
  LOGIN_MAX_FAILURES_PER_ADDRESS: '100000',
  API_RATE_LIMIT_PER_MINUTE: '0',
};

export async function startBenchServer(databaseUrl?: string): Promise<BenchServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'blueprint-bench-'));
  const config = loadConfig({ DATA_DIR: dataDir, DATABASE_URL: databaseUrl, ...BENCH_ENV });
  const platform = await openPlatform(config, { logger: pino({ level: 'silent' }) });
  const app = await createApp(platform);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    url,
    platform,
    app,
    user: async (email, organisation, role) => {
      await createUser(platform, null, { email, password: PASSWORD, organisation, role, displayName: email });
    },
    close: async () => {
      await app.close();
      await closePlatform(platform);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A throwaway PostgreSQL 15 cluster with durable commits, or undefined when the binaries are not installed. */
export async function startPostgres(): Promise<{ url: string; stop(): void } | undefined> {
  return postgresInstalled() ? startThrowawayPostgres({ durable: true }) : undefined;
}

/** Signs in and returns the session cookie. */
export async function signIn(url: string, email: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`sign-in of ${email}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  if (!cookie) throw new Error(`sign-in of ${email}: no cookie`);
  return cookie;
}
