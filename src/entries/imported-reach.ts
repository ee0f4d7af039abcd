import type { Kysely } from 'kysely';
import type { RedRecipient } from '../log/reach.js';
import type { Database } from '../platform/db/schema.js';
import { Conflict } from '../platform/errors.js';
import { PARTICIPATING_ORGANISATIONS } from '../registry/organisations.js';
import type { EntryReach } from '../sharing/entries.js';
import { type PossibleReader, reshareImported } from '../sharing/imports.js';
import { isAllowed, onlyAsRulesSay } from '../sharing/policy.js';
import { reachOf } from './rules.js';
import type { StoredEntry } from './store.js';

/** The reach a change asks for, as resolved from the request. */
interface AskedReach {
  marking: string;
  audience: string[];
  recipients: RedRecipient[];
  releasableToNato: boolean;
  group: { members: readonly string[] } | null;
}

/**
 * An imported entry goes no further than its source let it (src/sharing/imports.ts): the change is checked against
 * every organisation and every person it would name, read inside the change's own transaction.
 */
export async function assertWithinImportedReach(
  db: Kysely<Database>,
  before: StoredEntry,
  asked: AskedReach,
): Promise<void> {
  const now = reachOf(before);
  const after: EntryReach = {
    ...now,
    marking: asked.marking,
    audience: asked.audience,
    groupMembers: asked.group?.members ?? [],
    recipients: asked.recipients.map((r) => r.userId),
    releasableToNato: asked.releasableToNato,
  };
  const people =
    asked.recipients.length === 0
      ? []
      : await db
          .selectFrom('users')
          .select(['id as userId', 'organisation'])
          .where(
            'id',
            'in',
            asked.recipients.map((r) => r.userId),
          )
          .execute();
  const readers: PossibleReader[] = [
    ...[...PARTICIPATING_ORGANISATIONS.map((o) => o.id), 'NATO'].map((organisation) => ({
      userId: '',
      organisation,
    })),
    ...people,
  ];
  if (!isAllowed(reshareImported, { before: now, after, readers })) {
    throw new Conflict(
      `an imported entry goes no further than its source allowed: ${onlyAsRulesSay(reshareImported)}`,
      'marking',
      'imported-reach',
    );
  }
}
