import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { OwnLevel } from '../blueprint/model.js';
import { assessIncident } from '../blueprint/rules.js';
import { hiddenEntityNames, visibleReport } from '../entries/flows.js';
import type { Actor } from '../platform/actor.js';
import type { Platform } from '../platform/context.js';
import type { Database } from '../platform/db/schema.js';
import { type IdempotencyScope, inWrite, type WriteContext } from '../platform/db/write.js';
import { Forbidden, Invalid, NotFound } from '../platform/errors.js';
import { appendEntry } from '../platform/log.js';
import { isMemberState } from '../registry/countries.js';
import { defaultAudience } from '../sharing/entries.js';
import * as incidentPolicy from '../sharing/incidents.js';
import { assertAllowed, isAllowed } from '../sharing/policy.js';
import { type Incident, IncidentReport, type IncidentSummary } from './model.js';
import { assessmentForReader, currentReport, fieldSpeakingForOthers } from './rules.js';
import * as store from './store.js';

const REPORT_DEFAULT_MARKING = 'TLP:GREEN';

/** Reports a new incident: its first entry is the report, with the marking and audience the reporter chose. */
export async function reportIncident(
  platform: Platform,
  actor: Actor,
  report: IncidentReport,
  idempotency?: IdempotencyScope,
): Promise<Incident> {
  assertAllowed(
    incidentPolicy.reportIncident,
    'only coordinators of participating organisations report incidents',
    actor,
  );
  const foreign = fieldSpeakingForOthers(report, actor.organisation);
  if (foreign) {
    throw new Forbidden(
      `${foreign}: you may report only for your own organisation (${actor.organisation})`,
      foreign,
    );
  }
  if (report.coordinationAgreed) {
    throw new Forbidden(
      "coordinationAgreed: set only by the outcome of the Presidency's consultation, never by a report",
      'coordinationAgreed',
    );
  }
  const marking = report.marking ?? REPORT_DEFAULT_MARKING;
  const audience = marking === 'TLP:RED' ? [] : (report.audience ?? defaultAudience());
  const stored: IncidentReport = { ...report, marking, audience };
  const assessment = assessIncident(stored);

  return inWrite(platform, { actor, idempotency }, async (w) => {
    const incidentId = uuidv7();
    await w.trx
      .insertInto('incidents')
      .values({
        id: incidentId,
        title: report.title,
        reported_by: report.reportedBy,
        occurred_at: report.occurredAt,
        created_at: w.now,
        last_activity_at: w.now,
        exercise: report.exercise ? 1 : 0,
        releasable_to_nato: report.releasableToNato ? 1 : 0,
        status: assessment.status,
        assessment: JSON.stringify(assessment),
      })
      .execute();
    await w.audit({
      action: 'incident.reported',
      subjectType: 'incident',
      subjectId: incidentId,
      // Audit records carry no content: the title stays in the log, where its audience applies.
      details: { status: assessment.status, exercise: report.exercise },
    });
    await appendEntry(w, platform.bus, {
      incidentId,
      kind: 'report',
      authorUserId: actor.userId,
      authorOrg: actor.organisation,
      marking,
      audience,
      recipients: report.recipients ?? [],
      releasableToNato: report.releasableToNato,
      body: stored,
    });
    // Read back inside the transaction, so the idempotent response stored with it is the full incident.
    return incidentFor(w.trx, actor, incidentId);
  });
}

async function visibleIncidentRow(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
): Promise<store.IncidentRow> {
  const row = await store.getIncident(db, id);
  // Not knowing whether an incident exists is part of not being allowed to see it.
  if (
    !row ||
    !isAllowed(incidentPolicy.readIncident, actor, { releasableToNato: row.releasable_to_nato === 1 })
  ) {
    throw new NotFound(`no incident ${id}`);
  }
  return row;
}

export async function getIncident(platform: Platform, actor: Actor, id: string): Promise<Incident> {
  const incident = await incidentFor(platform.db.kysely, actor, id);
  const reportId = incident.report ? await firstReportId(platform.db.kysely, id) : undefined;
  if (reportId) {
    platform.accessLog.record([
      {
        userId: actor.userId,
        organisation: actor.organisation,
        entryId: reportId,
        marking: incident.marking,
        path: 'incident',
      },
    ]);
  }
  return incident;
}

