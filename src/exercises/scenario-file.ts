import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { Scenario } from './scenario-model.js';

/** A scenario file a facilitator wrote is read whole; anything this size is not a scenario. */
export const MAX_SCENARIO_BYTES = 512 * 1024;

/** What is wrong with a scenario file, each problem with where it is (`injects[2].as`). */
export class ScenarioError extends Error {
  constructor(
    readonly file: string,
    readonly problems: ReadonlyArray<{ path: string; message: string }>,
  ) {
    super(`${file}: ${problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join('; ')}`);
    this.name = 'ScenarioError';
  }
}

function pathOf(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>(
    (out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)),
    '',
  );
}

/** Reads a scenario from its YAML text, checked field by field. */
export function parseScenario(text: string, file = 'scenario'): Scenario {
  if (Buffer.byteLength(text) > MAX_SCENARIO_BYTES)
    throw new ScenarioError(file, [{ path: '', message: `larger than ${MAX_SCENARIO_BYTES / 1024} KiB` }]);
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0)
    throw new ScenarioError(
      file,
      doc.errors.map((e) => ({ path: '', message: e.message.split('\n')[0] ?? e.message })),
    );
  // Aliases can multiply a small file into a huge value; a scenario needs no more than a few.
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 50 });
  } catch (e) {
    // The yaml library refuses a document whose aliases expand beyond the count: say so, never crash.
    throw new ScenarioError(file, [{ path: '', message: `too many aliases: ${(e as Error).message}` }]);
  }
  const parsed = Scenario.safeParse(value);
  if (!parsed.success) throw new ScenarioError(file, problemsOf(parsed.error));
  return parsed.data;
}

function problemsOf(error: z.ZodError) {
  return error.issues.map((issue) => ({ path: pathOf(issue.path), message: issue.message }));
}
