import { rule } from './policy.js';
import type { Principal } from './principal.js';
import { isParticipant, writesContent } from './principal.js';

/** What the consultation rules need to know at the moment of the request (BLUEPRINT.md §2, the silence procedure). */
export interface ConsultationContext {
  /** The states that may activate: an own assessment of minor or significant impact, or served by a disrupted CEPES. */
  affectedStates: readonly string[];
  /** The member state holding the Council Presidency at this instant. */
  presidency: string | null;
  /** Whether a silence procedure is open. */
  open: boolean;
  /** Consulted states whose own deadline has not passed. */
  answering: readonly string[];
  /** Consulted states whose objection stands, before their own deadline. */
  objecting: readonly string[];
  /** Whether every consulted, significantly affected state has answered. */
  everyoneAnswered: boolean;
}

const isPresidency = (p: Principal, c: ConsultationContext) =>
  writesContent(p) && c.presidency !== null && p.organisation === c.presidency;

export const requestConsultation = [
  rule(
    'coordinators of an affected member state request a consultation while none is open',
    (p: Principal, c: ConsultationContext) =>
      writesContent(p) && !c.open && c.affectedStates.includes(p.organisation),
  ),
];

export const answerConsultation = [
  rule(
    'coordinators of a consulted member state object or consent before its own deadline',
    (p: Principal, c: ConsultationContext) =>
      writesContent(p) && c.open && c.answering.includes(p.organisation),
  ),
];

export const withdrawObjection = [
  rule(
    'coordinators of a member state whose objection stands withdraw it before its own deadline',
    (p: Principal, c: ConsultationContext) =>
      writesContent(p) && c.open && c.objecting.includes(p.organisation),
  ),
];

export const addView = [
  rule(
    'coordinators of any participating organisation add a view to an open consultation',
    (p: Principal, c: ConsultationContext) => writesContent(p) && isParticipant(p) && c.open,
  ),
];

export const declineConsultation = [
  rule(
    'Presidency coordinators close an open consultation early to decline',
    (p: Principal, c: ConsultationContext) => isPresidency(p, c) && c.open,
  ),
];

export const concludeConsultation = [
  rule(
    'Presidency coordinators conclude a consultation early once every consulted state has answered',
    (p: Principal, c: ConsultationContext) => isPresidency(p, c) && c.open && c.everyoneAnswered,
  ),
];
