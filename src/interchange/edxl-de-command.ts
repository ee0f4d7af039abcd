import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../cli/usage-error.js';
import type { Config } from '../platform/config.js';
import { NotFound } from '../platform/errors.js';
import { closePlatform, openPlatform } from '../server.js';
import { cliActor, stderrLogger } from './cli-actor.js';
import { exportEdxlDe } from './edxl-de-export.js';

/**
 * `blueprint export edxl-de --as EMAIL --incident ID --out DIR`: one EDXL-DE 2.0 envelope per CAP alert, EDXL-RM
 * message and published sitrep of the incident the user may see; prints one path per line.
 */
export function exportEdxlDeCommand(program: Command, config: () => Config): void {
  // Other exports share the `export` group; whichever registers first creates it.
  const group =
    program.commands.find((c) => c.name() === 'export') ??
    program.command('export').description('export what a user may see, in exchange formats');
  group
    .command('edxl-de')
    .description(
      "EDXL-DE 2.0 envelopes of an incident's CAP alerts, EDXL-RM messages and published sitreps, the TLP marking as keyword (urn:blueprint:tlp); AMBER+STRICT and RED never leave; prints one path per line",
    )
    .requiredOption('--as <email>', 'the account whose view is exported')
    .requiredOption('--incident <id>', 'the incident')
    .requiredOption('--out <dir>', 'the folder the envelopes are written to (created if missing)')
    .action(async (opts: { as: string; incident: string; out: string }) => {
      const cfg = config();
      const platform = await openPlatform(cfg, { logger: stderrLogger(cfg) });
      try {
        const actor = await cliActor(platform, opts.as);
        const envelopes = await exportEdxlDe(platform, actor, opts.incident).catch((e: unknown) => {
          if (e instanceof NotFound)
            throw new UsageError(`--incident: no incident "${opts.incident}" this user may see`);
          throw e;
        });
        // The folder is made even when nothing is to be sent, as every export's is: a script can look in it.
        fs.mkdirSync(opts.out, { recursive: true });
        for (const envelope of envelopes) {
          const file = path.join(opts.out, envelope.fileName);
          fs.writeFileSync(file, envelope.xml);
          process.stdout.write(`${file}\n`);
        }
      } finally {
        await closePlatform(platform);
      }
    });
}
