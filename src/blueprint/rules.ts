import type { Entity, Impact, IncidentReport } from '../incidents/model.js';
import { bodyOf } from '../log/kinds.js';
import { isMemberState } from '../registry/countries.js';
import { type CepesEvidence, cepesEvidence, cepesProfile, type EntityStatement } from './cepes-evidence.js';
import { type CepesRegister, NO_REGISTER } from './cepes-verdict.js';
import type { AssessmentRecord, ReasonFacts, TriggerFacts } from './derived-model.js';
import { NOTHING_HIDDEN, renderAssessment } from './derived-text.js';
import {
  type Activation,
  type Assessment,
  type AssessmentStatus,
  type MajorityConsultation,
  type OwnLevel,
  type Position,
  STATUS_ORDER,
} from './model.js';
import { T1_MEMBER_STATES, T3_MEMBER_STATES } from './thresholds.js';

export { CEPES_MEMBER_STATES, T1_MEMBER_STATES, T3_MEMBER_STATES } from './thresholds.js';

const RANK: Readonly<Record<OwnLevel, number>> = { none: 0, minor: 1, significant: 2 };

/**
 * The facts the triggers are assessed from: a report as sent, or the incident's current facts (currentFacts), whose
 * entity statements name who asserted them and whose domain names who last changed it.
 */
type Report = Pick<IncidentReport, 'reportedBy' | 'impacts' | 'coordinationAgreed' | 'domain'> & {
  entities: readonly EntityStatement[];
  /** Who set the domain in force by an update; absent when it is the first report's. */
  domainSetBy?: string | undefined;
};

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

/** CER Art. 17 by flag or by reach, but never in a sector CER Art. 8 leaves to other EU law (the presumption). */
export function isCepes(entity: Pick<Entity, 'sector' | 'cepes' | 'memberStatesServed'>): boolean {
  return cepesProfile({ ...entity, name: '', significantlyDisrupted: false }, NO_REGISTER).cepes;
}

/**
 * The member states that activate the Blueprint (BLUEPRINT.md §2): those with their own assessment of minor or
 * significant impact, and those served by a significantly disrupted CEPES. Sorted.
 */
export function affectedMemberStates(
  report: Pick<Report, 'reportedBy' | 'impacts' | 'entities'>,
  register: CepesRegister = NO_REGISTER,
): string[] {
  const affected = new Set<string>();
  for (const [state, level] of ownLevels(report)) {
    if (level !== 'none') affected.add(state);
  }
  // Only a disruption asserted by someone entitled to: an unconfirmed claim makes no state affected.
  for (const cepes of cepesEvidence(report, register).counted) {
    for (const state of cepes.memberStatesServed) affected.add(state);
  }
  return sorted(affected);
}

/**
 * The assessment with everything visible, its sentences rendered in full: what `blueprint assess` prints (it has no
 * readers to withhold anything from). The platform stores `assessIncidentFacts` and renders it per reader.
 */
export function assessIncident(report: Report, register: CepesRegister = NO_REGISTER): Assessment {
  return renderAssessment(assessIncidentFacts(report, register), NOTHING_HIDDEN);
}

/**
 * The assessment as facts: the shared outcome, and what its reasons and explanations say, as facts too. `register`
 * holds ERCC's CEPES register verdicts for the entities the facts reference by `cepesId`; without it (as in
 * `blueprint assess`) only the presumption decides what is a CEPES.
 */
export function assessIncidentFacts(report: Report, register: CepesRegister = NO_REGISTER): AssessmentRecord {
  const levels = ownLevels(report);
  const statesAt = (level: OwnLevel) =>
    sorted([...levels].filter(([, l]) => l === level).map(([state]) => state));
  const significantlyAffected = statesAt('significant');
  const claims = unconfirmedClaims(report, levels);
  const evidence = cepesEvidence(report, register);

  const triggers: TriggerFacts[] = [
    t1(significantlyAffected, claims),
    t2(evidence),
    t3(significantlyAffected, report.coordinationAgreed),
  ];
  const status = statusOf(report.domain, triggers, significantlyAffected);
  const third = thirdCountryLevels(report);
  const thirdCountriesAffected = sorted(
    [...third].filter(([, l]) => l.level === 'significant').map(([country]) => country),
  );

  return {
    status,
    significantlyAffected,
    minorlyAffected: statesAt('minor'),
    unconfirmed: sorted(claims.keys()),
    thirdCountriesAffected,
    cepesAffected: [...new Set(evidence.counted.map((entity) => entity.name))],
    unconfirmedCepes: [...new Set(evidence.unconfirmed.map((entity) => entity.name))],
    ownAssessments: sorted(levels.keys()),
    facts: {
      triggers,
      reasons: reasonsFor(status, report, triggers, significantlyAffected, claims, evidence, {
        countries: thirdCountriesAffected,
        assessedThemselves: thirdCountriesAffected.filter((country) => third.get(country)?.own),
      }),
    },
  };
}

