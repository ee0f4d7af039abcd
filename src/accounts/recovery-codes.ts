import { randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/** How many codes enrolment hands out; regenerating replaces them all. */
export const RECOVERY_CODE_COUNT = 10;

// No 0/O, 1/I/L: the codes are read off paper and typed under stress.
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const LENGTH = 10;

// Each code carries about 49 random bits, so a light argon2id setting suffices, and checking all ten at a
// sign-in stays well under the cost of one password check.
const ARGON2 = { memoryCost: 4096, timeCost: 1, parallelism: 1 } as const;

/** Ten fresh codes, shown as `ABCDE-FGHJK`. */
export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const chars = Array.from({ length: LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** A code as typed, made comparable: neither case, spaces nor the dash matter. */
export function normaliseRecoveryCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '');
}

export function hashRecoveryCode(code: string): Promise<string> {
  return hash(normaliseRecoveryCode(code), ARGON2);
}

/** Which of the stored hashes (by id) the typed code matches, or undefined. */
export async function matchRecoveryCode(
  stored: ReadonlyArray<{ id: string; codeHash: string }>,
  typed: string,
): Promise<string | undefined> {
  const code = normaliseRecoveryCode(typed);
  const results = await Promise.all(
    stored.map(async (s) => {
      try {
        return (await verify(s.codeHash, code)) ? s.id : undefined;
      } catch {
        return undefined;
      }
    }),
  );
  return results.find((id) => id !== undefined);
}
