import { describe, expect, it } from 'vitest';
import {
  afterFailure,
  type LimitCounter,
  releaseAttempt,
  reserveAttempt,
  type SignInLimits,
  slowdownMs,
} from './sign-in-limits.js';

const limits: SignInLimits = {
  maxFailures: 5,
  lockMinutes: 15,
  maxFailuresPerAddress: 3,
  slowdownSeconds: 1,
};
const t0 = new Date('2026-11-28T10:00:00Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

/** One attempt that is verified and wrong; returns the counters after it, or the refusal. */
function failOnce(account: LimitCounter | undefined, address: LimitCounter | undefined, now: Date) {
  const r = reserveAttempt(account, address, now, limits);
  if (!r.allowed) return r;
  return { ...r, account: afterFailure(r.account, now), address: afterFailure(r.address, now) };
}

describe('sign-in limits', () => {
  it('counts attempts before they are verified: a burst gets at most the limit, then the account is locked', () => {
    // From fifty addresses at once (one address would also be throttled, see below).
    let account: LimitCounter | undefined;
    const outcomes: string[] = [];
    for (let i = 0; i < 50; i++) {
      const r = reserveAttempt(account, undefined, t0, limits);
      outcomes.push(r.allowed ? 'verified' : r.reason);
      if (r.allowed) account = r.account;
    }
    expect(outcomes.filter((o) => o === 'verified')).toHaveLength(5);
    expect(outcomes.slice(5).every((o) => o === 'locked')).toBe(true);
    expect(reserveAttempt(account, undefined, at(15 * 60 - 1), limits)).toMatchObject({ allowed: false });
    expect(reserveAttempt(account, undefined, at(15 * 60), limits)).toMatchObject({ allowed: true });
  });

  it('slows failures down progressively, doubling, capped at the lock time', () => {
    expect([0, 1, 2, 3, 4].map((n) => slowdownMs(n, limits))).toEqual([0, 1000, 2000, 4000, 8000]);
    expect(slowdownMs(40, limits)).toBe(15 * 60_000);
    expect(slowdownMs(3, { ...limits, slowdownSeconds: 0 })).toBe(0);
    const first = failOnce(undefined, undefined, t0);
    if (!first.allowed) throw new Error('first attempt refused');
    expect(reserveAttempt(first.account, undefined, at(0.5), limits)).toMatchObject({
      allowed: false,
      reason: 'slowed',
    });
    const second = failOnce(first.account, undefined, at(1));
    if (!second.allowed) throw new Error('second attempt refused');
    expect(reserveAttempt(second.account, undefined, at(2.5), limits).allowed).toBe(false);
    expect(reserveAttempt(second.account, undefined, at(3), limits).allowed).toBe(true);
  });

  it('gives a throttled address clean accounts, and retries on failed accounts only at intervals', () => {
    let address: LimitCounter | undefined;
    // Five failures against an allowance of three: retries wait 4 s (1 s doubling past the allowance).
    for (let i = 0; i < 5; i++) {
      const r = failOnce(undefined, address, t0);
      if (!r.allowed) throw new Error('clean account refused');
      address = r.address;
    }
    // A colleague's account with no failure is verified however throttled the address is.
    expect(reserveAttempt(undefined, address, t0, limits).allowed).toBe(true);
    const failedAccount = failOnce(undefined, undefined, t0);
    if (!failedAccount.allowed) throw new Error('refused');
    expect(reserveAttempt(failedAccount.account, address, at(1.5), limits)).toMatchObject({
      allowed: false,
      reason: 'slowed',
    });
    // The same account from another address is not slowed by this one.
    expect(reserveAttempt(failedAccount.account, undefined, at(1.5), limits).allowed).toBe(true);
    expect(reserveAttempt(failedAccount.account, address, at(3.9), limits).allowed).toBe(false);
    expect(reserveAttempt(failedAccount.account, address, at(4), limits).allowed).toBe(true);
  });

  it('forgets a quiet counter, and gives an attempt back when the password proved right', () => {
    const r = failOnce(undefined, undefined, t0);
    if (!r.allowed) throw new Error('refused');
    expect(reserveAttempt(r.account, r.address, at(15 * 60), limits)).toMatchObject({
      allowed: true,
      account: { failures: 1 },
    });
    expect(releaseAttempt(r.account, t0, limits).failures).toBe(0);
    const locking = { failures: 5, lastFailureAt: null, lockedUntil: at(900).toISOString(), updatedAt: '' };
    expect(releaseAttempt(locking, t0, limits).lockedUntil).toBeNull();
  });
});
