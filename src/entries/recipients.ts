import type { Kysely } from 'kysely';
import type { RedRecipient } from '../log/reach.js';
import type { Database } from '../platform/db/schema.js';
import { Invalid } from '../platform/errors.js';
import { isAllowed } from '../sharing/policy.js';
import { type RecipientCandidate, type RecipientChoice, receiveRed } from '../sharing/recipients.js';
import { getRecipientCandidates } from './store.js';

/**
 * The accounts the named addresses stand for, or the first address that names nobody who may receive TLP:RED
 * (no account, an inactive one, a platform admin, the NATO liaison without the release). Pure: the accounts are
 * looked up beforehand, inside the write's transaction.
 */
export function matchRecipients(
  addresses: readonly string[],
  accounts: ReadonlyArray<RecipientCandidate & { email: string }>,
  choice: RecipientChoice,
): { recipients: RedRecipient[] } | { index: number; address: string } {
  const byEmail = new Map(accounts.map((a) => [a.email.toLowerCase(), a]));
  const recipients: RedRecipient[] = [];
  for (const [index, address] of addresses.entries()) {
    const email = address.trim().toLowerCase();
    const account = byEmail.get(email);
    if (!account || !isAllowed(receiveRed, account, choice)) return { index, address };
    if (!recipients.some((r) => r.userId === account.userId))
      recipients.push({ userId: account.userId, email });
  }
  return { recipients };
}

/**
 * Resolves TLP:RED recipients to accounts when an entry, a reach change or an attachment is written: access then
 * follows those accounts, never an address someone could register later. 400 names the first unfit address.
 */
export async function resolveRecipients(
  db: Kysely<Database>,
  addresses: readonly string[],
  choice: RecipientChoice,
  field = 'recipients',
): Promise<RedRecipient[]> {
  const matched = matchRecipients(addresses, await getRecipientCandidates(db, addresses), choice);
  if ('recipients' in matched) return matched.recipients;
  const path = `${field}[${matched.index}]`;
  throw new Invalid(`${path}: no active account "${matched.address}" may receive TLP:RED`, path);
}
