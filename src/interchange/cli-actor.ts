import pino from 'pino';
import type { Role } from '../accounts/model.js';
import { getUserByEmail } from '../accounts/store.js';
import { UsageError } from '../cli/usage-error.js';
import type { Actor } from '../platform/actor.js';
import type { Config } from '../platform/config.js';
import type { Platform } from '../platform/context.js';

/** The account an import or export on the command line acts as: an active one, else exit 2 naming `--as`. */
export async function cliActor(platform: Platform, email: string): Promise<Actor> {
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

/** The platform's log of an import or export command: on stderr, since stdout carries only what the command prints. */
export function stderrLogger(config: Config): pino.Logger {
  return pino({ level: config.LOG_LEVEL }, pino.destination(2));
}
