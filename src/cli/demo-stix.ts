import { createToken } from '../accounts/flows.js';
import type { Actor } from '../platform/actor.js';
import type { Platform } from '../platform/context.js';
import { API_ROOT } from '../taxii/model.js';

/**
 * The exercise's interchange with a national CSIRT: Estonia's MISP pulls the incidents Estonia may see over TAXII
 * 2.1 with an API token of its coordinator, and the cable incident exports as a STIX 2.1 bundle. Returns the lines
 * the demo prints (the token is shown only then).
 */
export async function demoStixFeeds(platform: Platform, ee: Actor, cableId: string): Promise<string[]> {
  const token = await createToken(platform, ee, 'Estonian CSIRT MISP, TAXII pull (exercise)');
  const base = (
    platform.config.PUBLIC_URL ?? `http://${platform.config.HOST}:${platform.config.PORT}`
  ).replace(/\/+$/, '');
  return [
    `The cable incident as Estonia may share it with its CSIRT, a STIX 2.1 bundle: npx blueprint export stix --as ${ee.email} --incident ${cableId}`,
    `Estonia's MISP pulls over TAXII 2.1 from ${base}/taxii2/${API_ROOT}/ with the API token (shown only now): ${token.token}`,
  ];
}
