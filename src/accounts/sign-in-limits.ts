/**
 * Sign-in limits: pure decisions over two counters, one per account (keyed by the e-mail address typed, so an
 * address with no account takes exactly the same path) and one per client address.
 *
 * - An attempt is counted BEFORE its password is verified, as a presumed failure, in the same transaction that
 *   reads the counters (src/accounts/sign-in-attempts.ts). However many attempts arrive at once, on however
 *   many instances, an account has at most `maxFailures` of them verified before it is locked.
 * - A verified failure stamps the time; the next attempt on that account waits `slowdownSeconds`, doubling
 *   with every failure (1 s, 2 s, 4 s, …), capped at the lock time. The lock lasts `lockMinutes`.
 * - A correct password resets the account's counter and gives its presumed failure back to the address.
 * - An address is never refused on its own, so a correct password is never refused because others failed
 *   from the same address (a proxy, a ministry's network). Past `maxFailuresPerAddress` failures it is
 *   throttled: an attempt on an account with no recent failure is still verified (a colleague signing in),
 *   but retries on accounts that already failed pass only one at a time, at doubling intervals (at least a
 *   second, even with the account slow-down off). A guesser cycling through accounts from one address gets one
 *   guess per account and then crawls; a colleague behind the same address who already failed on their own
 *   account waits like the guesser, because the two cannot be told apart before the password is checked.
 * - Counters are forgotten after `lockMinutes` without an attempt.
 *
 * Refusals are 401 `locked` (CONTRACT: sign-in answers 200 or 401), the same for an address with no account.
 */
export interface SignInLimits {
  maxFailures: number;
  lockMinutes: number;
  maxFailuresPerAddress: number;
  slowdownSeconds: number;
}

export interface LimitCounter {
  /** Attempts not proven correct: presumed failures in flight and verified failures. */
  failures: number;
  /** The last verified failure (or, on a throttled address, the last retry let through). */
  lastFailureAt: string | null;
  lockedUntil: string | null;
  updatedAt: string;
}

export function limitsOf(config: {
  LOGIN_MAX_FAILURES: number;
  LOGIN_LOCK_MINUTES: number;
  LOGIN_MAX_FAILURES_PER_ADDRESS: number;
  LOGIN_SLOWDOWN_SECONDS: number;
}): SignInLimits {
  return {
    maxFailures: config.LOGIN_MAX_FAILURES,
    lockMinutes: config.LOGIN_LOCK_MINUTES,
    maxFailuresPerAddress: config.LOGIN_MAX_FAILURES_PER_ADDRESS,
    slowdownSeconds: config.LOGIN_SLOWDOWN_SECONDS,
  };
}

const fresh = (now: Date): LimitCounter => ({
  failures: 0,
  lastFailureAt: null,
  lockedUntil: null,
  updatedAt: now.toISOString(),
});

/** A counter as it stands now: an expired lock starts over, and a quiet counter is forgotten. */
export function currentCounter(
  stored: LimitCounter | undefined,
  now: Date,
  limits: SignInLimits,
): LimitCounter {
  if (!stored) return fresh(now);
  const t = now.getTime();
  if (stored.lockedUntil !== null) return Date.parse(stored.lockedUntil) <= t ? fresh(now) : stored;
  if (Date.parse(stored.updatedAt) + limits.lockMinutes * 60_000 <= t) return fresh(now);
  return stored;
}

/** How long after the last failure the next attempt waits: doubling per failure, at most the lock time. */
export function slowdownMs(failures: number, limits: SignInLimits): number {
  if (failures <= 0 || limits.slowdownSeconds === 0) return 0;
  const doubled = limits.slowdownSeconds * 1000 * 2 ** Math.min(failures - 1, 30);
  return Math.min(doubled, limits.lockMinutes * 60_000);
}

/**
 * How long a throttled address waits between retries on accounts that already failed: doubling with every failure
 * past its allowance, at most the lock time. At least a second apart even when accounts have no slow-down.
 */
export function addressRetryMs(failuresPastAllowance: number, limits: SignInLimits): number {
  const base = Math.max(1, limits.slowdownSeconds) * 1000;
  return Math.min(base * 2 ** Math.min(failuresPastAllowance, 30), limits.lockMinutes * 60_000);
}

const after = (at: string | null, ms: number) => (at === null ? 0 : Date.parse(at) + ms);

export type Reservation =
  | { allowed: true; account: LimitCounter; address: LimitCounter; locksAccount: boolean }
  | { allowed: false; reason: 'locked' | 'slowed'; until: Date };

/** Decides whether an attempt may be verified now, and the counters that record it as a presumed failure. */
export function reserveAttempt(
  storedAccount: LimitCounter | undefined,
  storedAddress: LimitCounter | undefined,
  now: Date,
  limits: SignInLimits,
): Reservation {
  const t = now.getTime();
  const at = now.toISOString();
  const account = currentCounter(storedAccount, now, limits);
  const address = currentCounter(storedAddress, now, limits);
  if (account.lockedUntil !== null) {
    return { allowed: false, reason: 'locked', until: new Date(account.lockedUntil) };
  }
  const accountReady = after(account.lastFailureAt, slowdownMs(account.failures, limits));
  if (t < accountReady) return { allowed: false, reason: 'slowed', until: new Date(accountReady) };

  let addressLastFailureAt = address.lastFailureAt;
  const excess = address.failures - limits.maxFailuresPerAddress;
  // A throttled address still gets an account with a clean record verified: that is how a correct password is
  // never refused for others' failures. Only retries on accounts that already failed are slowed.
  if (excess >= 0 && account.failures > 0) {
    const addressReady = after(address.lastFailureAt, addressRetryMs(excess, limits));
    if (t < addressReady) return { allowed: false, reason: 'slowed', until: new Date(addressReady) };
    addressLastFailureAt = at;
  }

  const failures = account.failures + 1;
  const locksAccount = failures >= limits.maxFailures;
  return {
    allowed: true,
    locksAccount,
    account: {
      failures,
      lastFailureAt: account.lastFailureAt,
      lockedUntil: locksAccount ? new Date(t + limits.lockMinutes * 60_000).toISOString() : null,
      updatedAt: at,
    },
    address: {
      failures: address.failures + 1,
      lastFailureAt: addressLastFailureAt,
      lockedUntil: null,
      updatedAt: at,
    },
  };
}

/** A verified failure: the presumed failure stays counted and the slow-down starts from now. */
export function afterFailure(counter: LimitCounter, now: Date): LimitCounter {
  const at = now.toISOString();
  return { ...counter, lastFailureAt: at, updatedAt: at };
}

/**
 * Gives one presumed failure back: to the address after a correct password, and to the account when the
 * password was right but the second factor is still to come (the code's own failures count as usual).
 */
export function releaseAttempt(counter: LimitCounter, now: Date, limits: SignInLimits): LimitCounter {
  const failures = Math.max(0, counter.failures - 1);
  return {
    ...counter,
    failures,
    lockedUntil: failures >= limits.maxFailures ? counter.lockedUntil : null,
    updatedAt: now.toISOString(),
  };
}
