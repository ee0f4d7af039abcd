import type * as policy from '../sharing/after-action.js';
import type { ReportSection } from './model.js';
import type { ReportRow } from './store.js';

/** Who a report reaches, as the sharing rules read it, from its stored row. */
export function reachOf(row: ReportRow): policy.ReportReach {
  const sections = JSON.parse(row.sections) as ReportSection[];
  return {
    state: row.state as policy.ReportState,
    authorOrg: row.created_org,
    audience: JSON.parse(row.audience) as string[],
    nato: row.nato === 1,
    sectionOwners: sections.flatMap((s) => (s.owner ? [s.owner] : [])),
  };
}
