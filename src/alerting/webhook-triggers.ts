import { ALERT_TRIGGERS, type AlertTrigger } from './triggers.js';

/**
 * Which alerts a webhook target takes. A target registered without a list, or set to `all`, takes every trigger
 * there is when a notification is delivered, so triggers added to the platform later reach it too; an explicit
 * list is what its owner chose and stays exactly that (a national system may reject events it does not know).
 * "Every trigger" leaves out the national reporting clock's reminder, which each target, like each person, opts
 * into by naming it.
 */
export type WebhookTriggerChoice = 'all' | readonly AlertTrigger[];

/** The stored form of following every trigger: a JSON string, where a chosen list is a JSON array. */
const EVERY = JSON.stringify('all');

/** The triggers "every trigger" means today. */
export function everyTrigger(): AlertTrigger[] {
  return ALERT_TRIGGERS.filter((t) => t !== 'reporting-clock');
}

export function storedTriggers(choice: WebhookTriggerChoice): string {
  return choice === 'all' ? EVERY : JSON.stringify([...new Set(choice)]);
}

export function readTriggers(stored: string): { triggers: AlertTrigger[]; allTriggers: boolean } {
  if (stored === EVERY) return { triggers: everyTrigger(), allTriggers: true };
  return { triggers: JSON.parse(stored) as AlertTrigger[], allTriggers: false };
}

export function takesTrigger(stored: string, trigger: AlertTrigger): boolean {
  return readTriggers(stored).triggers.includes(trigger);
}
