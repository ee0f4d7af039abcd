import type { z } from 'zod';
import { lastAuditCheck } from '../platform/audit/check.js';
import type { Platform } from '../platform/context.js';
import { Forbidden } from '../platform/errors.js';
import type { App } from '../platform/http/app.js';
import { actorOf } from '../platform/http/request.js';
import { auditScope, readAudit, shownAuditDetails } from '../sharing/audit.js';
import { isAllowed } from '../sharing/policy.js';
import { AuditPage, AuditQuery } from './model.js';

export function auditRoutes(app: App, platform: Platform) {
  app.get(
    '/api/audit',
    {
      schema: {
        tags: ['audit'],
        summary:
          'The audit log, newest first (admins: all; org-admins: their organisation), with the last chain check',
        querystring: AuditQuery,
        response: { 200: AuditPage },
      },
    },
    async (request): Promise<z.infer<typeof AuditPage>> => {
      const actor = actorOf(request);
      const scope = auditScope(actor);
      if (scope === 'none') throw new Forbidden('only administrators read the audit log');
      let q = platform.db.kysely
        .selectFrom('audit_records as a')
        .leftJoin('users as u', 'u.id', 'a.actor_user_id')
        .select([
          'a.seq',
          'a.at',
          'a.actor_user_id',
          'a.actor_org',
          'a.action',
          'a.subject_type',
          'a.subject_id',
          'a.details',
          'u.display_name',
        ])
        .orderBy('a.seq', 'desc')
        .limit(request.query.limit);
      if ('organisation' in scope) q = q.where('a.actor_org', '=', scope.organisation);
      if (request.query.before) q = q.where('a.seq', '<', request.query.before);
      if (request.query.action) q = q.where('a.action', '=', request.query.action);
      // The SQL scope decides; the rules check again, so a disagreement can only ever hide, never reveal.
      const rows = (await q.execute()).filter((r) => isAllowed(readAudit, actor, r.actor_org));
      // Verifying the whole chain is linear in its length: the scheduled check and `blueprint audit verify` do it,
      // and a page shows the last result.
      const check = await lastAuditCheck(platform.db.kysely);
      return {
        items: rows.map((r) => ({
          seq: Number(r.seq),
          at: r.at,
          actor: { userId: r.actor_user_id, name: r.display_name, organisation: r.actor_org },
          action: r.action,
          subjectType: r.subject_type,
          subjectId: r.subject_id,
          details: shownAuditDetails(r.action, JSON.parse(r.details) as Record<string, unknown>),
        })),
        chain: check
          ? {
              checkedAt: check.checkedAt,
              intact: check.intact,
              records: check.records,
              brokenAt: check.brokenAt,
            }
          : { checkedAt: null, intact: null, records: 0, brokenAt: null },
      };
    },
  );
}
