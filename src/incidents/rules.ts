import type { EntityStatement } from '../blueprint/cepes-evidence.js';
import { AssessmentRecord } from '../blueprint/derived-model.js';
import { type HiddenNames, renderAssessment } from '../blueprint/derived-text.js';
import type { Assessment, OwnLevel } from '../blueprint/model.js';
import type { Language } from '../platform/language.js';
import { isMemberState } from '../registry/countries.js';
import {
  assessedImpact,
  type IncidentFacts,
  impactKey,
  statedBy,
  withDevelopingFacts,
  withStatement,
} from './developing-facts.js';
import {
  type Entity,
  type EntityReporting,
  type Impact,
  IncidentReport,
  type ReportingStage,
  type SectorRef,
  type StateReporting,
  UpdateRequest,
} from './model.js';
import { entityReporting } from './reporting-clocks.js';

export interface OwnAssessmentFact {
  memberState: string;
  level: OwnLevel;
  /** The territory inside the EU it is about (RE, AX…); absent, the state as a whole. */
  territory?: string | undefined;
}

/** An entry of the log as the facts fold reads it. */
export type LogFact =
  | { kind: 'report'; authorOrg: string; createdAt: string; body: IncidentReport }
  | { kind: 'update'; authorOrg: string; createdAt: string; body: UpdateRequest }
  | { kind: 'own-assessment'; authorOrg: string; createdAt: string; body: OwnAssessmentFact }
  // Only a silence procedure's conclusion decides coordination; decisions under the earlier majority rule are history.
  | { kind: 'silence-procedure-concluded'; authorOrg: string; createdAt: string; body: { agreed: boolean } };

/** A stored fact entry as the facts fold reads it; merge provenance is stripped and its original time kept. */
export function logFactOf(row: {
  kind: string;
  author_org: string;
  created_at: string;
  body: string;
}): LogFact {
  const { mergedFrom, ...body } = JSON.parse(row.body) as Record<string, unknown> & {
    mergedFrom?: { createdAt?: string };
  };
  const authorOrg = row.author_org;
  const createdAt = mergedFrom?.createdAt ?? row.created_at;
  switch (row.kind) {
    case 'report':
      return { kind: 'report', authorOrg, createdAt, body: IncidentReport.parse(body) };
    case 'update':
      return { kind: 'update', authorOrg, createdAt, body: UpdateRequest.parse(body) };
    case 'own-assessment':
      return { kind: 'own-assessment', authorOrg, createdAt, body: body as unknown as OwnAssessmentFact };
    default:
      return {
        kind: 'silence-procedure-concluded',
        authorOrg,
        createdAt,
        body: { agreed: body.agreed === true },
      };
  }
}

const withAssessor = assessedImpact;

/**
 * The incident's facts as they stand: the first report, merged reports, updates and own assessments in log order.
 * A later claim by the same assessor about the same state replaces the earlier one; a state's own assessment always
 * counts over others' claims (the rules see to that); the consultation's outcome sets `coordinationAgreed`.
 */
export function currentFacts(facts: readonly LogFact[]): IncidentFacts {
  const reports = facts.filter((f) => f.kind === 'report');
  const first = reports[0];
  if (!first) throw new Error('an incident needs a report');
  let impacts: Impact[] = first.body.impacts.map((i) => withAssessor(i, first.body.reportedBy));
  let entities: EntityStatement[] = first.body.entities.map((e) => statedBy(e, first.body.reportedBy));
  // The developing facts (domain, cause, suspected deliberate act), as the latest entitled update left them.
  let developing: IncidentFacts = { ...first.body, entities: [] };
  let sectors: SectorRef[] = [...first.body.sectors];
  let coordinationAgreed = false;
  // One entry's claims replace that assessor's earlier claims about the same states, but all stand together:
  // several impacts for one state in one update still count (the highest wins in the rules).
  const claim = (list: readonly Impact[]) => {
    const replaced = new Set(list.map(impactKey));
    impacts = impacts.filter((i) => !replaced.has(impactKey(i)));
    impacts.push(...list);
  };
  const stated = (by: string) => (entity: Entity) => {
    entities = withStatement(entities, statedBy(entity, by));
  };
  const addSector = (ref: SectorRef) => {
    const existing = sectors.find((x) => x.sector === ref.sector && x.subsector === ref.subsector);
    if (!existing) sectors.push(ref);
    else if (ref.status) sectors = sectors.map((x) => (x === existing ? { ...x, status: ref.status } : x));
  };
  for (const fact of facts) {
    switch (fact.kind) {
      case 'report':
        if (fact === first) continue;
        claim(fact.body.impacts.map((i) => withAssessor(i, fact.body.reportedBy)));
        fact.body.entities.forEach(stated(fact.body.reportedBy));
        fact.body.sectors.forEach(addSector);
        break;
      case 'update':
        // Judged on the facts before this update, as the write that accepted it judged them.
        developing = withDevelopingFacts(
          { ...developing, impacts, entities, coordinationAgreed },
          fact.body,
          fact.authorOrg,
        );
        claim(fact.body.impacts.map((i) => withAssessor(i, fact.authorOrg)));
        fact.body.entities.forEach(stated(fact.authorOrg));
        fact.body.sectors.forEach(addSector);
        break;
      case 'own-assessment': {
        const { memberState, level, territory } = fact.body;
        claim([
          withAssessor(
            { memberState, level, assessedBy: memberState, ...(territory !== undefined && { territory }) },
            fact.authorOrg,
          ),
        ]);
        break;
      }
      case 'silence-procedure-concluded':
        coordinationAgreed = fact.body.agreed;
        break;
    }
  }
  const { domain, domainSetBy, cause, suspectedDeliberate, internationalSecurity, publicOrderImpact } =
    developing;
  return {
    ...first.body,
    domain,
    ...(domainSetBy !== undefined && { domainSetBy }),
    cause,
    suspectedDeliberate,
    internationalSecurity,
    publicOrderImpact,
    impacts,
    entities,
    sectors,
    coordinationAgreed,
  };
}

