import { z } from 'zod';

/** Whether an incident's public page is on, its path once it was ever switched on, and who may switch it. */
export const PublicPageSetting = z.object({
  enabled: z.boolean(),
  /** The token stays when the page is switched off, so links handed out work again when it is back on. */
  path: z.string().nullable(),
  abilities: z.object({ switch: z.boolean() }),
});
export type PublicPageSetting = z.infer<typeof PublicPageSetting>;

export const PublicPageSwitch = z.strictObject({ enabled: z.boolean() });
