import type { WorkflowFact } from '../blueprint/rules.js';
import { bodyOf } from '../log/kinds.js';
import type { CerStep } from './model.js';

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
 * Mechanisms recorded as active for an incident, folded from `mechanism` entries (the latest word on each wins).
 * IPCR's monitoring is its default watch, not a mode: an entry recorded with it before that was understood is
 * history and makes IPCR active in no mode.
 */
export function activeMechanisms(facts: readonly WorkflowFact[]): ActiveMechanism[] {
  const active = new Map<string, ActiveMechanism>();
  for (const f of facts) {
    const recorded = bodyOf(f, 'mechanism');
    if (!recorded) continue;
    const id = text(recorded.mechanism);
    if (recorded.state === 'deactivated') active.delete(id);
    else if (id === 'ipcr' && recorded.mode === 'monitoring') continue;
    else {
      active.set(id, {
        mechanism: id,
        mode: text(recorded.mode) || null,
        reference: text(recorded.reference) || null,
        since: active.get(id)?.since ?? f.createdAt,
        by: f.authorOrg,
        inConsultationWithPresidency: recorded.inConsultationWithPresidency === true,
      });
    }
  }
  return [...active.values()];
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
