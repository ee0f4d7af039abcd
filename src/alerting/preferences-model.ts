import { z } from 'zod';
import { AlertTrigger } from './triggers.js';

/** The in-app bell is a channel a person can switch per trigger too; the notification still exists for the roll call. */
export const IN_APP = 'in-app';

const ChannelName = z.string().regex(/^[a-z][a-z0-9-]{1,30}$/, 'a channel name such as email');

export const AlertChoice = z.strictObject({
  trigger: AlertTrigger,
  channel: ChannelName,
  enabled: z.boolean(),
});
export type AlertChoice = z.infer<typeof AlertChoice>;

/** A person's alert settings: every trigger × channel with what applies now, and whether it is the default. */
export const AlertPreferences = z.object({
  channels: z.array(
    z.object({
      name: z.string(),
      label: z.string(),
      /** Where the person is reached on it; null when not reachable (no address given). */
      address: z.string().nullable(),
      /** Whether the person gives the address here (e-mail uses the account's own). */
      addressEditable: z.boolean(),
    }),
  ),
  choices: z.array(AlertChoice.extend({ isDefault: z.boolean() })),
});
export type AlertPreferences = z.infer<typeof AlertPreferences>;

export const ChangeAlertPreferences = z.strictObject({
  choices: z.array(AlertChoice).max(200).optional(),
  /** Addresses on channels that take one, by channel name; an empty string removes it. */
  addresses: z.record(ChannelName, z.string().max(200)).optional(),
});
export type ChangeAlertPreferences = z.infer<typeof ChangeAlertPreferences>;
