import type { CepesRegister } from '../blueprint/cepes-verdict.js';
import { consultationSituation, consultations } from '../blueprint/consultation-rules.js';
import type { AssessmentStatus } from '../blueprint/model.js';
import {
  activatingStates,
  activationState,
  activeMechanisms,
  assessIncidentFacts,
  type WorkflowFact,
} from '../blueprint/rules.js';
import type { CepesEntry } from '../cepes/model.js';
import type { Entry } from '../entries/model.js';
import { presentEntry, type Superseding, withoutField } from '../entries/rules.js';
import type { StoredEntry } from '../entries/store.js';
import type { Actor } from '../platform/actor.js';
import { type Language, readerLanguage } from '../platform/language.js';
import { presidencyAt } from '../registry/presidency.js';
import { capacityOverwhelmed, cerSteps, engagements } from '../response/rules.js';
import { mechanismSuggestions } from '../response/suggestions.js';
import { incidentAbilities, incidentSummaryAbilities } from '../sharing/abilities.js';
import { seeWithheldDetails } from '../sharing/entries.js';
import { isAllowed } from '../sharing/policy.js';
import type { Principal } from '../sharing/principal.js';
import type { Incident, IncidentReport, IncidentSummary } from './model.js';
import {
  assessmentForReader,
  currentFacts,
  type HiddenName,
  type LogFact,
  logFactOf,
  reportingClocks,
  reportingStatus,
  storedAssessmentRecord,
} from './rules.js';
import { standingFacts } from './standing-facts.js';
import { type IncidentRow, toIncidentSummary } from './store.js';

/** The kinds the incident's facts are folded from. */
export const FACT_KINDS = ['report', 'update', 'own-assessment', 'silence-procedure-concluded'] as const;
/** The kinds the Blueprint workflow (activation, consultations, mechanisms) is folded from. */
export const WORKFLOW_KINDS = [
  'activation',
  'activation-joined',
  'deactivation',
  'reopening',
  'consultation-opened',
  'consultation-position',
  'consultation-advice',
  'consultation-decision',
  'consultation-requested',
  'silence-procedure-opened',
  'silence-procedure-consulted',
  'silence-procedure-objection',
  'silence-procedure-objection-withdrawn',
  'silence-procedure-consent',
  'silence-procedure-view',
  'silence-procedure-concluded',
  'mechanism',
  'cer-commission-notified',
  'cer-spoc-informed',
  'capacity-overwhelmed',
] as const;
/** The entries a reader's view of an incident is projected from (corrections and retractions load with them). */
export const LOG_KINDS = [...new Set([...FACT_KINDS, ...WORKFLOW_KINDS, 'status-change'])];
/** Entries that count as a state's contribution to the picture (when it last wrote). */
export const CONTRIBUTION_KINDS = ['report', 'update', 'note', 'own-assessment'] as const;

const REPORT_DEFAULT_MARKING = 'TLP:GREEN';

/**
 * An incident's log as one reader's views are projected from it, loaded once: the row, every entry the views fold
 * (whatever its reach, so the shared facts are whole), which of them this reader may see as the sharing rules
 * decide, the entity names they may not see, and when the entries they may see were written.
 */
export interface IncidentLog {
  row: IncidentRow;
  /** The entries of `LOG_KINDS` and every correction or retraction, oldest first. */
  entries: readonly StoredEntry[];
  /** Ids of the entries the reader may see. */
  visible: ReadonlySet<string>;
  hidden: readonly HiddenName[];
  /** The newest entry of any kind the reader may see; null when they see none. */
  lastActivityAt: string | null;
  /** Each organisation's newest contribution (`CONTRIBUTION_KINDS`) among the entries the reader may see. */
  latestContribution: ReadonlyMap<string, string>;
  /**
   * What the CEPES register says of the entities referenced: the verdicts (shared facts, for everyone) and the
   * entries this reader may see. Absent when no entity references the register.
   */
  cepes?: { register: CepesRegister; entries: readonly CepesEntry[] };
  /**
   * The member state holding the Presidency for the incident as the log was read (`presidencyOf`: the platform's
   * holder, or an exercise's own); absent in logs built without a database, which read the seeded calendar at `now`.
   */
  presidency?: string | null;
}

