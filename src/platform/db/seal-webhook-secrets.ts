import type { Kysely } from 'kysely';
import { isSealed, seal, sealingKey } from '../sealed.js';

/**
 * Seals every webhook secret still kept as given (migration 0035-webhook-secrets-sealed). Rows already sealed are
 * left alone, so running it again changes nothing. Plain secrets and no audit key to seal them with is an error:
 * leaving them readable would defeat the migration.
 */
export async function sealPlainWebhookSecrets(
  db: Kysely<unknown>,
  auditKey: Buffer | undefined,
): Promise<void> {
  const webhooks = db as Kysely<{ webhooks: { id: string; secret: string } }>;
  const rows = await webhooks.selectFrom('webhooks').select(['id', 'secret']).execute();
  const plain = rows.filter((r) => !isSealed(r.secret));
  if (plain.length === 0) return;
  if (!auditKey) throw new Error('webhook secrets are sealed with the audit key: open the database with it');
  const key = sealingKey(auditKey, 'webhook secrets');
  for (const row of plain) {
    await webhooks
      .updateTable('webhooks')
      .set({ secret: seal(key, row.secret) })
      .where('id', '=', row.id)
      .execute();
  }
}
