import type { WorkflowFact } from '../blueprint/rules.js';
import { bodyOf } from '../log/kinds.js';
import type { CerStep, Engagement, EngagementStatus } from './model.js';

const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x) => typeof x === 'string') : []);

export interface ActiveMechanism {
  mechanism: string;
  mode: string | null;
  reference: string | null;
  since: string;
  by: string;
  /** IPCR information-sharing mode recorded by the GSC, ERCC or EEAS in consultation with the Presidency. */
  inConsultationWithPresidency: boolean;
}

/**
 * Mechanisms recorded as active for an incident: the engagements whose latest word is that they are active.
 * A requested engagement is not active yet; a stood-down one no longer is.
 */
export function activeMechanisms(facts: readonly WorkflowFact[]): ActiveMechanism[] {
  return engagements(facts)
    .filter((e) => e.status === 'active')
    .map((e) => ({
      mechanism: e.mechanism,
      mode: e.mode,
      reference: e.reference,
      since: e.activeSince ?? e.since,
      by: e.statusBy,
      inConsultationWithPresidency: e.inConsultationWithPresidency,
    }));
}

/** How a recorded `mechanism` state reads as an engagement's status; records before engagements knew two of them. */
const STATUS_OF: Record<string, EngagementStatus> = {
  requested: 'requested',
  activated: 'active',
  deactivated: 'stood-down',
};

/**
 * The engagements of EU mechanisms in an incident, one per mechanism, folded from `mechanism` entries in order.
 * An engagement starts when a mechanism is requested or recorded active, and a later request after standing down
 * starts a new one. Reference and lead contact keep their last given value: restating a status need not repeat
 * them. Standing down what was never engaged is history without an engagement. IPCR's monitoring is its default
 * watch, not a mode: an entry recorded with it before that was understood leaves IPCR as it was.
 */
export function engagements(facts: readonly WorkflowFact[]): Engagement[] {
  const byMechanism = new Map<string, Engagement>();
  for (const f of facts) {
    const recorded = bodyOf(f, 'mechanism');
    if (!recorded) continue;
    const id = text(recorded.mechanism);
    const status = STATUS_OF[text(recorded.state)];
    if (!status) continue;
    const current = byMechanism.get(id);
    if (status === 'stood-down') {
      if (current && current.status !== 'stood-down')
        byMechanism.set(id, { ...current, status, statusSince: f.createdAt, statusBy: f.authorOrg });
      continue;
    }
    if (id === 'ipcr' && recorded.mode === 'monitoring') continue;
    const fresh = !current || current.status === 'stood-down';
    const base: Engagement = fresh
      ? {
          mechanism: id,
          status,
          mode: null,
          reference: null,
          leadContact: null,
          since: f.createdAt,
          engagedBy: f.authorOrg,
          statusSince: f.createdAt,
          statusBy: f.authorOrg,
          activeSince: null,
          inConsultationWithPresidency: false,
        }
      : current;
    byMechanism.set(id, {
      ...base,
      status,
      mode: text(recorded.mode) || (fresh ? null : base.mode),
      reference: text(recorded.reference) || base.reference,
      leadContact: text(recorded.leadContact) || base.leadContact,
      statusSince: base.status === status && !fresh ? base.statusSince : f.createdAt,
      statusBy: f.authorOrg,
      activeSince: status === 'active' ? (base.activeSince ?? f.createdAt) : null,
      inConsultationWithPresidency: recorded.inConsultationWithPresidency === true,
    });
  }
  return [...byMechanism.values()];
}

/** The CER Art. 15 steps member states recorded, oldest first. */
export function cerSteps(facts: readonly WorkflowFact[]): CerStep[] {
  const steps: CerStep[] = [];
  for (const f of facts) {
    const notified = bodyOf(f, 'cer-commission-notified');
    const informed = bodyOf(f, 'cer-spoc-informed');
    if (notified)
      steps.push({
        kind: 'cer-commission-notified',
        by: f.authorOrg,
        at: f.createdAt,
        memberStates: strings(notified.memberStates),
        text: text(notified.text),
      });
    else if (informed)
      steps.push({
        kind: 'cer-spoc-informed',
        by: f.authorOrg,
        at: f.createdAt,
        memberStates: strings(informed.informed),
        text: text(informed.text),
      });
  }
  return steps;
}

/** Member states whose latest word, about themselves only, is that their capacity is overwhelmed; sorted. */
export function capacityOverwhelmed(facts: readonly WorkflowFact[]): string[] {
  const latest = new Map<string, boolean>();
  for (const f of facts) {
    const said = bodyOf(f, 'capacity-overwhelmed');
    // Only a state's own word about itself counts; the flow refuses anything else, the fold does not trust it either.
    if (said && said.memberState === f.authorOrg) latest.set(f.authorOrg, said.overwhelmed === true);
  }
  return [...latest]
    .filter(([, overwhelmed]) => overwhelmed)
    .map(([state]) => state)
    .sort();
}
