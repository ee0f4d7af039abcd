import type { Command } from 'commander';
import type { Config } from '../platform/config.js';
import { Invalid } from '../platform/errors.js';
import { addTerm } from '../presidency/flows.js';
import { closePlatform, openPlatform } from '../server.js';
import { UsageError } from './usage-error.js';

/**
 * `blueprint presidency add --term 2031-H1 --state XX`: extends the Council Presidency calendar with the next term
 * (validated against the calendar in the database, audited), and prints the term as JSON.
 */
export function presidencyCommands(program: Command, config: () => Config): void {
  const presidency = program.command('presidency').description('the Council Presidency calendar');
  presidency
    .command('add')
    .description(
      'add the next term to the calendar: a member state, the half-year right after the last one (no gaps); audited',
    )
    .requiredOption('--term <term>', 'the half-year, e.g. 2031-H1')
    .requiredOption('--state <state>', 'the member state holding the Presidency (EL accepted for GR)')
    .action(async (opts: { term: string; state: string }) => {
      const platform = await openPlatform(config());
      try {
        const term = await addTerm(platform, null, { term: opts.term.trim(), state: opts.state.trim() });
        process.stdout.write(`${JSON.stringify(term, null, 2)}\n`);
      } catch (e) {
        // The message already starts with the field; on the command line the field is the option.
        if (e instanceof Invalid) throw new UsageError(`--${e.message}`);
        throw e;
      } finally {
        await closePlatform(platform);
      }
    });
}
