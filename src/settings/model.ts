import { z } from 'zod';

/** Choices a platform administrator makes for the whole platform. */
export const PlatformSettings = z.object({
  /** Four eyes on sitreps: a second person of ERCC or the Presidency approves, never the one who compiled it. */
  sitrepFourEyes: z.boolean(),
  /**
   * When the Council adopted the Blueprint Recommendation: the first exercise is due within twelve months of it
   * (src/exercises/compliance-rules.ts).
   */
  recommendationAdoptedOn: z.iso.date(),
});
export type PlatformSettings = z.infer<typeof PlatformSettings>;
export type PlatformSettingKey = keyof PlatformSettings;

/** What each setting is until an administrator changes it: the safer choice. */
export const PLATFORM_SETTING_DEFAULTS: PlatformSettings = {
  sitrepFourEyes: true,
  recommendationAdoptedOn: '2024-06-25',
};

export const ChangePlatformSettingsRequest = z.strictObject({
  sitrepFourEyes: z.boolean().optional(),
  recommendationAdoptedOn: z.iso.date().optional(),
});
export type ChangePlatformSettingsRequest = z.infer<typeof ChangePlatformSettingsRequest>;
