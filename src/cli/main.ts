import fs from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { createToken, createUser } from '../accounts/flows.js';
import { ROLES } from '../accounts/model.js';
import { resetPasswordAsOperator } from '../accounts/recovery.js';
import { getUserByEmail } from '../accounts/store.js';
import { AUDITED_CONTENT } from '../audit/content.js';
import { exportEdxlDeCommand } from '../interchange/edxl-de-command.js';
import { importCommands } from '../interchange/import-command.js';
import { checkAuditChain } from '../platform/audit/check.js';
import { CONFIG_HELP, type Config, ConfigError, loadConfig } from '../platform/config.js';
import { inWrite } from '../platform/db/write.js';
import { Conflict, DomainError, NotFound } from '../platform/errors.js';
import { closePlatform, openPlatform } from '../server.js';
import { runAssess } from './assess.js';
import { runDemo } from './demo.js';
import { exerciseCommands } from './exercise.js';
import { exportCapCommand } from './export-cap.js';
import { exportEdxlRmCommand } from './export-edxl-rm.js';
import { exportStixCommand } from './export-stix.js';
import { presidencyCommands } from './presidency.js';
import { serve } from './serve.js';
import { UsageError } from './usage-error.js';

function readStdin(): string {
  try {
    return fs.readFileSync(0, 'utf8');
  } catch {
    return '';
  }
}

function config(): Config {
  try {
    return loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(e.message);
    throw e;
  }
}

const program = new Command();
program
  .name('blueprint')
  .description(
    'Blueprint: coordinating the Union-level response to disruptions of critical infrastructure with significant cross-border relevance.',
  )
  .version('0.1.0')
  .exitOverride()
  .configureOutput({
    outputError: (text, write) => write(`${text.split('\n')[0]!.replace(/^error: /, '')}\n`),
  })
  .addHelpText(
    'after',
    `\nEnvironment variables (every command honours them):\n${CONFIG_HELP.map(([k, v]) => `  ${k.padEnd(32)} ${v}`).join('\n')}\n`,
  );

program
  .command('serve')
  .description('start the server with the web UI (what `npm start` runs)')
  .action(async () => {
    await serve(config());
  });

