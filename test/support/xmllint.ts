import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { STANDARDS_DIR, standard } from './standards.js';

export const CAP_XSD = path.join(STANDARDS_DIR, 'cap-1.2', 'CAP-v1.2.xsd');

/** Validates a document against an XML schema with xmllint; the errors it printed when it is not valid. */
export function validateAgainst(xsd: string, xml: string): { valid: boolean; errors: string } {
  standard(); // a clear failure when the schemas are not where the tests expect them
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bp-xmllint-'));
  try {
    const file = path.join(dir, 'doc.xml');
    fs.writeFileSync(file, xml);
    const run = spawnSync('xmllint', ['--noout', '--nonet', '--schema', xsd, file], { encoding: 'utf8' });
    if (run.error) throw run.error;
    return { valid: run.status === 0, errors: run.stderr };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
