import type { Kysely } from 'kysely';
import type { Actor } from '../platform/actor.js';
import type { Platform } from '../platform/context.js';
import type { Database } from '../platform/db/schema.js';
import { inWrite } from '../platform/db/write.js';
import { assertAllowed } from '../sharing/policy.js';
import {
  changePlatformSettings as changeRules,
  readPlatformSettings as readRules,
} from '../sharing/settings.js';
import {
  type ChangePlatformSettingsRequest,
  PLATFORM_SETTING_DEFAULTS,
  type PlatformSettingKey,
  PlatformSettings,
} from './model.js';
import { settingRows, storeSetting } from './store.js';

/**
 * The platform's settings as `db` sees them: pass a write's `w.trx` to decide on them inside that write. A stored
 * value that no longer fits its setting counts as the default.
 */
export async function platformSettings(db: Kysely<Database>): Promise<PlatformSettings> {
  const settings: PlatformSettings = { ...PLATFORM_SETTING_DEFAULTS };
  for (const row of await settingRows(db)) {
    if (!(row.key in PlatformSettings.shape)) continue;
    const key = row.key as PlatformSettingKey;
    const parsed = PlatformSettings.shape[key].safeParse(JSON.parse(row.value));
    // Each value was parsed by its own key's schema, so it has that key's type.
    if (parsed.success) (settings as Record<PlatformSettingKey, unknown>)[key] = parsed.data;
  }
  return settings;
}

export async function getPlatformSettings(platform: Platform, actor: Actor): Promise<PlatformSettings> {
  assertAllowed(readRules, 'only platform administrators read the platform settings', actor);
  return platformSettings(platform.db.kysely);
}

/** Changes the named settings; each change that changes something is audited with its old and new value. */
export function changePlatformSettings(
  platform: Platform,
  actor: Actor,
  req: ChangePlatformSettingsRequest,
): Promise<PlatformSettings> {
  return inWrite(platform, { actor }, async (w) => {
    assertAllowed(changeRules, 'only platform administrators change the platform settings', actor);
    const current = await platformSettings(w.trx);
    for (const key of Object.keys(req) as PlatformSettingKey[]) {
      const to = req[key];
      if (to === undefined || to === current[key]) continue;
      await storeSetting(w.trx, {
        key,
        value: JSON.stringify(to),
        updatedAt: w.now,
        updatedBy: actor.userId,
      });
      await w.audit({
        action: 'platform-setting.changed',
        subjectType: 'platform-setting',
        subjectId: key,
        details: { setting: key, from: current[key], to },
      });
      (current as Record<PlatformSettingKey, unknown>)[key] = to;
    }
    return current;
  });
}
