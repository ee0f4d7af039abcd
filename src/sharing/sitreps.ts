import { isAllowed, rule } from './policy.js';
import type { Principal } from './principal.js';
import { isNatoLiaison, readsContent, writesContent } from './principal.js';

export interface SitrepReach {
  state: 'draft' | 'published';
  authorOrg: string;
  audience: readonly string[];
  nato: boolean;
  contributors: readonly string[];
  /** Organisations that approve sitreps: ERCC and the member state holding the Presidency. */
  approvers: readonly string[];
}

/** Who approves sitreps, at the instant of approval: the Presidency passes to the next holder at the change of term. */
export const approvesSitreps = [
  rule(
    'ERCC approves sitreps',
    (organisation: string, _presidency: string | null) => organisation === 'ERCC',
  ),
  rule(
    'the member state holding the Council Presidency approves sitreps',
    (organisation: string, presidency: string | null) => presidency !== null && organisation === presidency,
  ),
];

/** The organisations `approvesSitreps` names while `presidency` holds the Presidency. */
export function sitrepApprovers(presidency: string | null): string[] {
  return ['ERCC', ...(presidency ? [presidency] : [])].filter((o) =>
    isAllowed(approvesSitreps, o, presidency),
  );
}

/** Who reads a sitrep. A draft stays with those who write or approve it, and only within its audience. */
export const readSitrep = [
  rule(
    'the compiling organisation reads its sitreps',
    (p: Principal, s: SitrepReach) => readsContent(p) && p.organisation === s.authorOrg,
  ),
  rule(
    'named contributors read the draft they contribute to',
    (p: Principal, s: SitrepReach) =>
      readsContent(p) && s.state === 'draft' && s.contributors.includes(p.organisation),
  ),
  rule(
    'approvers in the audience read drafts to approve them',
    (p: Principal, s: SitrepReach) =>
      readsContent(p) &&
      s.state === 'draft' &&
      s.approvers.includes(p.organisation) &&
      s.audience.includes(p.organisation),
  ),
  rule(
    'the audience reads published sitreps',
    (p: Principal, s: SitrepReach) =>
      readsContent(p) && s.state === 'published' && s.audience.includes(p.organisation),
  ),
  rule(
    'the NATO liaison reads published sitreps released to NATO',
    (p: Principal, s: SitrepReach) =>
      readsContent(p) && s.state === 'published' && s.nato && isNatoLiaison(p),
  ),
];

export interface CompileContext {
  /** Member states taking part: affected, unconfirmed or activating. */
  affectedStates: readonly string[];
  presidency: string | null;
}

export const compileSitrep = [
  rule(
    'ERCC coordinators compile sitreps',
    (p: Principal, _c: CompileContext) => writesContent(p) && p.organisation === 'ERCC',
  ),
  rule(
    'Presidency coordinators compile sitreps',
    (p: Principal, c: CompileContext) =>
      writesContent(p) && c.presidency !== null && p.organisation === c.presidency,
  ),
  rule(
    'coordinators of an affected member state compile sitreps',
    (p: Principal, c: CompileContext) => writesContent(p) && c.affectedStates.includes(p.organisation),
  ),
];

export const editSitrep = [
  rule(
    'coordinators of the compiling organisation edit its draft',
    (p: Principal, s: SitrepReach) =>
      writesContent(p) && s.state === 'draft' && p.organisation === s.authorOrg,
  ),
];

export const contributeToSitrep = [
  rule(
    'coordinators of a named contributor add their section to a draft',
    (p: Principal, s: SitrepReach) =>
      writesContent(p) && s.state === 'draft' && s.contributors.includes(p.organisation),
  ),
];

/** Whether the approver must be someone other than the compiler (the platform setting `sitrepFourEyes`). */
export interface SitrepApproval {
  /** The user who compiled the draft. */
  compiledBy: string;
  fourEyes: boolean;
}

/** Who approves a draft for ERCC or the Presidency, before four eyes is asked. */
export const approveSitrepForOrganisation = [
  rule(
    'coordinators of ERCC or of the Presidency in the audience approve a draft',
    (p: Principal, s: SitrepReach) =>
      writesContent(p) &&
      s.state === 'draft' &&
      s.approvers.includes(p.organisation) &&
      s.audience.includes(p.organisation),
  ),
];

/** Four eyes: a second person approves what one compiled, unless the platform setting is off. */
export const secondPersonApproves = [
  rule(
    'someone other than its compiler approves a sitrep',
    (p: Principal, a: SitrepApproval) => p.userId !== a.compiledBy,
  ),
  rule(
    'its compiler approves a sitrep too while the platform does not ask for four eyes',
    (_p: Principal, a: SitrepApproval) => !a.fourEyes,
  ),
];

export const approveSitrep = [
  rule(
    'coordinators of ERCC or of the Presidency in the audience approve a draft, a second person when four eyes are asked',
    (p: Principal, s: SitrepReach, a: SitrepApproval) =>
      isAllowed(approveSitrepForOrganisation, p, s) && isAllowed(secondPersonApproves, p, a),
  ),
];

/**
 * Who learns how many entries the compiler saw but left out because not every reader of the sitrep may see them:
 * to anyone else that count would say that entries hidden from them exist.
 */
export const seeLeftOutSources = [
  rule(
    'the compiling organisation sees how many of its sources were left out',
    (p: Principal, s: Pick<SitrepReach, 'authorOrg'>) => readsContent(p) && p.organisation === s.authorOrg,
  ),
];
