import type { Entity, Impact, IncidentReport } from '../incidents/model.js';
import { isMemberState } from '../registry/countries.js';
import { isCepesExcludedSector } from '../registry/sectors.js';
import {
  type Activation,
  type Assessment,
  type AssessmentStatus,
  type Consultation,
  type OwnLevel,
  type Position,
  STATUS_ORDER,
  type Trigger,
} from './model.js';

/** T1: member states significantly affected by their own assessment. */
export const T1_MEMBER_STATES = 6;
/** T3 and the decision it calls for: member states significantly affected by their own assessment. */
export const T3_MEMBER_STATES = 2;
/** CER Art. 17: a critical entity serving this many member states is of particular European significance. */
export const CEPES_MEMBER_STATES = 6;

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

export function assessIncident(report: Report): Assessment {
  const levels = ownLevels(report);
  const statesAt = (level: OwnLevel) =>
    sorted([...levels].filter(([, l]) => l === level).map(([state]) => state));
  const significantlyAffected = statesAt('significant');
  const claims = unconfirmedClaims(report, levels);
  const disruptedCepes = report.entities.filter((entity) => entity.significantlyDisrupted && isCepes(entity));

  const triggers: Trigger[] = [
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
    triggers,
    significantlyAffected,
    minorlyAffected: statesAt('minor'),
    unconfirmed: sorted(claims.keys()),
    thirdCountriesAffected,
    cepesAffected: [...new Set(disruptedCepes.map((entity) => entity.name))],
    ownAssessments: sorted(levels.keys()),
    reasons: reasonsFor(
      status,
      report.domain,
      triggers,
      significantlyAffected,
      claims,
      thirdCountriesAffected,
    ),
  };
}

/** The order in which statuses call for more coordination; out-of-scope has none, so undefined. */
export function statusRank(status: AssessmentStatus): number | undefined {
  const rank = STATUS_ORDER.indexOf(status);
  return rank < 0 ? undefined : rank;
}

