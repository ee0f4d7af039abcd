import type { Kysely } from 'kysely';
import type { Actor } from '../platform/actor.js';
import type { Platform } from '../platform/context.js';
import type { Database } from '../platform/db/schema.js';
import { type IdempotencyScope, inWrite } from '../platform/db/write.js';
import { Invalid } from '../platform/errors.js';
import { readerLanguage } from '../platform/language.js';
import * as policy from '../sharing/alerting.js';
import { assertAllowed } from '../sharing/policy.js';
import { alertChannel, alertChannels } from './channels/registry.js';
import { NOTIFICATION_KINDS } from './model.js';
import { type AlertPreferences, type ChangeAlertPreferences, IN_APP } from './preferences-model.js';
import { chosen } from './preferences-rules.js';
import * as store from './preferences-store.js';
import { ALERT_TRIGGERS, type AlertTrigger, triggerOf } from './triggers.js';

async function preferencesIn(db: Kysely<Database>, actor: Actor): Promise<AlertPreferences> {
  const choices = await store.choicesOf(db, actor.userId);
  const addresses = (await store.addressesOf(db, [actor.userId])).get(actor.userId) ?? {};
  const language = readerLanguage(actor);
  const channels = alertChannels();
  const person = { ...actor, language, addresses, userId: actor.userId };
  return {
    channels: [
      {
        name: IN_APP,
        label: language === 'nl' ? 'In de app' : 'In the app',
        address: null,
        addressEditable: false,
      },
      ...channels.map((c) => ({
        name: c.name,
        label: c.label[language],
        address: c.addressOf(person),
        addressEditable: c.acceptsAddress !== undefined,
      })),
    ],
    choices: ALERT_TRIGGERS.flatMap((trigger) =>
      [IN_APP, ...channels.map((c) => c.name)].map((channel) => {
        const plugin = alertChannel(channel);
        return {
          trigger,
          channel,
          enabled: chosen(choices, channel, trigger, plugin),
          isDefault: !choices.has(`${trigger}|${channel}`),
        };
      }),
    ),
  };
}

export function getAlertPreferences(platform: Platform, actor: Actor): Promise<AlertPreferences> {
  return preferencesIn(platform.db.kysely, actor);
}

/** A person changes their own choices (and addresses on channels that take one); a choice equal to the default is kept too, so it stays. */
export function changeAlertPreferences(
  platform: Platform,
  actor: Actor,
  input: ChangeAlertPreferences,
  idempotency?: IdempotencyScope,
): Promise<AlertPreferences> {
  return inWrite(platform, { actor, idempotency }, async (w) => {
    assertAllowed(policy.chooseOwnAlerts, 'a wall screen has no alert settings', actor, actor.via);
    for (const [i, c] of (input.choices ?? []).entries()) {
      if (c.channel !== IN_APP && !alertChannel(c.channel))
        throw new Invalid(`choices.${i}.channel: no channel "${c.channel}"`, `choices.${i}.channel`);
      await store.setChoice(w.trx, { userId: actor.userId, ...c, at: w.now });
    }
    for (const [channel, address] of Object.entries(input.addresses ?? {})) {
      const plugin = alertChannel(channel);
      if (!plugin?.acceptsAddress)
        throw new Invalid(`addresses.${channel}: this channel takes no address`, `addresses.${channel}`);
      if (address !== '' && !plugin.acceptsAddress(address))
        throw new Invalid(
          `addresses.${channel}: not an address this channel can reach`,
          `addresses.${channel}`,
        );
      await store.setAddress(w.trx, { userId: actor.userId, channel, address, at: w.now });
    }
    await w.audit({
      action: 'alert-preferences.changed',
      subjectType: 'user',
      subjectId: actor.userId,
      details: { choices: input.choices?.length ?? 0, addresses: Object.keys(input.addresses ?? {}) },
    });
    return preferencesIn(w.trx, actor);
  });
}

/** The notification kinds this person does not want in the bell (by choice or default), for filtering lists. */
/** Whether each of these people keeps a kind of notification out of the bell (one query for all of them). */
export async function hidesInApp(
  db: Kysely<Database>,
  userIds: readonly string[],
  kind: string,
): Promise<Set<string>> {
  const trigger = triggerOf(kind as (typeof NOTIFICATION_KINDS)[number]);
  const choices = await store.choicesOfMany(db, [...new Set(userIds)]);
  return new Set(userIds.filter((u) => !chosen(choices.get(u) ?? new Map(), IN_APP, trigger)));
}

export async function kindsHiddenInApp(db: Kysely<Database>, userId: string): Promise<string[]> {
  const choices = await store.choicesOf(db, userId);
  const off = new Set<AlertTrigger>(ALERT_TRIGGERS.filter((t) => !chosen(choices, IN_APP, t)));
  return NOTIFICATION_KINDS.filter((k) => off.has(triggerOf(k)));
}
