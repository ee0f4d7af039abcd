// The official schemas and samples the tests validate against: `../shared/standards` beside the project's root
// (where the project's working agreement keeps them), or wherever STANDARDS_DIR points.
import fs from 'node:fs';
import path from 'node:path';

const besideProject = path.resolve(import.meta.dirname, '../../../shared/standards');

export const STANDARDS_DIR = process.env.STANDARDS_DIR
  ? path.resolve(process.env.STANDARDS_DIR)
  : besideProject;

/** A file under the standards folder; a missing folder fails the test that needs it with a clear message. */
export function standard(...parts: string[]): string {
  if (!fs.existsSync(STANDARDS_DIR))
    throw new Error(
      `the official schemas are missing at ${STANDARDS_DIR}: keep ../shared/standards beside the project or set STANDARDS_DIR`,
    );
  return path.join(STANDARDS_DIR, ...parts);
}
