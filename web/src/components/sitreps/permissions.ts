/**
 * Who may do what with a sitrep, as the server's policy (src/sharing/sitreps.ts) says; the web only hides what
 * would be refused, the server decides.
 */
import type { Sitrep } from '../../api/sitreps.js';
import type { Incident, Me } from '../../api/types.js';

function writes(me: Me): boolean {
  return me.role === 'coordinator' && me.organisation.kind !== 'nato' && !me.viaDisplay;
}

/** Member states taking part: affected, unconfirmed or entitled to activate. */
export function affectedStates(incident: Incident): string[] {
  return [
    ...new Set([
      ...incident.activatingStates,
      ...incident.assessment.significantlyAffected,
      ...incident.assessment.unconfirmed,
    ]),
  ];
}

/** ERCC, the Presidency and affected member states compile sitreps (and start corrections), as the server says. */
export function canCompile(me: Me, incident: Incident): boolean {
  return !me.viaDisplay && incident.abilities.compileSitrep;
}

/** The compiling organisation edits its draft and names contributors. */
export function canEdit(me: Me, sitrep: Sitrep): boolean {
  return writes(me) && sitrep.state === 'draft' && me.organisation.id === sitrep.createdBy.organisation;
}

/** Named contributors add their own section to a draft. */
export function canContribute(me: Me, sitrep: Sitrep): boolean {
  return writes(me) && sitrep.state === 'draft' && sitrep.contributors.includes(me.organisation.id);
}

/** ERCC and the Presidency approve, when they are in the sitrep's audience. */
export function canApprove(me: Me, sitrep: Sitrep, presidency: string | null): boolean {
  const org = me.organisation.id;
  return (
    writes(me) &&
    sitrep.state === 'draft' &&
    (org === 'ERCC' || org === presidency) &&
    sitrep.audience.includes(org)
  );
}

/** "SITREP 3" once published; null for a draft. */
export function sitrepNumber(sitrep: Pick<Sitrep, 'number'>): string | null {
  return sitrep.number === null ? null : `SITREP ${sitrep.number}`;
}
