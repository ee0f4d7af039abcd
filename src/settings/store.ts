import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.js';

/** The settings changed from their defaults, as stored (values as JSON). */
export function settingRows(db: Kysely<Database>) {
  return db.selectFrom('platform_settings').select(['key', 'value']).execute();
}

export async function storeSetting(
  trx: Kysely<Database>,
  row: { key: string; value: string; updatedAt: string; updatedBy: string },
): Promise<void> {
  const values = { value: row.value, updated_at: row.updatedAt, updated_by: row.updatedBy };
  await trx
    .insertInto('platform_settings')
    .values({ key: row.key, ...values })
    .onConflict((oc) => oc.column('key').doUpdateSet(values))
    .execute();
}