const ofKinds = (kinds: readonly string[]) => (e: StoredEntry) => kinds.includes(e.kind);

function factOf(e: StoredEntry): LogFact {
  return logFactOf({ kind: e.kind, author_org: e.authorOrg, created_at: e.createdAt, body: e.body });
}

/** The incident's facts in log order: all of them, or with `onlyVisible` those from entries the reader may see. */
export function factsOf(log: IncidentLog, onlyVisible = false): LogFact[] {
  // Withdrawn before the reader's reach is applied: a retraction the reader does not see still withdraws the fact.
  return logFactsOf(
    standingFacts(log.entries, FACT_KINDS).filter((e) => !onlyVisible || log.visible.has(e.id)),
  );
}

/** The facts among these entries, in their order, as their retractions leave them. */
export function logFactsOf(entries: readonly StoredEntry[]): LogFact[] {
  return standingFacts(entries, FACT_KINDS).map(factOf);
}

export function workflowOf(log: IncidentLog): WorkflowFact[] {
  return log.entries.filter(ofKinds(WORKFLOW_KINDS)).map((e) => ({
    id: e.id,
    kind: e.kind,
    authorOrg: e.authorOrg,
    authorName: e.authorName,
    createdAt: e.createdAt,
    body: JSON.parse(e.body) as Record<string, unknown>,
  }));
}

/** The newest correction or retraction of this entry that the reader may see. */
function supersedingOf(log: IncidentLog, entryId: string): Superseding | null {
  let found: Superseding | null = null;
  for (const s of log.entries) {
    if (s.supersedes === entryId && log.visible.has(s.id))
      found = { id: s.id, kind: s.kind, createdAt: s.createdAt };
  }
  return found;
}

/** An entry of the log as this reader receives it (not a status change: its reasons need the derived view). */
export function presentLogEntry(log: IncidentLog, reader: Actor, e: StoredEntry): Entry {
  return presentEntry(e, reader, supersedingOf(log, e.id));
}

/** The incident's first report, whatever its reach. */
export function firstReportOf(log: IncidentLog): StoredEntry | undefined {
  return log.entries.find((e) => e.kind === 'report');
}

/**
 * The summary as this reader sees it: the same assessment for all, rendered with the names they may not see
 * withheld. A row stored before assessments were kept as facts is assessed again from its facts (`facts`), so no
 * stored sentence is ever served.
 */
export function summaryOf(
  row: IncidentRow,
  seen: { hidden: readonly HiddenName[]; lastActivityAt: string | null; sectors: string[] },
  facts: () => readonly LogFact[],
  reader: Principal & { readonly language?: Language },
  /** The CEPES register's verdicts for the entities the facts reference, when they must be assessed again. */
  register?: CepesRegister,
): IncidentSummary {
  const { hidden, lastActivityAt } = seen;
  const record =
    storedAssessmentRecord(row.assessment) ?? assessIncidentFacts(currentFacts(facts()), register);
  return {
    ...toIncidentSummary(row),
    // Sectors are details of the entries naming them: only those this reader may see count.
    sectors: seen.sectors,
    // Last activity among what this reader may see; the incident's creation when they see none of its entries.
    lastActivityAt: lastActivityAt ?? row.created_at,
    assessment: assessmentForReader(record, [...hidden], readerLanguage(reader)),
    abilities: incidentSummaryAbilities(reader, { reportedBy: row.reported_by }),
  };
}

