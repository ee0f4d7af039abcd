import { languagesOf } from '../comms/languages.js';
import type { Platform } from '../platform/context.js';
import type { App } from '../platform/http/app.js';
import { presidencyCalendar, presidencyTermHolding } from '../presidency/flows.js';
import { MEMBER_STATES } from './countries.js';
import { MECHANISMS } from './mechanisms.js';
import { RegistryResponse } from './model.js';
import { isParticipatingOrganisation, ORGANISATIONS } from './organisations.js';
import { presidencyAt } from './presidency.js';
import { SECTORS } from './sectors.js';

export function registryRoutes(app: App, platform: Platform) {
  app.get(
    '/api/registry',
    {
      config: { duringEnrolment: true },
      schema: {
        tags: ['registry'],
        summary: 'Reference data: member states, organisations, CER sectors, the Council Presidency',
        response: { 200: RegistryResponse },
      },
    },
    async () => {
      // The calendar is data: one read per request, never cached (another process may extend it).
      const [calendar, holding] = await Promise.all([
        presidencyCalendar(platform.db.kysely),
        presidencyTermHolding(platform.db.kysely),
      ]);
      const current = holding ?? null;
      const next = current ? (presidencyAt(new Date(current.endsAt), calendar) ?? null) : null;
      return {
        memberStates: MEMBER_STATES.map((s) => ({
          code: s.code,
          name: s.name,
          nativeName: s.nativeName,
          languages: [...languagesOf(s.code)],
        })),
        organisations: ORGANISATIONS.map((o) => ({
          id: o.id,
          name: o.name,
          kind: o.kind,
          participating: isParticipatingOrganisation(o.id),
        })),
        sectors: SECTORS.map((s) => ({
          id: s.id,
          name: s.label,
          subsectors: s.subsectors.map((sub) => ({ id: sub.id, name: sub.label })),
        })),
        mechanisms: MECHANISMS.map((m) => ({
          id: m.id,
          name: m.name,
          lead: m.lead,
          recordedBy: [...m.recordedBy],
          what: m.what,
          modes: [...('modes' in m ? m.modes : [])],
        })),
        presidency: { current, next, calendar },
      };
    },
  );
}
