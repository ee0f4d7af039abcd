import fs from 'node:fs';
import pino from 'pino';
import { createUser } from '../../src/accounts/flows.js';
import type { Role } from '../../src/accounts/model.js';
import type { Clock } from '../../src/platform/clock.js';
import { loadConfig } from '../../src/platform/config.js';
import type { Platform } from '../../src/platform/context.js';
import type { App } from '../../src/platform/http/app.js';
import { closePlatform, createApp, openPlatform } from '../../src/server.js';
import { type EngineName, freshDatabase } from './engines.js';

export interface TestServer {
  url: string;
  engine: EngineName;
  dataDir: string;
  databaseUrl?: string | undefined;
  platform: Platform;
  app: App;
  createUser(u: {
    email: string;
    password: string;
    organisation: string;
    role: Role;
    displayName?: string;
  }): Promise<{ id: string }>;
  close(): Promise<void>;
}

/** The real server on a free loopback port, over a fresh database, with the built web app when there is one. */
export async function startTestServer(
  options: {
    engine?: EngineName;
    env?: Record<string, string>;
    /** Another instance's database, to run several instances on one database. */
    sharing?: { dataDir: string; databaseUrl?: string | undefined };
    /** A clock the test moves (ManualClock); the system clock otherwise. */
    clock?: Clock;
  } = {},
): Promise<TestServer> {
  const engine = options.engine ?? 'sqlite';
  const { dataDir, databaseUrl } = options.sharing ?? (await freshDatabase(engine));
  const config = loadConfig({
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'silent',
    // Tests drive the API faster than any person; the limit's own test sets it.
    API_RATE_LIMIT_PER_MINUTE: '0',
    ...options.env,
  });
  const platform = await openPlatform(config, {
    logger: pino({ level: 'silent' }),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const app = await createApp(platform);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    engine,
    dataDir,
    databaseUrl,
    platform,
    app,
    createUser: async (u) => {
      const user = await createUser(platform, null, {
        email: u.email,
        password: u.password,
        organisation: u.organisation,
        role: u.role,
        displayName: u.displayName ?? u.email,
      });
      return { id: user.id };
    },
    close: async () => {
      await app.close();
      await closePlatform(platform);
      if (!options.sharing) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** A client that keeps its session cookie, like a browser tab would, but sends no Origin unless told to. */
export class ApiClient {
  cookie: string | undefined;
  constructor(
    readonly baseUrl: string,
    readonly defaults: Record<string, string> = {},
  ) {}

  async request<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    const h: Record<string, string> = { ...this.defaults, ...headers };
    if (body !== undefined) h['content-type'] ??= 'application/json';
    if (this.cookie) h.cookie = this.cookie;
    const res = await fetch(this.baseUrl + path, {
      method,
      headers: h,
      body:
        body === undefined
          ? undefined
          : typeof body === 'string' || body instanceof Uint8Array
            ? body
            : JSON.stringify(body),
    });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) {
      const first = setCookie.split(';')[0]!;
      this.cookie = first.endsWith('=') ? undefined : first;
    }
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  get<T = unknown>(path: string, headers?: Record<string, string>) {
    return this.request<T>('GET', path, undefined, headers);
  }
  post<T = unknown>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('POST', path, body ?? {}, headers);
  }
  patch<T = unknown>(path: string, body: unknown, headers?: Record<string, string>) {
    return this.request<T>('PATCH', path, body, headers);
  }
  put<T = unknown>(path: string, body: unknown, headers?: Record<string, string>) {
    return this.request<T>('PUT', path, body, headers);
  }
  delete<T = unknown>(path: string, headers?: Record<string, string>) {
    return this.request<T>('DELETE', path, undefined, headers);
  }

  async login(email: string, password: string, totp?: string) {
    const res = await this.post('/api/auth/login', totp ? { email, password, totp } : { email, password });
    if (res.status !== 200)
      throw new Error(`login ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res;
  }
}

export const PASSWORD = 'correct horse battery staple';

/** A new account of this organisation and role, signed in: the client of most tests' first user. */
export async function newSignedIn(
  server: TestServer,
  email: string,
  organisation: string,
  role: 'viewer' | 'coordinator',
): Promise<ApiClient> {
  await server.createUser({ email, password: PASSWORD, organisation, role });
  const client = new ApiClient(server.url);
  await client.login(email, PASSWORD);
  return client;
}

/** Signs in an admin or org-admin, enrolling the second factor they must have before anything else. */
export async function signInEnrolled(server: TestServer, email: string): Promise<ApiClient> {
  const { totpCode } = await import('../../src/accounts/secrets.js');
  const client = new ApiClient(server.url);
  await client.login(email, PASSWORD);
  const setup = await client.post<{ secret: string }>('/api/me/second-factor/setup');
  const confirmed = await client.post('/api/me/second-factor/confirm', { code: totpCode(setup.body.secret) });
  if (confirmed.status !== 200)
    throw new Error(`enrolment of ${email} failed: ${JSON.stringify(confirmed.body)}`);
  return client;
}
