import type { AssessmentStatus } from '../blueprint/model.js';
import type { Cause } from '../incidents/model.js';
import type { IpcrMode, MechanismRole, MechanismSuggestion, SuggestionReason } from './model.js';

/** The facts the suggestions read, each as the reader may see it (the caller decides that). */
export interface SuggestionFacts {
  status: AssessmentStatus;
  cause: Cause;
  suspectedDeliberate: boolean;
  sectors: ReadonlyArray<{ sector: string; subsector?: string | undefined }>;
  releasableToNato: boolean;
  /** The reporter flagged that international security is involved. */
  internationalSecurity?: boolean | undefined;
  /** The reporter, or a later update, flagged that public order is affected. */
  publicOrderImpact?: boolean | undefined;
  /** Member states that said, for themselves, that their capacity is overwhelmed. */
  capacityOverwhelmed?: readonly string[] | undefined;
}

/** What each mechanism the guidance may point to leads on in the response (BLUEPRINT.md §4). */
export const ROLE_OF = {
  ipcr: 'political-coordination',
  argus: 'commission-coordination',
  ucpm: 'assistance',
  'csirts-network': 'technical-cyber',
  'eu-cyclone': 'operational-cyber',
  'hybrid-toolbox': 'response-to-actor',
  'cyber-diplomacy-toolbox': 'response-to-actor',
  'le-emergency-protocol': 'criminal-investigation',
  'electricity-coordination-group': 'sector-handling',
  'gas-coordination-group': 'sector-handling',
  'euspa-gsmc': 'space-services',
  'eu-nato-dialogue': 'shared-awareness-nato',
} as const satisfies Readonly<Record<string, MechanismRole>>;
type Suggestible = keyof typeof ROLE_OF;

/**
 * The IPCR mode the facts point to: information sharing while Union-level coordination is to be decided or applies,
 * full activation once it applies and a member state says its capacity is overwhelmed. The Presidency decides.
 */
function ipcrModeFor(status: AssessmentStatus, overwhelmed: readonly string[]): IpcrMode {
  return status === 'applies' && overwhelmed.length > 0 ? 'full-activation' : 'information-sharing';
}

/**
 * The mechanisms the facts point to, each with the role it would lead on and its reason, so no one has to
 * remember them under pressure. One line per reason: a mechanism two reasons point to appears twice, and the reader
 * sees both.
 */
export function mechanismSuggestions(facts: SuggestionFacts): MechanismSuggestion[] {
  const out: MechanismSuggestion[] = [];
  const overwhelmed = [...new Set(facts.capacityOverwhelmed ?? [])].sort();
  const suggest = (mechanism: Suggestible, reason: SuggestionReason, memberStates: readonly string[] = []) =>
    out.push({
      mechanism,
      role: ROLE_OF[mechanism],
      mode: mechanism === 'ipcr' ? ipcrModeFor(facts.status, overwhelmed) : null,
      reason,
      memberStates: [...memberStates],
    });
  const hasSector = (sector: string, subsector?: string) =>
    facts.sectors.some((s) => s.sector === sector && (subsector === undefined || s.subsector === subsector));
  const cyberCause = facts.cause === 'cyber' || facts.cause === 'hybrid';
  // A state actor: the reporter flags international security (BLUEPRINT.md §4), and a deliberate act is suspected.
  const stateActorSuspected = facts.suspectedDeliberate && facts.internationalSecurity === true;
  const unionLevel = facts.status === 'applies' || facts.status === 'decision-required';

  if (unionLevel) {
    suggest('ipcr', 'union-coordination');
    suggest('argus', 'commission-coordination');
  }
  if (overwhelmed.length > 0) suggest('ucpm', 'capacity-overwhelmed', overwhelmed);
  if (cyberCause) {
    suggest('csirts-network', 'cyber-cause');
    suggest('eu-cyclone', 'cyber-cause');
  } else if (hasSector('digital-infrastructure')) {
    // Its service is network and information systems: disrupted, whatever the cause, the effects are cyber.
    suggest('csirts-network', 'cyber-effects');
    suggest('eu-cyclone', 'cyber-effects');
  }
  if (facts.cause === 'hybrid') suggest('hybrid-toolbox', 'hybrid-cause');
  else if (stateActorSuspected) suggest('hybrid-toolbox', 'state-sponsored');
  if (cyberCause && stateActorSuspected) suggest('cyber-diplomacy-toolbox', 'state-cyber-activity');
  if (facts.suspectedDeliberate) suggest('le-emergency-protocol', 'suspected-deliberate');
  if (facts.publicOrderImpact) suggest('le-emergency-protocol', 'public-order-impact');
  if (facts.cause === 'gnss-interference' || hasSector('space')) suggest('euspa-gsmc', 'space-or-gnss');
  if (hasSector('energy', 'electricity')) suggest('electricity-coordination-group', 'electricity-sector');
  if (hasSector('energy', 'gas')) suggest('gas-coordination-group', 'gas-sector');
  if (facts.internationalSecurity || facts.releasableToNato)
    suggest('eu-nato-dialogue', 'international-security');
  return out;
}

/** The suggested mechanisms' ids, each once, in the order of their first reason (what lists and older callers show). */
export function suggestedMechanisms(
  report: Omit<SuggestionFacts, 'status'>,
  status: AssessmentStatus,
): string[] {
  return [...new Set(mechanismSuggestions({ ...report, status }).map((s) => s.mechanism))];
}
