import type { Entity, Impact, IncidentReport } from '../incidents/model.js';
import { bodyOf } from '../log/kinds.js';
import { isMemberState } from '../registry/countries.js';
import { isCepesExcludedSector } from '../registry/sectors.js';
import type { AssessmentRecord, ReasonFacts, TriggerFacts } from './derived-model.js';
import { NOTHING_HIDDEN, renderAssessment } from './derived-text.js';
import {
  type Activation,
  type Assessment,
  type AssessmentStatus,
  type Consultation,
  type OwnLevel,
  type Position,
  STATUS_ORDER,
} from './model.js';
import { CEPES_MEMBER_STATES, T1_MEMBER_STATES, T3_MEMBER_STATES } from './thresholds.js';

export { CEPES_MEMBER_STATES, T1_MEMBER_STATES, T3_MEMBER_STATES } from './thresholds.js';

const RANK: Readonly<Record<OwnLevel, number>> = { none: 0, minor: 1, significant: 2 };

type Report = Pick<IncidentReport, 'reportedBy' | 'impacts' | 'entities' | 'coordinationAgreed' | 'domain'>;

/** Who assessed an impact: whoever reported it, unless the impact says otherwise. */
export function assessorOf(impact: Impact, report: Pick<IncidentReport, 'reportedBy'>): string {
  return impact.assessedBy ?? report.reportedBy;
}

/** Only a state's own word about itself counts towards the thresholds; both sides are canonical once parsed. */
export function isOwnAssessment(impact: Impact, report: Pick<IncidentReport, 'reportedBy'>): boolean {
  return assessorOf(impact, report) === impact.memberState;
}

/** Each EU member state's own level, the highest of its own impacts; states that gave none are absent. */
export function ownLevels(report: Pick<IncidentReport, 'reportedBy' | 'impacts'>): Map<string, OwnLevel> {
  const levels = new Map<string, OwnLevel>();
  for (const impact of report.impacts) {
    if (impact.level === 'unknown') continue;
    if (!isMemberState(impact.memberState) || !isOwnAssessment(impact, report)) continue;
    const previous = levels.get(impact.memberState);
    if (previous === undefined || RANK[impact.level] > RANK[previous])
      levels.set(impact.memberState, impact.level);
  }
  return levels;
}

/** The distinct EU member states an entity serves, sorted; services to third countries do not count. */
export function memberStatesServed(entity: Pick<Entity, 'memberStatesServed'>): string[] {
  return sorted(entity.memberStatesServed.filter(isMemberState));
}

/** CER Art. 17 by flag or by reach, but never in a sector CER Art. 8 leaves to other EU law. */
export function isCepes(entity: Pick<Entity, 'sector' | 'cepes' | 'memberStatesServed'>): boolean {
  if (isCepesExcludedSector(entity.sector)) return false;
  return entity.cepes || memberStatesServed(entity).length >= CEPES_MEMBER_STATES;
}

/**
 * The member states that activate the Blueprint (BLUEPRINT.md §2): those with their own assessment of minor or
 * significant impact, and those served by a significantly disrupted CEPES. Sorted.
 */
export function affectedMemberStates(
  report: Pick<IncidentReport, 'reportedBy' | 'impacts' | 'entities'>,
): string[] {
  const affected = new Set<string>();
  for (const [state, level] of ownLevels(report)) {
    if (level !== 'none') affected.add(state);
  }
  for (const entity of report.entities) {
    if (entity.significantlyDisrupted && isCepes(entity)) {
      for (const state of memberStatesServed(entity)) affected.add(state);
    }
  }
  return sorted(affected);
}

/**
 * The assessment with everything visible, its sentences rendered in full: what `blueprint assess` prints (it has no
 * readers to withhold anything from). The platform stores `assessIncidentFacts` and renders it per reader.
 */
export function assessIncident(report: Report): Assessment {
  return renderAssessment(assessIncidentFacts(report), NOTHING_HIDDEN);
}

