import { rule } from './policy.js';
import type { Principal } from './principal.js';
import { writesContent } from './principal.js';

/** What the rules of public communication decide on, read inside the command's transaction. */
export interface CommsContext {
  /** The member states affected by the incident (BLUEPRINT.md: its activating states). */
  affectedStates: readonly string[];
}

export interface VersionContext extends CommsContext {
  draftedBy: string;
  /** The drafter and the affected member states. */
  mustApprove: readonly string[];
  /** Organisations whose latest word on the version is approved or adapted. */
  agreed: readonly string[];
}

/** Who drafts a line to take for an incident. */
export const draftPublicMessage = [
  rule(
    'ERCC coordinators draft public messages',
    (p: Principal, _c: CommsContext) => writesContent(p) && p.organisation === 'ERCC',
  ),
  rule(
    'coordinators of an affected member state draft public messages',
    (p: Principal, c: CommsContext) => writesContent(p) && c.affectedStates.includes(p.organisation),
  ),
];

/** Who approves, rejects or adapts a version, for their own organisation. */
export const decidePublicMessage = [
  rule(
    'coordinators of an organisation that must approve the line decide on it for their organisation',
    (p: Principal, c: VersionContext) => writesContent(p) && c.mustApprove.includes(p.organisation),
  ),
];

/** Who writes the next version (Update, Cancel) or moves the embargo. */
export const reviseDraft = [
  rule(
    'coordinators of the organisation that drafted the line revise it',
    (p: Principal, c: VersionContext) => writesContent(p) && p.organisation === c.draftedBy,
  ),
];

/** Who records a national publication. */
export const publishNationally = [
  rule(
    'coordinators of an organisation that approved or adapted the line record its publication',
    (p: Principal, c: VersionContext) => writesContent(p) && c.agreed.includes(p.organisation),
  ),
];