async function firstReportId(db: Kysely<Database>, incidentId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('entries')
    .select('id')
    .where('incident_id', '=', incidentId)
    .where('kind', '=', 'report')
    .orderBy('seq')
    .limit(1)
    .executeTakeFirst();
  return row?.id;
}

async function incidentFor(db: Kysely<Database>, actor: Actor, id: string): Promise<Incident> {
  const row = await visibleIncidentRow(db, actor, id);
  const seen = await visibleReport(db, actor, { id, releasableToNato: row.releasable_to_nato === 1 });
  const report = seen?.entry ? (seen.entry.body as Record<string, unknown>) : null;
  const marking = seen?.marking ?? REPORT_DEFAULT_MARKING;
  return { ...(await summaryFor(db, actor, row)), marking: marking as Incident['marking'], report };
}

/** The incident as this reader sees it: the same assessment for all, with entity names they may not see withheld. */
async function summaryFor(
  db: Kysely<Database>,
  actor: Actor,
  row: store.IncidentRow,
): Promise<IncidentSummary> {
  const summary = store.toIncidentSummary(row);
  const hidden = await hiddenEntityNames(db, actor, {
    id: row.id,
    releasableToNato: row.releasable_to_nato === 1,
  });
  return { ...summary, assessment: assessmentForReader(summary.assessment, hidden) };
}

export async function listIncidents(
  platform: Platform,
  actor: Actor,
  filter: { status?: string | undefined; exercise?: boolean | undefined },
): Promise<IncidentSummary[]> {
  const scope = incidentPolicy.incidentListScope(actor);
  if (scope === 'none') return [];
  const rows = await store.getAllIncidents(platform.db.kysely, scope, filter);
  return Promise.all(rows.map((row) => summaryFor(platform.db.kysely, actor, row)));
}

/** Recomputes the incident's assessment from its log, inside the write that changed it. */
async function reassess(w: WriteContext, incidentId: string) {
  const entries = await w.trx
    .selectFrom('entries')
    .select(['kind', 'body'])
    .where('incident_id', '=', incidentId)
    .where('kind', 'in', ['report', 'own-assessment'])
    .orderBy('seq')
    .execute();
  const first = entries.find((e) => e.kind === 'report');
  if (!first) throw new NotFound(`no report for incident ${incidentId}`);
  const report = IncidentReport.parse(JSON.parse(first.body));
  const own = entries
    .filter((e) => e.kind === 'own-assessment')
    .map((e) => JSON.parse(e.body) as { memberState: string; level: OwnLevel });
  const assessment = assessIncident(currentReport(report, own));
  await w.trx
    .updateTable('incidents')
    .set({ status: assessment.status, assessment: JSON.stringify(assessment), last_activity_at: w.now })
    .where('id', '=', incidentId)
    .execute();
  return assessment;
}

/** A member state's own assessment of its impact: only that state's coordinators give it, and it always wins. */
export async function recordOwnAssessment(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  input: { memberState: string; level: OwnLevel },
  idempotency?: IdempotencyScope,
): Promise<Incident> {
  const row = await visibleIncidentRow(platform.db.kysely, actor, incidentId);
  if (!isMemberState(input.memberState)) {
    throw new Invalid(`memberState: "${input.memberState}" is not an EU member state`, 'memberState');
  }
  if (actor.role !== 'coordinator' || actor.organisation !== input.memberState) {
    throw new Forbidden(
      `memberState: only coordinators of ${input.memberState} give its own assessment`,
      'memberState',
    );
  }
  return inWrite(platform, { actor, idempotency }, async (w) => {
    await appendEntry(w, platform.bus, {
      incidentId,
      kind: 'own-assessment',
      authorUserId: actor.userId,
      authorOrg: actor.organisation,
      // Impact levels are assessment facts: every participating organisation sees them.
      marking: 'TLP:GREEN',
      audience: defaultAudience(),
      recipients: [],
      releasableToNato: row.releasable_to_nato === 1,
      body: input,
    });
    await reassess(w, incidentId);
    w.afterCommit(() => platform.bus.publish({ type: 'assessment', incidentId }));
    return incidentFor(w.trx, actor, incidentId);
  });
}
