import fs from 'node:fs';
import type { Command } from 'commander';
import { UsageError } from '../cli/usage-error.js';
import type { Config } from '../platform/config.js';
import { Conflict } from '../platform/errors.js';
import { closePlatform, openPlatform } from '../server.js';
import { cliActor, stderrLogger } from './cli-actor.js';
import { importFile } from './import-flow.js';
import { IMPORT_LIMITS, ImportRefused } from './import-limits.js';
import type { ImportFormat, ImportReport } from './model.js';
import { printable } from './printable.js';
import { progressBar } from './progress.js';

const FORMATS: Array<{ format: ImportFormat; what: string }> = [
  { format: 'misp', what: 'a MISP event (core format JSON)' },
  { format: 'stix', what: 'a STIX 2.1 bundle (JSON)' },
];

/**
 * `blueprint import misp|stix FILE --as EMAIL [--incident ID]`: imports into the incident (a new one from the file
 * when none is named) and prints `{"incidentId","mapped","kept","refused"}`; the per-object report goes to stderr.
 */
export function importCommands(program: Command, config: () => Config): void {
  const group = program
    .command('import')
    .description('import intelligence from outside the platform as a user, into an incident');
  for (const { format, what } of FORMATS) {
    group
      .command(format)
      .description(
        `import ${what}; prints {"incidentId","mapped","kept","refused"}, refused objects and their reasons on stderr`,
      )
      .argument('<file>', `${what}, at most ${IMPORT_LIMITS.maxBytes / 1024 / 1024} MiB`)
      .requiredOption('--as <email>', 'the coordinator the import is written as')
      .option(
        '--incident <id>',
        'the incident to import into (a new incident is made from the file otherwise)',
      )
      .addHelpText(
        'after',
        `\nMarkings are kept and never widened (README, "Importing MISP and STIX"); TLP:RED items name the importing user\nas their recipient. Limits: ${IMPORT_LIMITS.maxBytes} bytes, nesting ${IMPORT_LIMITS.maxDepth}, ${IMPORT_LIMITS.maxValues} JSON values, ${IMPORT_LIMITS.maxObjects} objects. The same file imported\nagain by the same user into the same target writes nothing and prints the first run's JSON.`,
      )
      .action(async (file: string, opts: { as: string; incident?: string }) => {
        let content: Buffer;
        try {
          content = fs.readFileSync(file);
        } catch (e) {
          throw new UsageError(
            `FILE: cannot read "${file}" (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
          );
        }
        const cfg = config();
        const platform = await openPlatform(cfg, { logger: stderrLogger(cfg) });
        const bar = progressBar(`import ${format}`);
        try {
          const actor = await cliActor(platform, opts.as);
          const report = await importFile(platform, actor, {
            format,
            content,
            incidentId: opts.incident,
            onProgress: (done, total) => bar.update(done, total),
          }).catch((e: unknown) => {
            // A refusal may quote the file (a JSON parser's message does): its control characters stay escaped.
            if (e instanceof ImportRefused) throw new UsageError(printable(e.message));
            // An incident merged into another takes nothing more: the import names the one to continue in.
            if (e instanceof Conflict) throw new UsageError(`--incident: ${e.message}`);
            throw e;
          });
          bar.done();
          writeReport(report);
        } finally {
          await closePlatform(platform);
        }
      });
  }
}

function writeReport(report: ImportReport): void {
  for (const o of report.objects) {
    const line =
      o.outcome === 'refused'
        ? `${o.ref}: refused ${o.type}: ${o.reason}`
        : `${o.ref}: ${o.outcome} ${o.type} as ${o.marking}${o.entryId ? ` (entry ${o.entryId})` : ''}`;
    // Types and reasons quote the file: printed as they are, its control characters would reach the terminal.
    process.stderr.write(`${printable(line)}\n`);
  }
  const { incidentId, mapped, kept, refused } = report;
  process.stdout.write(`${JSON.stringify({ incidentId, mapped, kept, refused })}\n`);
}
