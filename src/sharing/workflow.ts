import { rule } from './policy.js';
import type { Principal } from './principal.js';
import { writesContent } from './principal.js';

/** What the workflow rules need to know about an incident at the moment of the request. */
export interface WorkflowContext {
  /** Member states with an own assessment of minor or significant impact, or served by a disrupted CEPES. */
  activatingStates: readonly string[];
  /** States that activated or joined the current activation. */
  activators: readonly string[];
  significantlyAffected: readonly string[];
  /** The member state holding the Council Presidency at this instant. */
  presidency: string | null;
}

const isPresidency = (p: Principal, c: WorkflowContext) =>
  writesContent(p) && c.presidency !== null && p.organisation === c.presidency;

export const activate = [
  rule(
    'coordinators of an affected member state activate the Blueprint or join its activation',
    (p: Principal, c: WorkflowContext) => writesContent(p) && c.activatingStates.includes(p.organisation),
  ),
];

export const deactivate = [
  rule(
    'coordinators of a state that activated or joined deactivate the Blueprint',
    (p: Principal, c: WorkflowContext) => writesContent(p) && c.activators.includes(p.organisation),
  ),
  rule('Presidency coordinators deactivate the Blueprint', isPresidency),
];

export const reopen = [
  ...deactivate,
  rule(
    'coordinators of an affected member state reopen a deactivated Blueprint',
    (p: Principal, c: WorkflowContext) => writesContent(p) && c.activatingStates.includes(p.organisation),
  ),
];

export const openConsultation = [rule('Presidency coordinators open a consultation', isPresidency)];

export const giveAdvice = [
  rule(
    "ERCC coordinators add the Commission's advice",
    (p: Principal, _c: WorkflowContext) => writesContent(p) && p.organisation === 'ERCC',
  ),
];
