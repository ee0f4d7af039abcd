import { expect } from 'vitest';
import { stixProblems } from '../../test/support/stix-schemas.js';
import { exportStixBundle } from '../interchange/stix-export.js';
import type { Actor } from '../platform/actor.js';
import type { Platform } from '../platform/context.js';

/** What the demo prints of Estonia's STIX export and TAXII feed, and that the bundle it names is valid (demo.test.ts). */
export async function expectStixDemo(
  platform: Platform,
  actor: (email: string) => Promise<Actor>,
  output: string,
) {
  expect(output).toMatch(
    /over TAXII 2\.1 from http:\/\/\S+\/taxii2\/blueprint\/ with the API token \(shown only now\): bpt_\S+/,
  );
  const cableId = /npx blueprint export stix --as \S+ --incident (\S+)/.exec(output)?.[1];
  expect(cableId).toBeDefined();
  const ee = await actor('coordinator.ee@exercise.blueprint.example');
  const bundle = await exportStixBundle(platform, ee, cableId!);
  expect(stixProblems(bundle)).toEqual([]);
  expect(bundle.objects.filter((o) => o.type === 'note').length).toBeGreaterThan(0);
  expect(JSON.stringify(bundle)).not.toContain('TLP:AMBER+STRICT');
}