/** The assessment as facts: the shared outcome, and what its reasons and explanations say, as facts too. */
export function assessIncidentFacts(report: Report): AssessmentRecord {
  const levels = ownLevels(report);
  const statesAt = (level: OwnLevel) =>
    sorted([...levels].filter(([, l]) => l === level).map(([state]) => state));
  const significantlyAffected = statesAt('significant');
  const claims = unconfirmedClaims(report, levels);
  const disruptedCepes = report.entities.filter((entity) => entity.significantlyDisrupted && isCepes(entity));

  const triggers: TriggerFacts[] = [
    t1(significantlyAffected, claims),
    t2(report.entities, disruptedCepes),
    t3(significantlyAffected, report.coordinationAgreed),
  ];
  const status = statusOf(report.domain, triggers, significantlyAffected);
  const thirdCountriesAffected = sorted(
    report.impacts
      .filter((impact) => impact.level === 'significant' && !isMemberState(impact.memberState))
      .map((impact) => impact.memberState),
  );

  return {
    status,
    significantlyAffected,
    minorlyAffected: statesAt('minor'),
    unconfirmed: sorted(claims.keys()),
    thirdCountriesAffected,
    cepesAffected: [...new Set(disruptedCepes.map((entity) => entity.name))],
    ownAssessments: sorted(levels.keys()),
    facts: {
      triggers,
      reasons: reasonsFor(
        status,
        report.domain,
        triggers,
        significantlyAffected,
        claims,
        thirdCountriesAffected,
      ),
    },
  };
}

/** The order in which statuses call for more coordination; out-of-scope has none, so undefined. */
export function statusRank(status: AssessmentStatus): number | undefined {
  const rank = STATUS_ORDER.indexOf(status);
  return rank < 0 ? undefined : rank;
}

function statusOf(
  domain: Report['domain'],
  triggers: readonly TriggerFacts[],
  significantlyAffected: readonly string[],
): AssessmentStatus {
  if (domain !== 'civil') return 'out-of-scope';
  if (triggers.some((trigger) => trigger.met)) return 'applies';
  if (significantlyAffected.length >= T3_MEMBER_STATES) return 'decision-required';
  return 'below-threshold';
}

/** EU member states others call significantly affected, with no own assessment yet, mapped to who said so. */
function unconfirmedClaims(report: Report, levels: ReadonlyMap<string, OwnLevel>): Map<string, string[]> {
  const claims = new Map<string, Set<string>>();
  for (const impact of report.impacts) {
    if (impact.level !== 'significant' || !isMemberState(impact.memberState)) continue;
    if (levels.has(impact.memberState)) continue;
    const by = claims.get(impact.memberState) ?? new Set<string>();
    by.add(assessorOf(impact, report));
    claims.set(impact.memberState, by);
  }
  return new Map([...claims].map(([state, by]) => [state, sorted(by)]));
}

function t1(significantlyAffected: readonly string[], claims: ReadonlyMap<string, string[]>): TriggerFacts {
  return {
    id: 'T1',
    met: significantlyAffected.length >= T1_MEMBER_STATES,
    significantlyAffected: [...significantlyAffected],
    awaitingOwnAssessment: sorted(claims.keys()),
  };
}

function t2(entities: readonly Entity[], disruptedCepes: readonly Entity[]): TriggerFacts {
  if (disruptedCepes.length > 0) {
    return {
      id: 'T2',
      met: true,
      disruptedCepes: disruptedCepes.map((entity) => ({
        name: entity.name,
        memberStatesServed: memberStatesServed(entity).length,
      })),
      disruptedNotCepes: [],
      undisruptedCepes: [],
    };
  }
  return {
    id: 'T2',
    met: false,
    disruptedCepes: [],
    disruptedNotCepes: entities
      .filter((entity) => entity.significantlyDisrupted)
      .map((entity) => ({
        name: entity.name,
        excludedSector: isCepesExcludedSector(entity.sector) ? entity.sector : null,
        memberStatesServed: memberStatesServed(entity).length,
      })),
    undisruptedCepes: entities.filter((entity) => isCepes(entity)).map((entity) => ({ name: entity.name })),
  };
}

