import { isParticipatingOrganisation } from '../registry/organisations.js';
import type { VersionContext } from './comms.js';
import { rule } from './policy.js';
import type { Principal } from './principal.js';
import { writesContent } from './principal.js';

/** Who starts a language version of a line from another language. */
export const translateLine = [
  rule(
    'coordinators of an organisation that must approve the line start a language version of it',
    (p: Principal, c: VersionContext) => writesContent(p) && c.mustApprove.includes(p.organisation),
  ),
  rule(
    'ERCC coordinators start a language version of a line',
    (p: Principal, _c: VersionContext) => writesContent(p) && p.organisation === 'ERCC',
  ),
];

/** Who comments on a line; who reads a comment is the line's own audience, which the comment is written with. */
export const commentOnLine = [
  rule(
    'coordinators of participating organisations comment on a line to take',
    (p: Principal, _c: VersionContext) => writesContent(p) && isParticipatingOrganisation(p.organisation),
  ),
];

export interface CommentContext {
  draftedBy: string;
  /** The organisation whose coordinator wrote the comment. */
  writtenBy: string;
}

/** Who marks a comment resolved or open again. */
export const resolveComment = [
  rule(
    'coordinators of the organisation that wrote a comment resolve it',
    (p: Principal, c: CommentContext) => writesContent(p) && p.organisation === c.writtenBy,
  ),
  rule(
    'coordinators of the organisation that drafted the line resolve comments on it',
    (p: Principal, c: CommentContext) => writesContent(p) && p.organisation === c.draftedBy,
  ),
];

export interface PublicationContext {
  affectedStates: readonly string[];
  /** The state whose national publication is recorded. */
  state: string;
}

/** Who records what a state published nationally, for the divergence view. */
export const recordNationalPublication = [
  rule(
    'coordinators of an affected member state record what their state published',
    (p: Principal, c: PublicationContext) =>
      writesContent(p) && p.organisation === c.state && c.affectedStates.includes(c.state),
  ),
  rule(
    'ERCC coordinators record what an affected member state published',
    (p: Principal, c: PublicationContext) =>
      writesContent(p) && p.organisation === 'ERCC' && c.affectedStates.includes(c.state),
  ),
];

/** Who marks the key facts (cause, expected restoration, safety advice) of a national publication. */
export const markKeyFact = [
  rule(
    'ERCC coordinators mark the key facts of a national publication',
    (p: Principal, _c: { affectedStates: readonly string[] }) =>
      writesContent(p) && p.organisation === 'ERCC',
  ),
  rule(
    'coordinators of an affected member state mark the key facts of a national publication',
    (p: Principal, c: { affectedStates: readonly string[] }) =>
      writesContent(p) && c.affectedStates.includes(p.organisation),
  ),
];

/** Who corrects the link or text of a national publication: as for withdrawing it, only its recorder. */
export const correctNationalPublication = [
  rule(
    'coordinators of the organisation that recorded a national publication correct it',
    (p: Principal, c: { recordedBy: string }) => writesContent(p) && p.organisation === c.recordedBy,
  ),
];

/** Who withdraws a national publication recorded wrongly: never another organisation, not even ERCC. */
export const withdrawNationalPublication = [
  rule(
    'coordinators of the organisation that recorded a national publication withdraw it',
    (p: Principal, c: { recordedBy: string }) => writesContent(p) && p.organisation === c.recordedBy,
  ),
];