/** The incident as this reader sees it at `now` (the platform clock's instant: presidency and deadlines). */
export function incidentView(log: IncidentLog, actor: Actor, now: Date): Incident {
  const { row } = log;
  const first = firstReportOf(log);
  const seen = first && log.visible.has(first.id) ? presentLogEntry(log, actor, first) : null;
  const report = seen ? (seen.body as Record<string, unknown>) : null;
  const facts = currentFacts(factsOf(log));
  const visibleFacts = factsOf(log, true).map((f) => asReceivedBy(actor, f));
  const workflow = workflowOf(log);
  // The response's own steps are entries like any other: a reader learns of those they may see.
  const seenWorkflow = workflow.filter((f) => log.visible.has(f.id));
  const overwhelmed = capacityOverwhelmed(seenWorkflow);
  const namingEntries = log.entries.filter(
    (e) => (e.kind === 'report' || e.kind === 'update') && log.visible.has(e.id),
  );
  const sectors = sectorsSeen(actor, namingEntries);
  return withAbilities(actor, now, {
    ...summaryOf(
      row,
      { hidden: log.hidden, lastActivityAt: log.lastActivityAt, sectors },
      () => factsOf(log),
      actor,
      log.cepes?.register,
    ),
    // A report outside the reader's reach shows them only the shared facts: its marking is its own, not theirs.
    marking: (seen ? first!.marking : REPORT_DEFAULT_MARKING) as Incident['marking'],
    report,
    activation: activationState(workflow),
    consultations: consultations(workflow),
    activatingStates: activatingStates(facts, log.cepes?.register),
    cepesRegister: [...(log.cepes?.entries ?? [])],
    presidency: log.presidency !== undefined ? log.presidency : (presidencyAt(now)?.memberState ?? null),
    // Only an exercise's opening report stores a Presidency of its own (`presidencyOf` prefers it).
    presidencyOfScenario: row.exercise === 1 && row.presidency !== null,
    // Who sent what when is read from the entries this reader may see, like every other detail.
    reporting: visibleFacts.some((f) => f.kind === 'report') ? reportingStatus(visibleFacts) : [],
    reportingClocks: visibleFacts.some((f) => f.kind === 'report') ? reportingClocks(visibleFacts) : [],
    mechanisms: mechanismsFor(
      // Sector groups are suggested only from the sectors and subsectors this reader is shown.
      { ...facts, sectors: sectorRefsSeen(actor, namingEntries) },
      report && developingFactsSeen(report, visibleFacts),
      workflow,
      row.status as AssessmentStatus,
      row.releasable_to_nato === 1,
      overwhelmed,
    ),
    cerSteps: cerSteps(seenWorkflow),
    capacityOverwhelmed: overwhelmed,
  });
}

/**
 * The sectors named by these entries (report and update entries the reader may see), without those their author
 * withheld from the reader, sorted.
 */
export function sectorsSeen(reader: Actor, entries: readonly StoredEntry[]): string[] {
  return [...new Set(sectorRefsSeen(reader, entries).map((ref) => ref.sector))].sort();
}

/** The sector references (sector and subsector) these entries show the reader, without those withheld from them. */
export function sectorRefsSeen(
  reader: Actor,
  entries: readonly StoredEntry[],
): Array<{ sector: string; subsector?: string }> {
  const refs: Array<{ sector: string; subsector?: string }> = [];
  for (const e of entries) {
    const body = withheldFieldsLeftOut(reader, e.authorOrg, JSON.parse(e.body)) as { sectors?: unknown };
    for (const ref of Array.isArray(body.sectors) ? (body.sectors as Array<Record<string, unknown>>) : []) {
      if (typeof ref?.sector !== 'string') continue;
      refs.push(
        typeof ref.subsector === 'string'
          ? { sector: ref.sector, subsector: ref.subsector }
          : { sector: ref.sector },
      );
    }
  }
  return refs;
}

/** An entry's body as a reader outside the author's organisation gets it: the fields the author withheld left out. */
/**
 * A fact as this reader's reporting deadlines may use it: the fold needs the whole body, but the times deadlines run
 * from, the entities whose clocks they are and the cause that decides the regimes are taken as the reader receives
 * them (without what was withheld).
 */