function t3(significantlyAffected: readonly string[], coordinationAgreed: boolean): TriggerFacts {
  return {
    id: 'T3',
    met: significantlyAffected.length >= T3_MEMBER_STATES && coordinationAgreed,
    significantlyAffected: [...significantlyAffected],
    coordinationAgreed,
  };
}

function reasonsFor(
  status: AssessmentStatus,
  domain: Report['domain'],
  triggers: readonly TriggerFacts[],
  significantlyAffected: readonly string[],
  claims: ReadonlyMap<string, string[]>,
  thirdCountries: readonly string[],
): ReasonFacts[] {
  const reasons: ReasonFacts[] = [];
  const met = triggers.filter((trigger) => trigger.met);
  switch (status) {
    case 'out-of-scope':
      reasons.push({ code: 'out-of-scope', domain });
      for (const trigger of met) reasons.push({ code: 'would-be-met', trigger: trigger.id });
      break;
    case 'applies':
      for (const trigger of met) reasons.push({ code: 'applies', trigger: trigger.id });
      break;
    case 'decision-required':
      reasons.push({ code: 'decision-required', significantlyAffected: [...significantlyAffected] });
      break;
    case 'below-threshold':
      reasons.push({ code: 'below-threshold', significantlyAffected: [...significantlyAffected] });
      break;
  }
  for (const [state, by] of claims)
    reasons.push({ code: 'unconfirmed-claim', memberState: state, claimedBy: by });
  if (thirdCountries.length > 0) reasons.push({ code: 'third-countries', countries: [...thirdCountries] });
  return reasons;
}

function sorted(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}

/** A workflow entry of the log as the activation and consultation folds read it. */
export interface WorkflowFact {
  id: string;
  kind: string;
  authorOrg: string;
  authorName: string;
  createdAt: string;
  body: Record<string, unknown>;
}

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Whether the Blueprint is active, folded from activation, join, deactivation and reopening entries. */
export function activationState(facts: readonly WorkflowFact[]): Activation {
  const state: Activation = {
    state: 'inactive',
    activatedAt: null,
    activatedBy: null,
    joinedBy: [],
    presidency: null,
    deactivatedAt: null,
    deactivatedBy: null,
    closingSummary: null,
    history: [],
  };
  for (const f of facts) {
    switch (f.kind) {
      case 'activation':
        Object.assign(state, {
          state: 'active',
          activatedAt: f.createdAt,
          activatedBy: f.authorOrg,
          joinedBy: [],
          presidency: text(bodyOf(f, 'activation')?.presidency) || null,
          deactivatedAt: null,
          deactivatedBy: null,
          closingSummary: null,
        });
        break;
      case 'activation-joined':
        // A join that changes nothing (repeated, by the activator, or while not active) leaves no trace.
        if (
          state.state !== 'active' ||
          state.joinedBy.includes(f.authorOrg) ||
          state.activatedBy === f.authorOrg
        )
          continue;
        state.joinedBy.push(f.authorOrg);
        break;
      case 'deactivation':
        Object.assign(state, {
          state: 'deactivated',
          deactivatedAt: f.createdAt,
          deactivatedBy: f.authorOrg,
          closingSummary: text(bodyOf(f, 'deactivation')?.text),
        });
        break;
      case 'reopening':
        Object.assign(state, {
          state: 'active',
          deactivatedAt: null,
          deactivatedBy: null,
          closingSummary: null,
        });
        break;
      default:
        continue;
    }
    state.history.push({ kind: f.kind, at: f.createdAt, by: f.authorOrg, text: text(f.body.text) || null });
  }
  return state;
}

/** States that take part in activating: an own assessment of minor or significant impact, or served by a disrupted CEPES. */
export function activatingStates(report: Report): string[] {
  return affectedMemberStates(report);
}

/**
 * Coordination is agreed when the Presidency says yes and a majority of the significantly affected states said yes
 * by the deadline; a state that did not answer counts as not yes.
 */
export function consultationOutcome(
  decision: 'yes' | 'no',
  significantlyAffected: readonly string[],
  positions: ReadonlyArray<{ memberState: string; position: Position }>,
): { agreed: boolean; yes: number; of: number } {
  const of = significantlyAffected.length;
  const yes = significantlyAffected.filter((s) =>
    positions.some((p) => p.memberState === s && p.position === 'yes'),
  ).length;
  return { agreed: decision === 'yes' && of > 0 && yes * 2 > of, yes, of };
}

