import type { TestProject } from 'vitest/node';
import { PGBIN, postgresInstalled, startThrowawayPostgres } from './postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string | null;
  }
}

/**
 * Starts a throwaway PostgreSQL cluster unless TEST_DATABASE_URL names one. initdb refuses root, so as root the
 * cluster runs as the `postgres` system user. With CI=true a missing PostgreSQL fails the run.
 */
export default async function setup(project: TestProject) {
  if (process.env.TEST_DATABASE_URL) {
    project.provide('postgresUrl', process.env.TEST_DATABASE_URL);
    return;
  }
  if (!postgresInstalled()) {
    if (process.env.CI === 'true')
      throw new Error(`PostgreSQL binaries not found in ${PGBIN}; CI needs them`);
    console.warn(`PostgreSQL not found in ${PGBIN}: PostgreSQL tests are skipped`);
    project.provide('postgresUrl', null);
    return;
  }
  const cluster = await startThrowawayPostgres({ durable: false });
  project.provide('postgresUrl', cluster.url);
  return () => cluster.stop();
}
