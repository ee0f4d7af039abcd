import { PRESIDENCY_ROLE } from '../registry/model.js';
import { rule } from './policy.js';
import type { Principal } from './principal.js';

/**
 * `PRESIDENCY` in an audience means the member state holding the Presidency when the entry is read (CONTRACT "Who
 * sees what"): open matters pass to the next Presidency at the change of term. `holder` is the platform's holder
 * at the time of reading (the `presidency_office` row, moved by the term-change job); null when the calendar has
 * no Presidency, and then `PRESIDENCY` reaches nobody.
 */
export const PRESIDENCY = PRESIDENCY_ROLE;

export function addressesPresidency(audience: readonly string[]): boolean {
  return audience.includes(PRESIDENCY);
}

/** Whether `organisation` is reached through the `PRESIDENCY` role of this audience. */
export function reachedAsPresidency(
  organisation: string,
  audience: readonly string[],
  holder: string | null,
): boolean {
  return holder !== null && organisation === holder && addressesPresidency(audience);
}

/** The audience as it reaches readers: `PRESIDENCY` replaced by its holder (left out when there is none). */
export function resolveAudience(audience: readonly string[], holder: string | null): string[] {
  const out = new Set<string>();
  for (const member of audience) {
    if (member !== PRESIDENCY) out.add(member);
    else if (holder !== null) out.add(holder);
  }
  return [...out].sort();
}

/** Who keeps the Presidency calendar: the platform's administrators (the Council decides; they record it). */
export const extendPresidencyCalendar = [
  rule('platform administrators extend the Presidency calendar', (p: Principal) => p.role === 'admin'),
];

/** Who sees the calendar's state for keeping it (when it runs out, who holds office for the platform). */
export const readPresidencyCalendar = [
  rule(
    'platform administrators read the state of the Presidency calendar',
    (p: Principal) => p.role === 'admin',
  ),
];