function statusOf(
  domain: Report['domain'],
  triggers: readonly Trigger[],
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

function t1(significantlyAffected: readonly string[], claims: ReadonlyMap<string, string[]>): Trigger {
  const count = significantlyAffected.length;
  const met = count >= T1_MEMBER_STATES;
  const states = `member states significantly affected by their own assessment${listed(significantlyAffected)}`;
  const parts = [
    met
      ? `${count} ${states}; ${T1_MEMBER_STATES} needed, threshold reached`
      : `${count} of ${T1_MEMBER_STATES} ${states}; ${T1_MEMBER_STATES - count} more needed`,
  ];
  if (!met && claims.size > 0) {
    parts.push(`${joinList(sorted(claims.keys()))} would count once they assess their own impact`);
  }
  return { id: 'T1', met, explanation: parts.join('; ') };
}

function t2(entities: readonly Entity[], disruptedCepes: readonly Entity[]): Trigger {
  if (disruptedCepes.length > 0) {
    const named = disruptedCepes.map((entity) => `${entity.name} (${whyCepes(entity)})`);
    return {
      id: 'T2',
      met: true,
      explanation: `${disruptedCepes.length} CEPES significantly disrupted: ${named.join(', ')}`,
    };
  }
  const parts = ['No CEPES significantly disrupted; 1 needed'];
  for (const entity of entities) {
    if (entity.significantlyDisrupted)
      parts.push(`${entity.name} is significantly disrupted but ${whyNotCepes(entity)}`);
  }
  const undisrupted = entities.filter((entity) => isCepes(entity)).map((entity) => entity.name);
  if (undisrupted.length > 0)
    parts.push(
      `${joinList(undisrupted)} ${undisrupted.length === 1 ? 'is a' : 'are'} CEPES not significantly disrupted`,
    );
  return { id: 'T2', met: false, explanation: parts.join('; ') };
}

function whyCepes(entity: Entity): string {
  const served = memberStatesServed(entity).length;
  if (served >= CEPES_MEMBER_STATES) return `serves ${served} member states`;
  return 'designated CEPES';
}

function whyNotCepes(entity: Entity): string {
  if (isCepesExcludedSector(entity.sector)) {
    return `is not a CEPES: CER Art. 8 excludes the ${entity.sector} sector`;
  }
  const served = memberStatesServed(entity).length;
  return `is not a CEPES: it serves ${served} of ${CEPES_MEMBER_STATES} member states needed and is not designated one`;
}

function t3(significantlyAffected: readonly string[], coordinationAgreed: boolean): Trigger {
  const count = significantlyAffected.length;
  const enough = count >= T3_MEMBER_STATES;
  const met = enough && coordinationAgreed;
  const states = enough
    ? `${count} member states significantly affected by their own assessment${listed(significantlyAffected)}`
    : `${count} of ${T3_MEMBER_STATES} member states significantly affected by their own assessment${listed(significantlyAffected)}; ${T3_MEMBER_STATES - count} more needed`;
  const agreement = coordinationAgreed
    ? 'coordination at Union level agreed'
    : 'coordination at Union level not yet agreed by the affected member states and the Council Presidency';
  return { id: 'T3', met, explanation: `${states}; ${agreement}` };
}

function reasonsFor(
  status: AssessmentStatus,
  domain: Report['domain'],
  triggers: readonly Trigger[],
  significantlyAffected: readonly string[],
  claims: ReadonlyMap<string, string[]>,
  thirdCountries: readonly string[],
): string[] {
  const reasons: string[] = [];
  const met = triggers.filter((trigger) => trigger.met);
  const count = significantlyAffected.length;
  const affected = `${count} ${count === 1 ? 'member state' : 'member states'} significantly affected by ${count === 1 ? 'its' : 'their'} own assessment${listed(significantlyAffected)}`;

  switch (status) {
    case 'out-of-scope':
      reasons.push(
        `Out of scope: the incident is in the ${domain} domain, which stays with the member states and falls outside CER and NIS2; the triggers are shown for information only.`,
      );
      for (const trigger of met) reasons.push(`${trigger.id} would be met: ${trigger.explanation}.`);
      break;
    case 'applies':
      for (const trigger of met)
        reasons.push(`The Blueprint applies because ${trigger.id} is met: ${trigger.explanation}.`);
      break;
    case 'decision-required':
      reasons.push(
        `Decision required: ${affected}; the affected member states and the Council Presidency must decide whether coordination at Union level is needed (T3).`,
      );
      break;
    case 'below-threshold':
      reasons.push(
        `Below threshold: ${affected} and no CEPES significantly disrupted; a decision on coordination at Union level needs ${T3_MEMBER_STATES} significantly affected member states.`,
      );
      break;
  }

  for (const [state, by] of claims) {
    reasons.push(
      `${state} is reported as significantly affected by ${joinList(by)} but has not made its own assessment; it counts only once ${state} assesses its own impact.`,
    );
  }
  if (thirdCountries.length > 0) {
    reasons.push(
      `Significantly affected outside the EU: ${joinList(thirdCountries)}; shown, but only EU member states count towards the triggers.`,
    );
  }
  return reasons;
}

function listed(states: readonly string[]): string {
  return states.length > 0 ? ` (${states.join(', ')})` : '';
}

function joinList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
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
          presidency: text(f.body.presidency) || null,
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
          closingSummary: text(f.body.text),
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
    if (f.kind === 'consultation-opened') {
      out.push({
        id: f.id,
        openedAt: f.createdAt,
        openedBy: f.authorOrg,
        deadline: text(f.body.deadline),
        question: text(f.body.question),
        consulted: Array.isArray(f.body.consulted) ? (f.body.consulted as string[]) : [],
        positions: [],
        advice: [],
        decision: null,
        open: true,
      });
      continue;
    }
    const c = out.find((x) => x.id === f.body.consultationId);
    if (!c) continue;
    if (f.kind === 'consultation-position' && c.open) {
      c.positions = c.positions.filter((p) => p.memberState !== f.authorOrg);
      c.positions.push({
        memberState: f.authorOrg,
        position: f.body.position as Position,
        comment: text(f.body.text),
        at: f.createdAt,
        by: f.authorName,
      });
    } else if (f.kind === 'consultation-advice') {
      c.advice.push({
        text: text(f.body.text),
        at: f.createdAt,
        by: f.authorName,
        organisation: f.authorOrg,
      });
    } else if (f.kind === 'consultation-decision' && c.open) {
      c.open = false;
      c.decision = {
        decision: f.body.decision === 'yes' ? 'yes' : 'no',
        rationale: text(f.body.text),
        at: f.createdAt,
        by: f.authorName,
        agreed: f.body.agreed === true,
        yes: Number(f.body.yes ?? 0),
        of: Number(f.body.of ?? 0),
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
    if (f.kind !== 'mechanism') continue;
    const id = text(f.body.mechanism);
    if (f.body.state === 'deactivated') active.delete(id);
    else {
      active.set(id, {
        mechanism: id,
        mode: text(f.body.mode) || null,
        reference: text(f.body.reference) || null,
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
