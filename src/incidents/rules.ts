import { AssessmentRecord } from '../blueprint/derived-model.js';
import { type HiddenNames, renderAssessment } from '../blueprint/derived-text.js';
import type { Assessment, OwnLevel } from '../blueprint/model.js';
import { isMemberState } from '../registry/countries.js';
import {
  type Entity,
  type Impact,
  IncidentReport,
  type ReportingStage,
  type SectorRef,
  type StateReporting,
  UpdateRequest,
} from './model.js';

export interface OwnAssessmentFact {
  memberState: string;
  level: OwnLevel;
}

/** An entry of the log as the facts fold reads it. */
export type LogFact =
  | { kind: 'report'; authorOrg: string; createdAt: string; body: IncidentReport }
  | { kind: 'update'; authorOrg: string; createdAt: string; body: UpdateRequest }
  | { kind: 'own-assessment'; authorOrg: string; createdAt: string; body: OwnAssessmentFact }
  | { kind: 'consultation-decision'; authorOrg: string; createdAt: string; body: { agreed: boolean } };

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
      return { kind: 'consultation-decision', authorOrg, createdAt, body: { agreed: body.agreed === true } };
  }
}

function withAssessor(impact: Impact, speaker: string): Impact {
  return { ...impact, assessedBy: impact.assessedBy ?? speaker };
}

/**
 * The incident's facts as they stand: the first report, merged reports, updates and own assessments in log order.
 * A later claim by the same assessor about the same state replaces the earlier one; a state's own assessment always
 * counts over others' claims (the rules see to that); the consultation's outcome sets `coordinationAgreed`.
 */
export function currentFacts(facts: readonly LogFact[]): IncidentReport {
  const reports = facts.filter((f) => f.kind === 'report');
  const first = reports[0];
  if (!first) throw new Error('an incident needs a report');
  let impacts: Impact[] = first.body.impacts.map((i) => withAssessor(i, first.body.reportedBy));
  let entities: Entity[] = [...first.body.entities];
  let sectors: SectorRef[] = [...first.body.sectors];
  let coordinationAgreed = false;
  // One entry's claims replace that assessor's earlier claims about the same states, but all stand together:
  // several impacts for one state in one update still count (the highest wins in the rules).
  const claim = (list: readonly Impact[]) => {
    const key = (i: Impact) => `${i.memberState}|${i.assessedBy}`;
    const replaced = new Set(list.map(key));
    impacts = impacts.filter((i) => !replaced.has(key(i)));
    impacts.push(...list);
  };
  const addEntity = (entity: Entity) => {
    entities = entities.filter((e) => e.name !== entity.name);
    entities.push(entity);
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
        fact.body.entities.forEach(addEntity);
        fact.body.sectors.forEach(addSector);
        break;
      case 'update':
        claim(fact.body.impacts.map((i) => withAssessor(i, fact.authorOrg)));
        fact.body.entities.forEach(addEntity);
        fact.body.sectors.forEach(addSector);
        break;
      case 'own-assessment':
        claim([
          { memberState: fact.body.memberState, level: fact.body.level, assessedBy: fact.body.memberState },
        ]);
        break;
      case 'consultation-decision':
        coordinationAgreed = fact.body.agreed;
        break;
    }
  }
  return { ...first.body, impacts, entities, sectors, coordinationAgreed };
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

const HOUR = 3_600_000;

/** One calendar month later, in UTC (31 January + 1 month is the last day of February). */
export function addMonth(iso: string): string {
  const d = new Date(iso);
  const target = new Date(
    Date.UTC(
      d.getUTCFullYear(),
      d.getUTCMonth() + 1,
      1,
      d.getUTCHours(),
      d.getUTCMinutes(),
      d.getUTCSeconds(),
      d.getUTCMilliseconds(),
    ),
  );
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  return target.toISOString();
}

function plusHours(iso: string, hours: number): string {
  return new Date(Date.parse(iso) + hours * HOUR).toISOString();
}

/** NIS2 applies on top of CER when the cause is (partly) cyber. */
export function regimesFor(cause: IncidentReport['cause']): Array<'cer' | 'nis2'> {
  return cause === 'cyber' || cause === 'hybrid' ? ['cer', 'nis2'] : ['cer'];
}

