import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.js';

/** The audit key: AUDIT_KEY, else DATA_DIR/audit.key (created on first use, readable by the owner only). */
export function loadAuditKey(config: Pick<Config, 'AUDIT_KEY' | 'dataDir'>): Buffer {
  if (config.AUDIT_KEY) return Buffer.from(config.AUDIT_KEY, 'utf8');
  const file = path.join(config.dataDir, 'audit.key');
  fs.mkdirSync(config.dataDir, { recursive: true });
  try {
    fs.writeFileSync(file, randomBytes(32).toString('hex'), { flag: 'wx', mode: 0o600 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'utf8');
}
