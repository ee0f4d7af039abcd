import { seal, sealingKey, unseal } from '../platform/sealed.js';

/**
 * A webhook's HMAC secret must be read back to sign each delivery, so it is sealed rather than hashed: the row
 * holds AES-256-GCM ciphertext under a key derived from the audit key, and the secret exists in plain text only
 * while a delivery is signed.
 */
const keys = new WeakMap<Buffer, Buffer>();

function webhookKey(auditKey: Buffer): Buffer {
  let key = keys.get(auditKey);
  if (!key) {
    key = sealingKey(auditKey, 'webhook secrets');
    keys.set(auditKey, key);
  }
  return key;
}

export function sealWebhookSecret(auditKey: Buffer, secret: string): string {
  return seal(webhookKey(auditKey), secret);
}

export function unsealWebhookSecret(auditKey: Buffer, sealed: string): string {
  return unseal(webhookKey(auditKey), sealed);
}
