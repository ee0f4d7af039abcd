import { rule } from './policy.js';
import { PRESIDENCY } from './presidency.js';
import type { Principal } from './principal.js';
import { writesContent } from './principal.js';

/** Who reports once: the organisation whose account it is, through its coordinators. */
export const forwardEntry = [
  rule(
    'coordinators of the organisation that wrote an entry forward it to an engaged mechanism',
    (p: Principal, e: { authorOrg: string }) => writesContent(p) && p.organisation === e.authorOrg,
  ),
];

/** An entry's reach as forwarding weighs it: the organisations that may see it now, and whether NATO may. */
export interface ForwardedReach {
  marking: string;
  /** Every organisation that may see the entry now: its author's, its audience resolved, its sharing group. */
  readers: readonly string[];
  releasableToNato: boolean;
}

/** Who a forward goes to: the organisations receiving for the mechanism (`PRESIDENCY` resolved), NATO for one. */
export interface ForwardRecipients {
  organisations: readonly string[];
  nato: boolean;
}

/**
 * A forward never takes an entry beyond its reach: the mechanism receives through organisations that may already
 * see it. The sentences say it; `forwardProblem` names the one that stops a forward, for a clear refusal.
 */
export const forwardWithinReach = [
  rule(
    'an entry goes to a mechanism only when every organisation receiving for it may already see the entry, never when it is TLP:RED (for named people only), and to the EU–NATO dialogue only when released to NATO',
    (e: ForwardedReach, to: ForwardRecipients) =>
      e.marking !== 'TLP:RED' &&
      to.organisations.length > 0 &&
      to.organisations.every((o) => e.readers.includes(o)) &&
      (!to.nato || e.releasableToNato),
  ),
];

export type ForwardProblem =
  | { code: 'red-not-forwarded' }
  | { code: 'no-presidency' }
  | { code: 'beyond-audience'; outside: string[] }
  | { code: 'not-released-to-nato' };

/** Why this entry may not go to these recipients, or null when `forwardWithinReach` allows it. */
export function forwardProblem(e: ForwardedReach, to: ForwardRecipients): ForwardProblem | null {
  if (e.marking === 'TLP:RED') return { code: 'red-not-forwarded' };
  if (to.organisations.length === 0) return { code: 'no-presidency' };
  const outside = to.organisations.filter((o) => !e.readers.includes(o));
  if (outside.length > 0) return { code: 'beyond-audience', outside };
  if (to.nato && !e.releasableToNato) return { code: 'not-released-to-nato' };
  return null;
}

/**
 * Who the record of a forward (with the summary that went) reaches: the organisations that received it. The
 * Presidency receives as the role, so the next holder inherits the matter, only when the entry itself is addressed
 * to the role; otherwise the summary went to the member state holding it then, and stays with that state, as the
 * next holder may not read the entry.
 */
export function forwardAudience(
  formRecipients: readonly string[],
  resolved: { presidency: string | null; entryAudience: readonly string[] },
): string[] {
  const followsTerm = resolved.entryAudience.includes(PRESIDENCY);
  return [
    ...new Set(
      formRecipients.flatMap((o) =>
        o !== PRESIDENCY
          ? [o]
          : followsTerm
            ? [PRESIDENCY]
            : resolved.presidency
              ? [resolved.presidency]
              : [],
      ),
    ),
  ];
}
