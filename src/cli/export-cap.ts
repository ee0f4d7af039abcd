import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { Role } from '../accounts/model.js';
import { getUserByEmail } from '../accounts/store.js';
import { exportCapFiles } from '../comms/flows.js';
import { stderrLogger } from '../interchange/cli-actor.js';
import type { Actor } from '../platform/actor.js';
import type { Config } from '../platform/config.js';
import { NotFound } from '../platform/errors.js';
import { closePlatform, openPlatform } from '../server.js';
import { UsageError } from './usage-error.js';

/**
 * `blueprint export cap --as EMAIL [--incident ID] --out DIR`: one CAP 1.2 file per approved version of each public
 * message past its embargo, for the incidents the user may see; prints one path per line.
 */
export function exportCapCommand(program: Command, config: () => Config): void {
  // Other exports share the `export` group; whichever registers first creates it.
  const group =
    program.commands.find((c) => c.name() === 'export') ??
    program.command('export').description('export what a user may see, in exchange formats');
  group
    .command('cap')
    .description(
      'OASIS CAP 1.2 alerts, one per approved version of a public message past its embargo; prints one path per line',
    )
    .requiredOption('--as <email>', 'the account whose view is exported')
    .option('--incident <id>', 'one incident (all incidents the user may see otherwise)')
    .requiredOption('--out <dir>', 'the folder the alerts are written to (created if missing)')
    .action(async (opts: { as: string; incident?: string; out: string }) => {
      const cfg = config();
      // The log goes to stderr: stdout carries only the paths written.
      const platform = await openPlatform(cfg, { logger: stderrLogger(cfg) });
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
        const files = await exportCapFiles(platform, actor, opts.incident).catch((e) => {
          if (e instanceof NotFound)
            throw new UsageError(`--incident: no incident "${opts.incident}" this user may see`);
          throw e;
        });
        fs.mkdirSync(opts.out, { recursive: true });
        for (const file of files) {
          const target = path.join(opts.out, file.name);
          fs.writeFileSync(target, file.xml);
          process.stdout.write(`${target}\n`);
        }
      } finally {
        await closePlatform(platform);
      }
    });
}
