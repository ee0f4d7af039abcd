import { startJobs } from '../jobs.js';
import type { Config } from '../platform/config.js';
import { closePlatform, createApp, ensureFirstAdmin, openPlatform } from '../server.js';
import { UsageError } from './usage-error.js';

/** Runs the server until SIGINT/SIGTERM, then stops taking requests and lets in-flight ones finish. */
export async function serve(config: Config): Promise<void> {
  const platform = await openPlatform(config);
  const app = await createApp(platform);
  // Listen before creating the first administrator: on a taken port nothing is created, so the password printed on
  // the next, successful start is the one that works.
  try {
    await app.listen({ host: config.HOST, port: config.PORT });
  } catch (e) {
    await app.close();
    await closePlatform(platform);
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE')
      throw new UsageError(
        `PORT: ${config.HOST}:${config.PORT} is already in use; stop what serves there or set PORT`,
      );
    throw e;
  }
  const admin = await ensureFirstAdmin(platform);
  if (admin) {
    process.stdout.write(
      [
        '',
        'First start: a platform administrator was created. This password is shown only now:',
        `  e-mail:   ${admin.email}`,
        `  password: ${admin.password}`,
        "Sign in, enrol a second factor, then create the organisations' administrators.",
        '(Or create users from the command line: blueprint users add --email E --org ORG --role ROLE)',
        '',
      ].join('\n'),
    );
  }
  const jobs = await startJobs(platform);
  const where = app.server.address();
  const port = typeof where === 'object' && where ? where.port : config.PORT;
  process.stdout.write(`Blueprint is serving http://${config.HOST}:${port}/ (${platform.db.engine})\n`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    platform.log.info({ signal }, 'shutting down');
    await app.close();
    await jobs.stop();
    await closePlatform(platform);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}
