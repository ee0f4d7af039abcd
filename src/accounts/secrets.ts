import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import * as OTPAuth from 'otpauth';

// OWASP's argon2id baseline (19 MiB, 2 passes): about 35 ms per hash on this class of machine.
const ARGON2 = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** A hash to compare against when the account does not exist, so timing does not reveal which e-mails exist. */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(16).toString('hex'));
  return decoy;
}

/** Opaque bearer secrets (session cookies, API tokens): 256 random bits; only their SHA-256 is stored. */
export function newSecret(prefix: string): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

export function secretHash(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

const TOTP_PERIOD = 30;

export function newTotpSecret(): string {
  return new OTPAuth.Secret({ size: 20 }).base32;
}

export function totpUri(secret: string, account: string): string {
  return new OTPAuth.TOTP({
    issuer: 'Blueprint',
    label: account,
    secret: OTPAuth.Secret.fromBase32(secret),
    period: TOTP_PERIOD,
    digits: 6,
    algorithm: 'SHA1',
  }).toString();
}

/**
 * The time step a code belongs to (one step of clock drift either way), or undefined. Callers refuse a step
 * at or before the last one used, so an observed code cannot be replayed.
 */
export function totpStep(secret: string, code: string, now = Date.now()): number | undefined {
  const totp = new OTPAuth.TOTP({
    secret: OTPAuth.Secret.fromBase32(secret),
    period: TOTP_PERIOD,
    digits: 6,
  });
  const delta = totp.validate({ token: code, timestamp: now, window: 1 });
  if (delta === null) return undefined;
  return Math.floor(now / 1000 / TOTP_PERIOD) + delta;
}

export function totpCode(secret: string, now = Date.now()): string {
  return new OTPAuth.TOTP({
    secret: OTPAuth.Secret.fromBase32(secret),
    period: TOTP_PERIOD,
    digits: 6,
  }).generate({
    timestamp: now,
  });
}
