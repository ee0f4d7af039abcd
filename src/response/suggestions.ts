import type { AssessmentStatus } from '../blueprint/model.js';
import type { Cause } from '../incidents/model.js';
import type { MechanismSuggestion, SuggestionReason } from './model.js';

/** The facts the suggestions read, each as the reader may see it (the caller decides that). */
export interface SuggestionFacts {
  status: AssessmentStatus;
  cause: Cause;
  suspectedDeliberate: boolean;
  sectors: ReadonlyArray<{ sector: string; subsector?: string | undefined }>;
  releasableToNato: boolean;
  /** The reporter flagged that international security is involved. */
  internationalSecurity?: boolean | undefined;
  /** Member states that said, for themselves, that their capacity is overwhelmed. */
  capacityOverwhelmed?: readonly string[] | undefined;
}

/**
 * The mechanisms the facts point to, each with its reason, so no one has to remember them under pressure. One line
 * per reason: a mechanism two reasons point to appears twice, and the reader sees both.
 */
export function mechanismSuggestions(facts: SuggestionFacts): MechanismSuggestion[] {
  const out: MechanismSuggestion[] = [];
  const suggest = (mechanism: string, reason: SuggestionReason, memberStates: readonly string[] = []) =>
    out.push({ mechanism, reason, memberStates: [...memberStates] });
  const hasSector = (sector: string, subsector?: string) =>
    facts.sectors.some((s) => s.sector === sector && (subsector === undefined || s.subsector === subsector));

  if (facts.status === 'applies' || facts.status === 'decision-required')
    suggest('ipcr', 'union-coordination');
  const overwhelmed = [...new Set(facts.capacityOverwhelmed ?? [])].sort();
  if (overwhelmed.length > 0) suggest('ucpm', 'capacity-overwhelmed', overwhelmed);
  if (facts.cause === 'cyber' || facts.cause === 'hybrid') {
    suggest('csirts-network', 'cyber-cause');
    suggest('eu-cyclone', 'cyber-cause');
  }
  if (facts.cause === 'hybrid') suggest('hybrid-toolbox', 'hybrid-cause');
  if (facts.suspectedDeliberate) suggest('le-emergency-protocol', 'suspected-deliberate');
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