program
  .command('assess')
  .description(
    'print the trigger assessment of an incident report (JSON, from FILE or standard input); no server needed',
  )
  .argument('[file]', 'incident report JSON; standard input when omitted')
  .addHelpText(
    'after',
    "\nThe report's facts are asserted by its reportedBy: a CEPES disruption counts for T2 only when reportedBy is the\nentity's establishedIn, a state it serves, or ERCC (else it is listed in unconfirmedCepes). With no database there\nis no CEPES register: the presumption alone decides (cepes: true, or six or more member states served). GF, GP, MQ,\nRE, YT and MF count for FR, AX for FI, IC and EA for ES; a country outside the EU assesses only itself.",
  )
  .action((file?: string) => {
    let input: string;
    if (file) {
      try {
        input = fs.readFileSync(file, 'utf8');
      } catch (e) {
        throw new UsageError(`file: cannot read "${file}" (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
      }
    } else input = readStdin();
    const outcome = runAssess(input);
    if (outcome.exitCode === 0) process.stdout.write(outcome.stdout);
    else {
      process.stderr.write(outcome.stderr);
      process.exitCode = 2;
    }
  });

const users = program.command('users').description('manage user accounts');
users
  .command('add')
  .description('create a user; the password is read from standard input (one line)')
  .requiredOption('--email <email>', 'e-mail address, used to sign in')
  .requiredOption(
    '--org <organisation>',
    'organisation id: a member state code (FI, DE, ...), an EU body (ERCC, EEAS, ...) or NATO',
  )
  .addOption(new Option('--role <role>', 'role').choices(ROLES).makeOptionMandatory())
  .option('--name <name>', 'display name (defaults to the e-mail address)')
  .option('--on-duty', 'list the user as on duty at the contact point')
  .action(
    async (opts: {
      email: string;
      org: string;
      role: (typeof ROLES)[number];
      name?: string;
      onDuty?: boolean;
    }) => {
      const password = readStdin().split(/\r?\n/)[0] ?? '';
      const platform = await openPlatform(config(), { logger: silentLogger() });
      try {
        const user = await createUser(platform, null, {
          email: opts.email.trim().toLowerCase(),
          displayName: opts.name ?? opts.email,
          organisation: opts.org.trim().toUpperCase(),
          role: opts.role,
          password,
          onDuty: opts.onDuty ?? false,
        });
        process.stdout.write(`${JSON.stringify(user, null, 2)}\n`);
      } finally {
        await closePlatform(platform);
      }
    },
  );

users
  .command('reset-password')
  .description(
    "set a user's password from standard input (one line); lifts a sign-in lock and ends the user's sessions and API tokens",
  )
  .requiredOption('--email <email>', 'the e-mail address of the account')
  .option('--second-factor', 'also remove the enrolled second factor; the user enrols a new one at sign-in')
  .action(async (opts: { email: string; secondFactor?: boolean }) => {
    const password = readStdin().split(/\r?\n/)[0] ?? '';
    const platform = await openPlatform(config(), { logger: silentLogger() });
    try {
      const user = await resetPasswordAsOperator(platform, {
        email: opts.email.trim().toLowerCase(),
        newPassword: password,
        secondFactor: opts.secondFactor ?? false,
      }).catch((e: unknown) => {
        if (e instanceof NotFound) throw new UsageError(`--email: no user "${opts.email}"`);
        throw e;
      });
      process.stdout.write(`${JSON.stringify(user, null, 2)}\n`);
    } finally {
      await closePlatform(platform);
    }
  });

const tokens = program.command('tokens').description('manage API tokens for system-to-system use');
tokens
  .command('create')
  .description("create an API token acting as a user (with that user's organisation and role); printed once")
  .requiredOption('--email <email>', 'the user the token acts as')
  .requiredOption('--name <name>', 'what the token is for, e.g. "FI national situational awareness system"')
  .action(async (opts: { email: string; name: string }) => {
    const platform = await openPlatform(config(), { logger: silentLogger() });
    try {
      const user = await getUserByEmail(platform.db.kysely, opts.email);
      if (!user) throw new UsageError(`email: no user "${opts.email}"`);
      const token = await createToken(
        platform,
        { userId: user.id, organisation: user.organisation },
        opts.name,
      );
      process.stdout.write(`${JSON.stringify(token, null, 2)}\n`);
    } finally {
      await closePlatform(platform);
    }
  });

const audit = program.command('audit').description('the tamper-evident audit log');
audit
  .command('verify')
  .description('check the audit hash chain; exit 0 when intact, 1 naming the first broken record')
  .action(async () => {
    const platform = await openPlatform(config(), { logger: silentLogger() });
    try {
      // Inside a write, so a running server's writes wait instead of landing mid-walk; the result is kept for the
      // audit viewer like a scheduled check's.
      const result = await inWrite(platform, { actor: { userId: null, organisation: null } }, (w) =>
        checkAuditChain(w, platform.auditKey, AUDITED_CONTENT),
      );
      if (!result.intact) {
        process.stderr.write(`audit record ${result.brokenAt}: ${result.reason}\n`);
        process.exitCode = 1;
      } else {
        process.stdout.write(`audit chain intact: ${result.records} records\n`);
      }
    } finally {
      await closePlatform(platform);
    }
  });

presidencyCommands(program, config);
exerciseCommands(program, config);
exportCapCommand(program, config);
exportEdxlRmCommand(program, config);
importCommands(program, config);
exportEdxlDeCommand(program, config);
exportStixCommand(program, config);

program
  .command('demo')
  .description('fill an empty database with an exercise-marked demonstration dataset and print the sign-ins')
  .option('--serve', 'start the server afterwards')
  .action(async (opts: { serve?: boolean }) => {
    const cfg = config();
    try {
      await runDemo(cfg);
    } catch (e) {
      // A second `npm run demo` serves the data the first one made instead of failing.
      if (!(opts.serve && e instanceof Conflict)) throw e;
      process.stdout.write('The database already has data: serving it as it is.\n');
    }
    if (opts.serve) await serve(cfg);
  });

function silentLogger() {
  return undefined;
}

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) {
    process.exitCode = e.exitCode === 0 ? 0 : 2;
  } else if (e instanceof UsageError) {
    process.stderr.write(`${e.message}\n`);
    process.exitCode = 2;
  } else if (e instanceof DomainError) {
    process.stderr.write(`${e.message.replace(/\s+/g, ' ')}\n`);
    process.exitCode = e.status === 400 || e.status === 409 ? 2 : 1;
  } else {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  }
}