/** Every consultation of an incident, oldest first, folded from its entries. */
export function consultations(facts: readonly WorkflowFact[]): Consultation[] {
  const out: Consultation[] = [];
  for (const f of facts) {
    const opened = bodyOf(f, 'consultation-opened');
    if (opened) {
      out.push({
        id: f.id,
        openedAt: f.createdAt,
        openedBy: f.authorOrg,
        deadline: text(opened.deadline),
        question: text(opened.question),
        consulted: Array.isArray(opened.consulted) ? opened.consulted : [],
        positions: [],
        advice: [],
        decision: null,
        open: true,
      });
      continue;
    }
    const c = out.find((x) => x.id === f.body.consultationId);
    if (!c) continue;
    const position = bodyOf(f, 'consultation-position');
    const advice = bodyOf(f, 'consultation-advice');
    const decision = bodyOf(f, 'consultation-decision');
    if (position && c.open) {
      c.positions = c.positions.filter((p) => p.memberState !== f.authorOrg);
      c.positions.push({
        memberState: f.authorOrg,
        position: position.position as Position,
        comment: text(position.text),
        at: f.createdAt,
        by: f.authorName,
      });
    } else if (advice) {
      c.advice.push({
        text: text(advice.text),
        at: f.createdAt,
        by: f.authorName,
        organisation: f.authorOrg,
      });
    } else if (decision && c.open) {
      c.open = false;
      c.decision = {
        decision: decision.decision === 'yes' ? 'yes' : 'no',
        rationale: text(decision.text),
        at: f.createdAt,
        by: f.authorName,
        agreed: decision.agreed === true,
        yes: Number(decision.yes ?? 0),
        of: Number(decision.of ?? 0),
      };
    }
  }
  return out;
}

export interface ActiveMechanism {
  mechanism: string;
  mode: string | null;
  reference: string | null;
  since: string;
  by: string;
}

/** Mechanisms recorded as active for an incident, folded from `mechanism` entries (the latest word on each wins). */
export function activeMechanisms(facts: readonly WorkflowFact[]): ActiveMechanism[] {
  const active = new Map<string, ActiveMechanism>();
  for (const f of facts) {
    const recorded = bodyOf(f, 'mechanism');
    if (!recorded) continue;
    const id = text(recorded.mechanism);
    if (recorded.state === 'deactivated') active.delete(id);
    else {
      active.set(id, {
        mechanism: id,
        mode: text(recorded.mode) || null,
        reference: text(recorded.reference) || null,
        since: active.get(id)?.since ?? f.createdAt,
        by: f.authorOrg,
      });
    }
  }
  return [...active.values()];
}

/**
 * Mechanisms the facts point to, so no one has to remember them under pressure: cyber causes to the cyber
 * networks, deliberate damage to law enforcement, hybrid causes to the Hybrid Toolbox, energy to its sector groups,
 * the decision on Union-level coordination to IPCR, a release to NATO to the EU–NATO dialogue.
 */
export function suggestedMechanisms(
  report: Report & Pick<IncidentReport, 'cause' | 'suspectedDeliberate' | 'sectors' | 'releasableToNato'>,
  status: AssessmentStatus,
): string[] {
  const out: string[] = [];
  if (status === 'applies' || status === 'decision-required') out.push('ipcr');
  if (report.cause === 'cyber' || report.cause === 'hybrid') out.push('csirts-network', 'eu-cyclone');
  if (report.cause === 'hybrid') out.push('hybrid-toolbox');
  if (report.suspectedDeliberate) out.push('le-emergency-protocol');
  if (report.sectors.some((s) => s.sector === 'energy' && s.subsector === 'electricity'))
    out.push('electricity-coordination-group');
  if (report.sectors.some((s) => s.sector === 'energy' && s.subsector === 'gas'))
    out.push('gas-coordination-group');
  if (report.releasableToNato) out.push('eu-nato-dialogue');
  return out;
}
