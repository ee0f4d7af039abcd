import { changeAlertPreferences } from '../alerting/preferences-flows.js';
import { changeWebhook, registerWebhook } from '../alerting/webhooks-flows.js';
import type { Actor } from '../platform/actor.js';
import type { Platform } from '../platform/context.js';

/**
 * Alert channels in the demo: Finland's coordinator opts in to the reporting-clock reminders (for information) in
 * the app and by e-mail, and Estonia's org-admin has registered its national system's webhook, paused until that
 * system listens, so Alert settings shows a target, its state and its (empty) delivery log.
 */
export async function seedAlertChannels(
  platform: Platform,
  who: { fi: Actor; eeAdmin: Actor },
): Promise<void> {
  await changeAlertPreferences(platform, who.fi, {
    choices: [
      { trigger: 'reporting-clock', channel: 'in-app', enabled: true },
      { trigger: 'reporting-clock', channel: 'email', enabled: true },
    ],
  });
  const webhook = await registerWebhook(platform, who.eeAdmin, {
    url: 'https://situational-awareness.riigi.example.ee/blueprint-events',
    // A demo secret; a real one comes from the national system's operators.
    secret: 'demo-only-shared-secret-for-the-estonian-system',
    triggers: [
      'activation',
      'own-assessment-requested',
      'consultation-opened',
      'consultation-decided',
      'status-changed',
    ],
  });
  await changeWebhook(platform, who.eeAdmin, webhook.id, { active: false });
}
