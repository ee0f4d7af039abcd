import { Forbidden } from '../platform/errors.js';

/** One access rule, written so that `says` reads as the sentence the code implements. */
export interface Rule<Args extends unknown[]> {
  readonly says: string;
  readonly allows: (...args: Args) => boolean;
}

export function rule<Args extends unknown[]>(says: string, allows: (...args: Args) => boolean): Rule<Args> {
  return { says, allows };
}

/** The first rule that allows the request, or undefined: access is denied unless some rule grants it. */
export function grantedBy<Args extends unknown[]>(
  rules: ReadonlyArray<Rule<Args>>,
  ...args: Args
): Rule<Args> | undefined {
  return rules.find((r) => r.allows(...args));
}

export function isAllowed<Args extends unknown[]>(rules: ReadonlyArray<Rule<Args>>, ...args: Args): boolean {
  return grantedBy(rules, ...args) !== undefined;
}

export function assertAllowed<Args extends unknown[]>(
  rules: ReadonlyArray<Rule<Args>>,
  refusal: string,
  ...args: Args
): void {
  if (!grantedBy(rules, ...args)) throw new Forbidden(refusal);
}

/** A refusal in the rules' own words: "only <what the first rule says>, or <what the next says>". */
export function onlyAsRulesSay(rules: ReadonlyArray<{ readonly says: string }>): string {
  return `only ${rules.map((r) => r.says).join(', or ')}`;
}
