import { createHash } from 'node:crypto';

/** The platform's own namespace for name-based STIX ids, so the same thing gets the same id in every bundle. */
const BLUEPRINT_NAMESPACE = 'b1e9f1a0-3c52-4d0e-9a7e-2f6c1d8e4b30';

/** An RFC 9562 version 5 UUID (SHA-1, name-based) of `name` in the platform's namespace. */
export function nameBasedUuid(name: string): string {
  const namespace = Buffer.from(BLUEPRINT_NAMESPACE.replaceAll('-', ''), 'hex');
  const hash = createHash('sha1').update(namespace).update(name, 'utf8').digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * A stable STIX id, `<type>--<uuid>`, named after the platform's own id or key. STIX accepts UUID versions 1 to 5
 * only, and the platform's ids are version 7, so every id is derived by name; `external_references` keep the
 * platform's id beside it.
 */
export function stixId(type: string, key: string): string {
  return `${type}--${nameBasedUuid(`${type}:${key}`)}`;
}