/** Kept for callers that only have a report and own assessments. */
export function currentReport(
  report: IncidentReport,
  ownAssessments: readonly OwnAssessmentFact[],
): IncidentReport {
  return currentFacts([
    { kind: 'report', authorOrg: report.reportedBy, createdAt: '', body: report },
    ...ownAssessments.map((body) => ({
      kind: 'own-assessment' as const,
      authorOrg: body.memberState,
      createdAt: '',
      body,
    })),
  ]);
}

export { addMonth, regimesFor } from './reporting-clocks.js';

/**
 * What each member state has shared of the reporting so far: the latest stage its updates were tagged with and its
 * latest entry. A state is listed once it writes or is named in an impact. No deadline is a state's: the clocks
 * are the entities' (`reportingClocks`), shown for information.
 */
export function reportingStatus(facts: readonly LogFact[]): StateReporting[] {
  const states = new Set<string>();
  for (const f of facts) {
    if (isMemberState(f.authorOrg) && f.kind !== 'silence-procedure-concluded') states.add(f.authorOrg);
    if (f.kind === 'report' || f.kind === 'update')
      for (const i of f.body.impacts) if (isMemberState(i.memberState)) states.add(i.memberState);
  }
  return [...states].sort().map((state) => {
    const mine = facts.filter((f) => f.authorOrg === state);
    // Each stage counts from its first time; a report is the state's initial notification.
    const first = new Map<ReportingStage, string>();
    for (const f of mine) {
      const stage =
        f.kind === 'report' ? 'cer-initial-notification' : f.kind === 'update' ? f.body.stage : null;
      if (stage && stage !== 'other' && !first.has(stage)) first.set(stage, f.createdAt);
    }
    const current = [...first.entries()].sort((a, b) => a[1].localeCompare(b[1])).pop()?.[0] ?? null;
    return {
      memberState: state,
      current,
      lastUpdateAt: mine.length > 0 ? mine[mine.length - 1]!.createdAt : null,
    };
  });
}

/** The entities' reporting clocks, for information, under the cause as the facts now give it. */
export function reportingClocks(facts: readonly LogFact[]): EntityReporting[] {
  return entityReporting(facts, currentFacts(facts).cause);
}

/** Over the API a report speaks only for its sender: it names the first field that claims to speak for another. */
export function fieldSpeakingForOthers(
  report: Pick<IncidentReport, 'reportedBy' | 'impacts'>,
  organisation: string,
  /** An assessment by another the sender may pass on: ERCC relaying a third country's own (sharing rules). */
  mayRelay: (impact: Impact) => boolean = () => false,
): string | undefined {
  if (report.reportedBy !== organisation) return 'reportedBy';
  const index = report.impacts.findIndex(
    (i) => i.assessedBy !== undefined && i.assessedBy !== organisation && !mayRelay(i),
  );
  return index >= 0 ? `impacts[${index}].assessedBy` : undefined;
}

export interface HiddenName {
  name: string;
  /** The organisation that withheld it, or whose report the reader may not see. */
  by: string;
}

/**
 * The assessment as a reader who may not see some entity names receives it: the facts stay the same for everyone,
 * and its sentences are rendered from their facts with each hidden name as "withheld by FI", never from stored text.
 */
export function assessmentForReader(
  record: AssessmentRecord,
  hidden: HiddenNames,
  language: Language = 'en',
): Assessment {
  return renderAssessment(record, hidden, language);
}

/** The stored assessment's facts, or undefined for a row written before assessments were stored as facts. */
export function storedAssessmentRecord(json: string): AssessmentRecord | undefined {
  const parsed = AssessmentRecord.safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : undefined;
}
