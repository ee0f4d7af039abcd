import type { Actor } from '../platform/actor.js';
import { Forbidden } from '../platform/errors.js';
import { grantedBy, rule } from './policy.js';

/**
 * What an operations-room wall screen shows, route by route (`METHOD /path` as declared): who it is, the incidents
 * it rotates through, each one's picture and latest entries, the live stream that keeps them current, and signing
 * itself out. Nothing else: no exports (STIX, CAP, EDXL, sitrep documents, incident exports), no search, no
 * entry details, attachments, sitreps or directories.
 */
export const WALL_SCREEN_SHOWS: ReadonlySet<string> = new Set([
  'GET /api/me',
  'POST /api/auth/logout',
  'GET /api/incidents',
  'GET /api/incidents/:id',
  'GET /api/incidents/:id/picture',
  'GET /api/incidents/:id/entries',
  'GET /api/stream',
]);

/** Which routes a signed-in caller reaches at all; each route then decides with its own rules. */
export const reachRoute = [
  rule(
    'people, through their sessions and API tokens, reach every route',
    (a: Pick<Actor, 'via'>, _route: string) => a.via !== 'display',
  ),
  rule(
    'wall screens reach only what a wall screen shows: incidents, their pictures and latest entries, the live stream',
    (a: Pick<Actor, 'via'>, route: string) => a.via === 'display' && WALL_SCREEN_SHOWS.has(route),
  ),
];

/** The gate every signed-in API request passes; a HEAD asks for what its GET shows. */
export function assertReachesRoute(actor: Pick<Actor, 'via'>, method: string, path: string): void {
  const route = `${method === 'HEAD' ? 'GET' : method} ${path}`;
  if (!grantedBy(reachRoute, actor, route))
    throw new Forbidden('a wall screen only shows incidents and their pictures');
}
