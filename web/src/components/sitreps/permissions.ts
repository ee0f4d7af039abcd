/**
 * Who may do what with a sitrep, as the server's policy (src/sharing/sitreps.ts) says; the web only hides what
 * would be refused, the server decides.
 */
import type { Sitrep } from '../../api/sitreps.js';
import type { Incident, Me } from '../../api/types.js';

/** ERCC, the Presidency and affected member states compile sitreps (and start corrections), as the server says. */
export function canCompile(me: Me, incident: Incident): boolean {
  return !me.viaDisplay && incident.abilities.compileSitrep;
}

/** The compiling organisation edits its draft and names contributors (the server's rule, in `sitrep.abilities`). */
export function canEdit(sitrep: Sitrep): boolean {
  return sitrep.abilities.edit;
}

/** Named contributors add their own section to a draft. */
export function canContribute(sitrep: Sitrep): boolean {
  return sitrep.abilities.contribute;
}

/** ERCC and the Presidency approve, when they are in the sitrep's audience. */
export function canApprove(sitrep: Sitrep): boolean {
  return sitrep.abilities.approve;
}

/** "SITREP 3" once published; null for a draft. */
export function sitrepNumber(sitrep: Pick<Sitrep, 'number'>): string | null {
  return sitrep.number === null ? null : `SITREP ${sitrep.number}`;
}
