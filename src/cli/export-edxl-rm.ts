import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { Role } from '../accounts/model.js';
import { getUserByEmail } from '../accounts/store.js';
import { exportEdxlRm } from '../assistance/flows.js';
import { stderrLogger } from '../interchange/cli-actor.js';
import type { Actor } from '../platform/actor.js';
import type { Config } from '../platform/config.js';
import type { Platform } from '../platform/context.js';
import { NotFound } from '../platform/errors.js';
import { closePlatform, openPlatform } from '../server.js';
import { UsageError } from './usage-error.js';

/** The account a CLI export speaks for: an active one, else exit 2 naming the option. */
async function actorForEmail(platform: Platform, email: string): Promise<Actor> {
  const row = await getUserByEmail(platform.db.kysely, email.trim());
  if (!row || Number(row.active) !== 1) throw new UsageError(`--as: no active account "${email}"`);
  return {
    userId: row.id,
    email: row.email,
    displayName: row.display_name,
    organisation: row.organisation,
    role: row.role as Role,
    via: 'cli',
  };
}

/**
 * `blueprint export edxl-rm --as EMAIL [--incident ID] --out DIR`: writes the EDXL-RM 1.0 messages the user may see
 * that are TLP:CLEAR or TLP:GREEN, one file each, and prints one path per line.
 */
export function exportEdxlRmCommand(program: Command, config: () => Config): void {
  // Other exports share the `export` group; whichever registers first creates it.
  const group =
    program.commands.find((c) => c.name() === 'export') ??
    program.command('export').description('export what a user may see, in exchange formats');
  group
    .command('edxl-rm')
    .description(
      'EDXL-RM 1.0 messages (RequestResource, ResponseToRequestResource, CommitResource) the user may see, TLP:CLEAR or TLP:GREEN only; prints one path per line',
    )
    .requiredOption('--as <email>', 'the account whose view is exported')
    .option('--incident <id>', 'one incident (all incidents the user may see otherwise)')
    .requiredOption('--out <dir>', 'the folder the messages are written to (created if missing)')
    .action(async (opts: { as: string; incident?: string; out: string }) => {
      const cfg = config();
      // The log goes to stderr: stdout carries only the paths written.
      const platform = await openPlatform(cfg, { logger: stderrLogger(cfg) });
      try {
        const actor = await actorForEmail(platform, opts.as);
        const messages = await exportEdxlRm(platform, actor, opts.incident).catch((e) => {
          if (e instanceof NotFound)
            throw new UsageError(`--incident: no incident "${opts.incident}" this user may see`);
          throw e;
        });
        fs.mkdirSync(opts.out, { recursive: true });
        for (const message of messages) {
          const file = path.join(opts.out, message.fileName);
          fs.writeFileSync(file, message.xml);
          process.stdout.write(`${file}\n`);
        }
      } finally {
        await closePlatform(platform);
      }
    });
}
