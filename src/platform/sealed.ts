import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Secrets the platform must read back (a webhook's HMAC secret signs every delivery, so it cannot be hashed like a
 * token) are kept sealed with AES-256-GCM: a copy of the database alone does not give them away. Each purpose has a
 * key of its own, derived from the audit key the platform already keeps (AUDIT_KEY, else DATA_DIR/audit.key), so
 * no new key has to be issued, stored or backed up; replacing the audit key makes sealed secrets unreadable.
 */
const SEALED_PREFIX = 'aes-256-gcm:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** What a sealing key is for: each purpose gets its own key, so one never opens another's secrets. */
export type SealingPurpose = 'webhook secrets';

export function sealingKey(auditKey: Buffer, purpose: SealingPurpose): Buffer {
  return Buffer.from(hkdfSync('sha256', auditKey, 'blueprint sealed secrets', purpose, 32));
}

/** `aes-256-gcm:<base64url of iv, tag and ciphertext>`; a fresh IV every time, so equal secrets seal differently. */
export function seal(key: Buffer, plaintext: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return SEALED_PREFIX + Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64url');
}

export function isSealed(value: string): boolean {
  return value.startsWith(SEALED_PREFIX);
}

/** The secret a `seal` kept; throws when the value was not sealed with this key or was altered. */
export function unseal(key: Buffer, sealed: string): string {
  if (!isSealed(sealed)) throw new Error('not a sealed secret');
  const raw = Buffer.from(sealed.slice(SEALED_PREFIX.length), 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
  decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
    'utf8',
  );
}
