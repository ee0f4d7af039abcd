import { dictionary } from '@zxcvbn-ts/language-common';

const COMMON_PASSWORDS = new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));

export const MIN_PASSWORD_LENGTH = 12;

/**
 * NIST SP 800-63B: a length floor, no composition rules, and a refusal of passwords that are known to be
 * common or that repeat the account's own name. Returns the reason, or undefined when acceptable.
 */
export function passwordProblem(password: string, context: { email?: string } = {}): string | undefined {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return `must be at least ${MIN_PASSWORD_LENGTH} characters`;
  if (length > 256) return 'must be at most 256 characters';
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower)) return 'is on a list of commonly used passwords';
  if (/^(.)\1+$/u.test(password)) return 'repeats a single character';
  const local = context.email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && lower.includes(local)) return 'must not contain the e-mail address';
  if (lower.includes('blueprint') && length < 20) return 'must not be built on the name of this platform';
  return undefined;
}

export interface SessionTimes {
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

/** A session ends after the idle limit or at its absolute expiry, whichever comes first. */
export function isSessionAlive(session: SessionTimes, now: Date, idleMinutes: number): boolean {
  const t = now.getTime();
  return Date.parse(session.expiresAt) > t && Date.parse(session.lastSeenAt) + idleMinutes * 60_000 > t;
}

/** When a session ends unless it is used again: its idle limit or its absolute expiry, whichever comes first. */
export function sessionEndsAt(
  session: Pick<SessionTimes, 'lastSeenAt' | 'expiresAt'>,
  idleMinutes: number,
): string {
  const idle = Date.parse(session.lastSeenAt) + idleMinutes * 60_000;
  return new Date(Math.min(idle, Date.parse(session.expiresAt))).toISOString();
}

/** Touching a session on every request would turn every read into a write; once a minute is enough. */
export function shouldTouchSession(lastSeenAt: string, now: Date): boolean {
  return now.getTime() - Date.parse(lastSeenAt) > 60_000;
}
