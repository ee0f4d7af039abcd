import type { AlertChannel } from './channels/model.js';
import { IN_APP } from './preferences-model.js';
import type { AlertTrigger } from './triggers.js';

/**
 * In the bell by default: everything asking something of the organisation. A new incident is not: the incident
 * list shows it, and a bell that rings for each one would hide what needs acting on. Reporting clocks are opt-in.
 */
export function inAppByDefault(trigger: AlertTrigger): boolean {
  return trigger !== 'incident-reported' && trigger !== 'reporting-clock';
}

/** Whether a trigger reaches a person on a channel when they chose nothing there. */
export function defaultFor(channel: string, trigger: AlertTrigger, person?: AlertChannel<unknown>): boolean {
  if (channel === IN_APP) return inAppByDefault(trigger);
  return person?.defaultOn(trigger) ?? false;
}

/** A person's choice where they made one, else the default. */
export function chosen(
  choices: ReadonlyMap<string, boolean>,
  channel: string,
  trigger: AlertTrigger,
  person?: AlertChannel<unknown>,
): boolean {
  return choices.get(`${trigger}|${channel}`) ?? defaultFor(channel, trigger, person);
}