function asReceivedBy(reader: Actor, f: LogFact): LogFact {
  if (f.kind !== 'report' && f.kind !== 'update') return f;
  const shown = withheldFieldsLeftOut(reader, f.authorOrg, f.body) as Record<string, unknown>;
  if (shown === f.body) return f;
  // Entities as received: a withheld name is absent, so the clocks show the entity without it.
  const body: Record<string, unknown> = {
    ...f.body,
    detectedAt: shown.detectedAt,
    awareAt: shown.awareAt,
    entities: shown.entities ?? [],
  };
  if ('cause' in f.body) body.cause = shown.cause ?? 'unknown';
  return { ...f, body } as LogFact;
}

function withheldFieldsLeftOut(reader: Actor, authorOrg: string, body: { withheld?: unknown }): unknown {
  if (isAllowed(seeWithheldDetails, reader, authorOrg) || !Array.isArray(body.withheld)) return body;
  let shown: unknown = body;
  for (const w of body.withheld as Array<{ field?: unknown }>) shown = withoutField(shown, String(w.field));
  return shown;
}

/** The incident with what this reader may do with it, decided by the sharing rules the commands check. */
function withAbilities(actor: Actor, now: Date, incident: Omit<Incident, 'abilities'>): Incident {
  const procedure = incident.consultations.find((c) => c.procedure === 'silence' && c.open);
  const abilities = incidentAbilities(actor, {
    reportedBy: incident.reportedBy,
    activatingStates: incident.activatingStates,
    activators: incident.activation.activatedBy
      ? [incident.activation.activatedBy, ...incident.activation.joinedBy]
      : [],
    significantlyAffected: incident.assessment.significantlyAffected,
    unconfirmed: incident.assessment.unconfirmed,
    presidency: incident.presidency,
    consultation: consultationSituation(
      procedure?.procedure === 'silence' ? procedure : undefined,
      incident.assessment.significantlyAffected,
      now.toISOString(),
    ),
  });
  return { ...incident, abilities };
}

/**
 * The report's cause, suspicion of a deliberate act, international security and public order as the updates this
 * reader may see have changed them (the facts that develop, BLUEPRINT.md §2): a change in an entry outside their reach stays
 * unknown to them.
 */
function developingFactsSeen(report: Record<string, unknown>, visibleFacts: readonly LogFact[]) {
  const { cause, suspectedDeliberate, internationalSecurity, publicOrderImpact } = currentFacts(visibleFacts);
  return { ...report, cause, suspectedDeliberate, internationalSecurity, publicOrderImpact };
}

/**
 * Active mechanisms for everyone; suggestions from shared facts, and from the cause only for readers of the report
 * (the cause and a suspicion of deliberate action follow the report's audience).
 */
function mechanismsFor(
  facts: IncidentReport,
  visibleReport: Record<string, unknown> | null,
  workflow: WorkflowFact[],
  status: AssessmentStatus,
  releasableToNato: boolean,
  overwhelmed: readonly string[],
) {
  const engaged = engagements(workflow);
  const active = activeMechanisms(workflow);
  const seen = visibleReport as {
    cause?: IncidentReport['cause'];
    suspectedDeliberate?: boolean;
    internationalSecurity?: boolean;
    publicOrderImpact?: boolean;
  } | null;
  const suggestions = mechanismSuggestions({
    ...facts,
    status,
    cause: seen?.cause ?? 'unknown',
    suspectedDeliberate: seen?.suspectedDeliberate ?? false,
    internationalSecurity: seen?.internationalSecurity ?? false,
    publicOrderImpact: seen?.publicOrderImpact ?? false,
    releasableToNato,
    capacityOverwhelmed: overwhelmed,
  })
    // A mechanism already requested or active is no longer suggested; one stood down may be again.
    .filter((s) => !engaged.some((e) => e.mechanism === s.mechanism && e.status !== 'stood-down'));
  return {
    active,
    engagements: engaged,
    suggested: [...new Set(suggestions.map((s) => s.mechanism))],
    suggestions,
  };
}