/**
 * Where each member state stands in its reporting (CER Art. 15: initial notification within 24 h of becoming aware,
 * detailed report within a month of it; NIS2 Art. 23: early warning within 24 h, incident notification within 72 h,
 * final report within a month of the incident notification). A state's first report counts as its initial
 * notification (and early warning). A state that has not reported became aware when the platform first named it.
 */
export function reportingStatus(facts: readonly LogFact[], now: Date): StateReporting[] {
  const current = currentFacts(facts);
  const regimes = regimesFor(current.cause);
  const states = new Set<string>();
  const firstNamed = new Map<string, string>();
  const name = (state: string, at: string) => {
    if (!isMemberState(state)) return;
    states.add(state);
    if (!firstNamed.has(state)) firstNamed.set(state, at);
  };
  for (const f of facts) {
    if (isMemberState(f.authorOrg) && f.kind !== 'consultation-decision') name(f.authorOrg, f.createdAt);
    if (f.kind === 'report' || f.kind === 'update')
      for (const i of f.body.impacts) name(i.memberState, f.createdAt);
  }
  return [...states].sort().map((state) => {
    const own = facts.filter((f) => f.authorOrg === state && (f.kind === 'report' || f.kind === 'update'));
    const submitted = new Map<ReportingStage, string>();
    let awareAt = firstNamed.get(state)!;
    for (const f of own) {
      if (f.kind === 'report') {
        // Aware when it detected the incident, or else when it was first named or reported it, whichever came first.
        awareAt = f.body.detectedAt
          ? new Date(f.body.detectedAt).toISOString()
          : [awareAt, f.createdAt].sort()[0]!;
        if (!submitted.has('cer-initial-notification'))
          submitted.set('cer-initial-notification', f.createdAt);
        if (regimes.includes('nis2') && !submitted.has('nis2-early-warning'))
          submitted.set('nis2-early-warning', f.createdAt);
      } else if (f.kind === 'update') {
        if (f.body.awareAt) awareAt = new Date(f.body.awareAt).toISOString();
        if (!submitted.has(f.body.stage)) submitted.set(f.body.stage, f.createdAt);
      }
    }
    const stage = (s: ReportingStage, dueAt: string | null) => {
      const submittedAt = submitted.get(s) ?? null;
      return {
        stage: s,
        dueAt,
        submittedAt,
        overdue: submittedAt === null && dueAt !== null && now.getTime() > Date.parse(dueAt),
      };
    };
    const initial = submitted.get('cer-initial-notification');
    const stages = [
      stage('cer-initial-notification', plusHours(awareAt, 24)),
      stage('cer-detailed-report', initial ? addMonth(initial) : null),
    ];
    if (regimes.includes('nis2')) {
      const notification = submitted.get('nis2-incident-notification');
      stages.push(
        stage('nis2-early-warning', plusHours(awareAt, 24)),
        stage('nis2-incident-notification', plusHours(awareAt, 72)),
        stage('nis2-final-report', notification ? addMonth(notification) : null),
      );
    }
    const pending = stages
      .filter((x) => x.submittedAt === null)
      .sort((a, b) => (a.dueAt ?? '9999').localeCompare(b.dueAt ?? '9999'));
    const latestSubmitted = [...submitted.entries()].sort((a, b) => a[1].localeCompare(b[1])).pop();
    const mine = facts.filter((f) => f.authorOrg === state);
    return {
      memberState: state,
      awareAt,
      regimes,
      stages,
      current: latestSubmitted?.[0] ?? null,
      next: pending[0] ?? null,
      lastUpdateAt: mine.length > 0 ? mine[mine.length - 1]!.createdAt : null,
    };
  });
}

/** Over the API a report speaks only for its sender: it names the first field that claims to speak for another. */
export function fieldSpeakingForOthers(report: IncidentReport, organisation: string): string | undefined {
  if (report.reportedBy !== organisation) return 'reportedBy';
  const index = report.impacts.findIndex((i) => i.assessedBy !== undefined && i.assessedBy !== organisation);
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
export function assessmentForReader(record: AssessmentRecord, hidden: HiddenNames): Assessment {
  return renderAssessment(record, hidden);
}

/** The stored assessment's facts, or undefined for a row written before assessments were stored as facts. */
export function storedAssessmentRecord(json: string): AssessmentRecord | undefined {
  const parsed = AssessmentRecord.safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : undefined;
}