/**
 * Each country outside the EU named in the impacts: its own assessment when it gave one (that beats what others
 * claim about it), else the highest level others claim. Shown and listed, never counted.
 */
export function thirdCountryLevels(
  report: Pick<Report, 'reportedBy' | 'impacts'>,
): Map<string, { level: Impact['level']; own: boolean }> {
  const order: Readonly<Record<Impact['level'], number>> = { unknown: 0, none: 1, minor: 2, significant: 3 };
  const out = new Map<string, { level: Impact['level']; own: boolean }>();
  for (const impact of report.impacts) {
    if (isMemberState(impact.memberState)) continue;
    const own = isOwnAssessment(impact, report) && impact.level !== 'unknown';
    const current = out.get(impact.memberState);
    if (current?.own && !own) continue;
    if (!current || (own && !current.own) || order[impact.level] > order[current.level])
      out.set(impact.memberState, { level: impact.level, own });
  }
  return out;
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

function t2(evidence: CepesEvidence): TriggerFacts {
  const unconfirmedCepes = evidence.unconfirmed.map((e) => ({ name: e.name, claimedBy: e.claimedBy }));
  if (evidence.counted.length > 0) {
    return {
      id: 'T2',
      met: true,
      disruptedCepes: evidence.counted.map((e) => ({
        name: e.name,
        memberStatesServed: e.memberStatesServed.length,
        basis: e.basis,
        assertedBy: e.assertedBy,
      })),
      disruptedNotCepes: [],
      undisruptedCepes: [],
      unconfirmedCepes,
    };
  }
  return {
    id: 'T2',
    met: false,
    disruptedCepes: [],
    disruptedNotCepes: evidence.notCepes.map((e) => ({ ...e })),
    undisruptedCepes: evidence.undisrupted.map((e) => ({ name: e.name })),
    unconfirmedCepes,
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
  report: Pick<Report, 'domain' | 'domainSetBy'>,
  triggers: readonly TriggerFacts[],
  significantlyAffected: readonly string[],
  claims: ReadonlyMap<string, string[]>,
  evidence: CepesEvidence,
  thirdCountries: { countries: string[]; assessedThemselves: string[] },
): ReasonFacts[] {
  const { domain } = report;
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
  if (report.domainSetBy !== undefined) reasons.push({ code: 'domain-set', domain, by: report.domainSetBy });
  for (const [state, by] of claims)
    reasons.push({ code: 'unconfirmed-claim', memberState: state, claimedBy: by });
  for (const cepes of evidence.unconfirmed)
    reasons.push({ code: 'unconfirmed-cepes', name: cepes.name, claimedBy: cepes.claimedBy });
  if (thirdCountries.countries.length > 0) reasons.push({ code: 'third-countries', ...thirdCountries });
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
    state.history.push({
      kind: f.kind,
      at: f.createdAt,
      by: f.authorOrg,
      text: text(f.body.text) || text(f.body.reason) || null,
    });
  }
  return state;
}

/** States that take part in activating: an own assessment of minor or significant impact, or served by a disrupted CEPES. */
export function activatingStates(report: Report, register: CepesRegister = NO_REGISTER): string[] {
  return affectedMemberStates(report, register);
}

/**
 * The consultations recorded under the earlier majority rule, oldest first, folded from their entries. They are
 * history: none is open any more and their decisions no longer set `coordinationAgreed` (BLUEPRINT.md §2).
 */
export function majorityConsultations(facts: readonly WorkflowFact[]): MajorityConsultation[] {
  const out: MajorityConsultation[] = [];
  for (const f of facts) {
    const opened = bodyOf(f, 'consultation-opened');
    if (opened) {
      out.push({
        procedure: 'majority-count',
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
  return out.map((c) => ({ ...c, open: false }));
}

// Mechanisms, recorded and suggested, are the response's concern: they live in src/response/.
export { type ActiveMechanism, activeMechanisms } from '../response/rules.js';
export { suggestedMechanisms } from '../response/suggestions.js';
