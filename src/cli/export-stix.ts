import type { Command } from 'commander';
import pino from 'pino';
import type { Role } from '../accounts/model.js';
import { getUserByEmail } from '../accounts/store.js';
import { exportStixBundle } from '../interchange/stix-export.js';
import type { Actor } from '../platform/actor.js';
import type { Config } from '../platform/config.js';
import { NotFound } from '../platform/errors.js';
import { closePlatform, openPlatform } from '../server.js';
import { UsageError } from './usage-error.js';

/** `blueprint export stix --as EMAIL --incident ID`: a STIX 2.1 bundle of the incident as that user may see it, on stdout. */
export function exportStixCommand(program: Command, config: () => Config): void {
  // Other exports share the `export` group; whichever registers first creates it.
  const group =
    program.commands.find((c) => c.name() === 'export') ??
    program.command('export').description('export what a user may see, in exchange formats');
  group
    .command('stix')
    .description('a STIX 2.1 bundle of one incident as the user may see it, on stdout')
    .requiredOption('--as <email>', 'the account whose view is exported')
    .requiredOption('--incident <id>', 'the incident')
    .action(async (opts: { as: string; incident: string }) => {
      // stdout carries the bundle alone: whatever the platform logs goes to stderr.
      const cfg = config();
      const platform = await openPlatform(cfg, {
        logger: pino({ level: cfg.LOG_LEVEL }, pino.destination(2)),
      });
      try {
        const row = await getUserByEmail(platform.db.kysely, opts.as.trim());
        if (!row || Number(row.active) !== 1) throw new UsageError(`--as: no active account "${opts.as}"`);
        const actor: Actor = {
          userId: row.id,
          email: row.email,
          displayName: row.display_name,
          organisation: row.organisation,
          role: row.role as Role,
          via: 'cli',
        };
        const bundle = await exportStixBundle(platform, actor, opts.incident).catch((e: unknown) => {
          if (e instanceof NotFound)
            throw new UsageError(`--incident: no incident "${opts.incident}" this user may see`);
          throw e;
        });
        process.stdout.write(`${JSON.stringify(bundle, null, 2)}\n`);
      } finally {
        await closePlatform(platform);
      }
    });
}
