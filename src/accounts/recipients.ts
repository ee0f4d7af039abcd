import { z } from 'zod';
import type { Actor } from '../platform/actor.js';
import type { Platform } from '../platform/context.js';
import type { App } from '../platform/http/app.js';
import { actorOf } from '../platform/http/request.js';
import { PARTICIPATING_ORGANISATIONS } from '../registry/organisations.js';
import { assertAllowed, isAllowed } from '../sharing/policy.js';
import { findRecipients, receiveRed } from '../sharing/recipients.js';
import { RecipientOption, type Role } from './model.js';
import { findPeople } from './store.js';

export const RecipientQuery = z.object({
  q: z.string().trim().max(100).default(''),
  /** `true` when the entry is released to NATO: only then are the NATO liaison's people offered. */
  nato: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .default(false),
});

const PAGE = 20;

/** The people the caller may name as TLP:RED recipients whose name or address contains `q`, by name. */
export async function listRecipientOptions(
  platform: Platform,
  actor: Actor,
  query: z.infer<typeof RecipientQuery>,
): Promise<RecipientOption[]> {
  assertAllowed(findRecipients, 'only coordinators of participating organisations name recipients', actor);
  const choice = { releasableToNato: query.nato };
  const organisations = [...PARTICIPATING_ORGANISATIONS.map((o) => o.id), ...(query.nato ? ['NATO'] : [])];
  const rows = await findPeople(platform.db.kysely, {
    organisations,
    needle: query.q.toLowerCase(),
    limit: PAGE * 2,
  });
  // The query narrows; the rule decides, so the picker offers exactly whom a write would accept.
  return rows
    .filter((u) =>
      isAllowed(
        receiveRed,
        { userId: u.id, organisation: u.organisation, role: u.role as Role, active: u.active === 1 },
        choice,
      ),
    )
    .slice(0, PAGE)
    .map((u) => ({ userId: u.id, name: u.display_name, organisation: u.organisation, email: u.email }));
}

export function recipientRoutes(app: App, platform: Platform) {
  app.get(
    '/api/recipients',
    {
      schema: {
        tags: ['sharing'],
        summary: 'People who may be named as TLP:RED recipients (name, organisation, address), by name',
        description:
          'Active people of the participating organisations whose name or address contains `q` (at most 20); ' +
          "the NATO liaison's people only with `nato=true`. Platform admins are never offered.",
        querystring: RecipientQuery,
        response: { 200: z.object({ items: z.array(RecipientOption) }) },
      },
    },
    async (request) => ({
      items: await listRecipientOptions(platform, actorOf(request), request.query),
    }),
  );
}
