import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { hasOpenNotification, notify } from '../alerting/flows.js';
import { notifyNewIncident } from '../alerting/new-incident.js';
import { reportingClocksMayHaveChanged } from '../alerting/reporting-clock-reminders.js';
import { consultLateJoiners } from '../blueprint/consultation-flows.js';
import type { AssessmentRecord, StatusChangeBody } from '../blueprint/derived-model.js';
import type { Assessment, AssessmentStatus, OwnLevel } from '../blueprint/model.js';
import {
  activatingStates,
  affectedMemberStates,
  assessIncidentFacts,
  type WorkflowFact,
} from '../blueprint/rules.js';
import { checkReferences, registerFor, registerInWrite } from '../cepes/references.js';
import { withReferencesWithheld } from '../cepes/rules.js';
import { hiddenEntityNames } from '../entries/flows.js';
import { resolveRecipients } from '../entries/recipients.js';
import type { StoredEntry } from '../entries/store.js';
import { appendEntry } from '../log/append.js';
import { CARRIED_KINDS, type KindedBody } from '../log/kinds.js';
import type { RedRecipient } from '../log/reach.js';
import type { Actor } from '../platform/actor.js';
import type { Platform } from '../platform/context.js';
import type { Database } from '../platform/db/schema.js';
import { type IdempotencyScope, inWrite, type WriteContext } from '../platform/db/write.js';
import { Conflict, Forbidden, Invalid, NotFound } from '../platform/errors.js';
import { readerLanguage } from '../platform/language.js';
import { foldForSearch } from '../platform/text/fold.js';
import { countingCountry, isMemberState, memberStateOfTerritory } from '../registry/countries.js';
import { defaultAudience, type Reader } from '../sharing/entries.js';
import * as incidentPolicy from '../sharing/incidents.js';
import { assertAllowed, isAllowed, onlyAsRulesSay } from '../sharing/policy.js';
import { developingFactsIn, withRelays } from './developing-facts.js';
import type {
  Incident,
  IncidentListQuery,
  IncidentReport,
  IncidentSummary,
  ReportDraft,
  UpdateRequest,
} from './model.js';
import { assertPlausibleOccurrence } from './plausible-time.js';
import {
  loadIncidentLog,
  loadLogEntries,
  loadSummaries,
  logAfterWrite,
  presidencyOfLog,
  visibleIncidentRow,
} from './reader-log.js';
import { updateMayMoveClocks } from './reporting-clocks.js';
import {
  assessmentForReader,
  currentFacts,
  fieldSpeakingForOthers,
  type LogFact,
  logFactOf,
  storedAssessmentRecord,
} from './rules.js';
import * as store from './store.js';
import { FACT_KINDS, firstReportOf, incidentView, logFactsOf, WORKFLOW_KINDS } from './view-rules.js';

const REPORT_DEFAULT_MARKING = 'TLP:GREEN';

export interface IncidentRef {
  id: string;
  releasableToNato: boolean;
  title: string;
}

/** The facts of an incident's log, in order, as the pure rules read them. */
export async function loadFacts(
  db: Kysely<Database>,
  incidentId: string,
  reader?: Reader,
): Promise<LogFact[]> {
  const rows = await store.getFactEntries(db, incidentId, FACT_KINDS, reader);
  return rows.map(logFactOf);
}

export async function loadWorkflow(db: Kysely<Database>, incidentId: string): Promise<WorkflowFact[]> {
  const rows = await store.getFactEntries(db, incidentId, WORKFLOW_KINDS);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    authorOrg: r.author_org,
    authorName: r.display_name,
    createdAt: r.created_at,
    body: JSON.parse(r.body) as Record<string, unknown>,
  }));
}

/**
 * Appends a workflow fact (status change, activation, consultation step…). These are assessment facts: every
 * participating organisation sees them, and NATO too when the incident is released to it.
 */
export async function appendFact<K extends KindedBody['kind']>(
  w: WriteContext,
  _platform: Platform,
  incident: IncidentRef,
  actor: Pick<Actor, 'userId' | 'organisation'>,
  kind: K,
  body: Extract<KindedBody, { kind: K }>['body'],
) {
  return appendEntry(w, {
    incidentId: incident.id,
    ...({ kind, body } as KindedBody),
    authorUserId: actor.userId,
    authorOrg: actor.organisation,
    marking: 'TLP:GREEN',
    audience: defaultAudience(),
    recipients: [],
    releasableToNato: incident.releasableToNato,
  });
}

/**
 * Re-evaluates the triggers from the log inside the write that changed it; records a change of status as an entry,
 * asks states that others named to confirm with their own assessment, and pushes the new assessment live.
 */
export async function reassess(
  w: WriteContext,
  platform: Platform,
  incident: IncidentRef,
  actor: Pick<Actor, 'userId' | 'organisation'>,
): Promise<AssessmentRecord> {
  return (await reassessed(w, platform, incident, actor)).assessment;
}

/**
 * Reassesses, and answers the command's actor with the incident as it now stands, projected from the log entries
 * the reassessment decided on and the row as it left it, without reading either again.
 */
async function reassessedView(
  w: WriteContext,
  platform: Platform,
  incident: IncidentRef,
  actor: Actor,
  /** The row, when the command read it under its lock and changed none of what the reassessment sets. */
  known?: store.IncidentRow,
): Promise<Incident> {
  const { row, entries, presidency } = await reassessed(w, platform, incident, actor, known);
  return incidentView(await logAfterWrite(w.trx, actor, row, entries, presidency), actor, new Date(w.now));
}

async function reassessed(
  w: WriteContext,
  platform: Platform,
  incident: IncidentRef,
  actor: Pick<Actor, 'userId' | 'organisation'>,
  known?: store.IncidentRow,
): Promise<{
  assessment: AssessmentRecord;
  row: store.IncidentRow;
  entries: readonly StoredEntry[];
  presidency: string | null;
}> {
  const entries = await loadLogEntries(w.trx, incident.id);
  // Read under the write's lock with the log's rows, so the holder the command tells is the one it read.
  const presidency = await presidencyOfLog(w.trx, incident.id, entries);
  const report = currentFacts(logFactsOf(entries));
  // The register's verdicts for the entities referenced, in one query, read under the write's lock.
  const register = await registerInWrite(w, incident.id, report.entities);
  // Facts only, here and in what is stored: the sentences are rendered for each reader when read.
  const assessment = assessIncidentFacts(report, register);
  const row = known ?? (await store.getIncident(w.trx, incident.id));
  if (!row) throw new NotFound(`no incident ${incident.id}`);
  const isNew = !entries.some((e) => e.kind === 'status-change');
  const memberStates = [...new Set(report.impacts.map((i) => i.memberState).filter(isMemberState))].sort();
  const assessed = {
    status: assessment.status,
    assessment: JSON.stringify(assessment),
    last_activity_at: w.now,
    sectors: JSON.stringify([...new Set(report.sectors.map((s) => s.sector))].sort()),
    member_states: JSON.stringify(memberStates),
  };
  await w.trx.updateTable('incidents').set(assessed).where('id', '=', incident.id).execute();
  w.activityWritten(incident.id);
  if (isNew || row.status !== assessment.status) {
    await appendFact(w, platform, incident, actor, 'status-change', {
      from: isNew ? null : (row.status as AssessmentStatus),
      to: assessment.status,
      met: assessment.facts.triggers.filter((t) => t.met).map((t) => t.id),
      // The entry reaches everyone, so it keeps the facts of its reasons, never text naming an entity.
      facts: assessment.facts,
    } satisfies StatusChangeBody);
    if (!isNew) {
      await notify(w, {
        organisations: [...activatingStates(report, register), 'ERCC', presidency ?? ''].filter(Boolean),
        kind: 'status-changed',
        incidentId: incident.id,
        body: { from: row.status, to: assessment.status },
      });
    }
  }
  for (const state of assessment.unconfirmed) {
    if (!(await hasOpenNotification(w, state, 'confirm-impact', incident.id))) {
      await notify(w, {
        organisations: [state],
        kind: 'confirm-impact',
        incidentId: incident.id,
        body: {
          memberState: state,
          claimedBy: report.impacts
            .filter((i) => i.memberState === state && i.level === 'significant')
            .map((i) => i.assessedBy),
        },
      });
    }
  }
  await w.emit({ type: 'assessment', incidentId: incident.id });
  // A state significantly affected while a consultation is open is consulted at once (BLUEPRINT.md §2).
  const consulted = await consultLateJoiners(
    w,
    platform,
    incident,
    entries,
    assessment.significantlyAffected,
  );
  return {
    assessment,
    row: { ...row, ...assessed },
    entries: consulted ? await loadLogEntries(w.trx, incident.id) : entries,
    presidency,
  };
}

/** Reports a new incident: its first entry is the report, with the marking and audience the reporter chose. */
export async function reportIncident(
  platform: Platform,
  actor: Actor,
  report: IncidentReport,
  idempotency?: IdempotencyScope,
  /** For an exercise's opening report: what its scenario sets for the exercise world. */
  exercise?: ExerciseWorld,
): Promise<Incident> {
  return inWrite(platform, { actor, idempotency }, (w) =>
    reportIncidentIn(w, platform, actor, report, exercise),
  );
}

/**
 * What an exercise's scenario decides for its incident: the member state holding the Presidency in the exercise,
 * which every rule asking who holds the Presidency for the incident then reads (`presidencyOf`).
 */
export interface ExerciseWorld {
  presidency: string;
}

/** The same report, inside a write its caller holds: an import creates its incident with its entries at once. */
export async function reportIncidentIn(
  w: WriteContext,
  platform: Platform,
  actor: Actor,
  report: IncidentReport,
  exercise?: ExerciseWorld,
): Promise<Incident> {
  assertAllowed(
    incidentPolicy.reportIncident,
    'only coordinators of participating organisations report incidents',
    actor,
  );
  const foreign = fieldSpeakingForOthers(report, actor.organisation, (impact) =>
    isAllowed(incidentPolicy.relayOwnAssessment, actor, impact),
  );
  if (foreign)
    throw new Forbidden(
      `${foreign}: you may report only for your own organisation (${actor.organisation})`,
      foreign,
    );
  if (report.coordinationAgreed) {
    throw new Forbidden(
      "coordinationAgreed: set only by the outcome of the Presidency's consultation, never by a report",
      'coordinationAgreed',
    );
  }
  const marking = report.marking ?? REPORT_DEFAULT_MARKING;
  const audience = marking === 'TLP:RED' ? [] : (report.audience ?? defaultAudience());
  const impacts = withRelays(report.impacts, actor.organisation);
  const body: IncidentReport = {
    ...report,
    impacts,
    marking,
    audience,
    withheld: withReferencesWithheld(report.entities, report.withheld),
  };

  assertPlausibleOccurrence(report.occurredAt, w.now);
  const incidentId = uuidv7();
  // Entities picked from the CEPES register must name entries the reporter may see; their verdicts count.
  const assessment = assessIncidentFacts(body, await checkReferences(w, actor, body.entities));
  await w.trx
    .insertInto('incidents')
    .values({
      id: incidentId,
      title: report.title,
      search_title: foldForSearch(report.title),
      reported_by: report.reportedBy,
      occurred_at: report.occurredAt,
      created_at: w.now,
      last_activity_at: w.now,
      exercise: report.exercise ? 1 : 0,
      releasable_to_nato: report.releasableToNato ? 1 : 0,
      status: assessment.status,
      assessment: JSON.stringify(assessment),
      // Only an exercise has a Presidency of its own; a real incident's is the calendar's.
      presidency: report.exercise ? (exercise?.presidency ?? null) : null,
    })
    .execute();
  await w.audit({
    action: 'incident.reported',
    subjectType: 'incident',
    subjectId: incidentId,
    // Audit records carry no content: the title stays in the log, where its audience applies.
    details: { status: assessment.status, exercise: report.exercise },
  });
  const reported = await appendEntry(w, {
    incidentId,
    kind: 'report',
    authorUserId: actor.userId,
    authorOrg: actor.organisation,
    marking,
    audience,
    recipients:
      marking === 'TLP:RED'
        ? await resolveRecipients(w.trx, report.recipients ?? [], {
            releasableToNato: report.releasableToNato,
          })
        : [],
    releasableToNato: report.releasableToNato,
    body,
  });
  await notifyNewIncident(w, {
    id: incidentId,
    reportedBy: report.reportedBy,
    reportEntryId: reported.id,
    releasedToNato: report.releasableToNato,
  });
  await reportingClocksMayHaveChanged(w, incidentId);
  // Projected inside the transaction, so the idempotent response stored with it is the full incident.
  return reassessedView(
    w,
    platform,
    { id: incidentId, releasableToNato: report.releasableToNato, title: report.title },
    actor,
  );
}

/**
 * The incident, for a write: visible to the actor and not merged into another. Read under the write's lock (the
 * audit head, taken first by every write, so no merge can commit between this read and the write that relies on
 * it), and on PostgreSQL the row itself is locked too, so a decision on its merged state holds until commit.
 */
export async function openIncident(
  w: WriteContext,
  actor: Actor,
  id: string,
): Promise<IncidentRef & { row: store.IncidentRow }> {
  const row = await visibleIncidentRow(w.trx, actor, id, w.engine === 'postgres');
  if (row.merged_into)
    throw new Conflict(`this incident was merged into ${row.merged_into}; continue there`, 'id', 'merged');
  return { id: row.id, releasableToNato: row.releasable_to_nato === 1, title: row.title, row };
}

export async function getIncident(platform: Platform, actor: Actor, id: string): Promise<Incident> {
  const log = await loadIncidentLog(platform.db.kysely, actor, id);
  const incident = incidentView(log, actor, platform.clock.now());
  const report = firstReportOf(log);
  if (incident.report && report) {
    platform.accessLog.record([
      {
        userId: actor.userId,
        organisation: actor.organisation,
        entryId: report.id,
        marking: incident.marking,
        path: 'incident',
      },
    ]);
  }
  return incident;
}

/** The incident as this reader sees it, projected from one load of its log. */
export async function incidentFor(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  /** The platform clock's instant (a write's `now` inside a command): presidency and deadlines depend on it. */
  now: Date,
): Promise<Incident> {
  return incidentView(await loadIncidentLog(db, actor, id), actor, now);
}

/**
 * The incident's assessment as this reader receives it, rendered from its facts with the names they may not see
 * withheld. A row stored before assessments were kept as facts is assessed again from the log, so no stored
 * sentence is ever served.
 */
export async function readerAssessment(
  db: Kysely<Database>,
  actor: Actor,
  row: Pick<store.IncidentRow, 'id' | 'assessment' | 'releasable_to_nato'>,
): Promise<Assessment> {
  const record = storedAssessmentRecord(row.assessment) ?? (await assessedAgain(db, row.id));
  const hidden = await hiddenEntityNames(db, actor, {
    id: row.id,
    releasableToNato: row.releasable_to_nato === 1,
  });
  return assessmentForReader(record, hidden, readerLanguage(actor));
}

/** The assessment of a row stored before assessments were kept as facts, from its log and the register's verdicts. */
async function assessedAgain(db: Kysely<Database>, incidentId: string) {
  const facts = currentFacts(await loadFacts(db, incidentId));
  return assessIncidentFacts(facts, await registerFor(db, facts.entities));
}

export async function listIncidents(
  platform: Platform,
  actor: Actor,
  filter: Partial<IncidentListQuery>,
): Promise<IncidentSummary[]> {
  const scope = incidentPolicy.incidentListScope(actor);
  if (scope === 'none') return [];
  const rows = await store.getAllIncidents(platform.db.kysely, scope, filter);
  const all = await loadSummaries(platform.db.kysely, actor, rows);
  // The stored sectors name every entry's; the filter keeps only incidents whose sector this reader may see.
  const summaries = filter.sector ? all.filter((s) => s.sectors.includes(filter.sector!)) : all;
  // Ordered by what the reader may see: the stored order would rank incidents by activity hidden from them.
  return summaries.sort((a, b) => b.lastActivityAt.localeCompare(a.lastActivityAt));
}

/** A member state's own assessment of its impact: only that state's coordinators give it, and it always wins. */
export async function recordOwnAssessment(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  input: { memberState: string; level: OwnLevel; territory?: string | undefined },
  idempotency?: IdempotencyScope,
): Promise<Incident> {
  const assessment = ownAssessmentOf(input);
  return inWrite(platform, { actor, idempotency }, async (w) => {
    const incident = await openIncident(w, actor, incidentId);
    if (isMemberState(assessment.memberState)) {
      assertAllowed(
        incidentPolicy.giveOwnAssessment,
        `memberState: only coordinators of ${assessment.memberState} give its own assessment`,
        actor,
        assessment.memberState,
      );
    } else {
      assertAllowed(
        incidentPolicy.relayOwnAssessment,
        `memberState: ${assessment.memberState} is outside the EU; ${onlyAsRulesSay(incidentPolicy.relayOwnAssessment)}`,
        actor,
        { memberState: assessment.memberState, assessedBy: assessment.memberState },
      );
    }
    await appendFact(w, platform, incident, actor, 'own-assessment', assessment);
    // The request to confirm is answered.
    await w.trx
      .updateTable('notifications')
      .set({ acknowledged_at: w.now, acknowledged_by: actor.displayName })
      .where('organisation', '=', assessment.memberState)
      .where('kind', '=', 'confirm-impact')
      .where('incident_id', '=', incidentId)
      .where('acknowledged_at', 'is', null)
      .execute();
    return reassessedView(w, platform, incident, actor, incident.row);
  });
}

/**
 * An own assessment as it is recorded: a territory inside the EU given as the state (RE) is its member state's,
 * about that territory; a territory must be part of the state it is given with.
 */
function ownAssessmentOf(input: { memberState: string; level: OwnLevel; territory?: string | undefined }) {
  const { country, territory: given } = countingCountry(input.memberState);
  const territory = input.territory ?? given;
  if (territory !== undefined && memberStateOfTerritory(territory) !== country) {
    throw new Invalid(
      `territory: "${territory}" is not a territory of ${country} inside the EU`,
      input.territory === undefined ? 'memberState' : 'territory',
    );
  }
  return { memberState: country, level: input.level, ...(territory !== undefined && { territory }) };
}

/** An update from a participating organisation: new facts, changed impacts, tagged with its reporting stage. */
export async function postUpdate(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  update: UpdateRequest,
  idempotency?: IdempotencyScope,
): Promise<Incident> {
  assertAllowed(
    incidentPolicy.reportIncident,
    'only coordinators of participating organisations send updates',
    actor,
  );
  return inWrite(platform, { actor, idempotency }, async (w) => {
    const incident = await openIncident(w, actor, incidentId);
    const index = update.impacts.findIndex(
      (i) =>
        i.assessedBy !== undefined &&
        i.assessedBy !== actor.organisation &&
        !isAllowed(incidentPolicy.relayOwnAssessment, actor, i),
    );
    if (index >= 0) {
      throw new Forbidden(
        `impacts[${index}].assessedBy: you may assess only for your own organisation`,
        `impacts[${index}].assessedBy`,
      );
    }
    const changed = developingFactsIn(update);
    if (changed.length > 0) {
      // Judged on the facts as they stand in this write, as the facts fold judges the update later.
      const facts = currentFacts(await loadFacts(w.trx, incidentId));
      const subject = { reportedBy: facts.reportedBy, affectedStates: affectedMemberStates(facts) };
      if (!isAllowed(incidentPolicy.changeDevelopingFacts, actor, subject)) {
        throw new Forbidden(
          `${changed[0]}: ${onlyAsRulesSay(incidentPolicy.changeDevelopingFacts)}`,
          changed[0],
        );
      }
    }
    if (update.releasableToNato && !incident.releasableToNato) {
      throw new Invalid('releasableToNato: this incident is not released to NATO', 'releasableToNato');
    }
    const marking = update.marking ?? REPORT_DEFAULT_MARKING;
    if (marking === 'TLP:RED' && (update.recipients ?? []).length === 0) {
      throw new Invalid('recipients: required for TLP:RED: name at least one recipient', 'recipients');
    }
    if (update.entities.some((e) => e.cepesId)) await checkReferences(w, actor, update.entities);
    await appendEntry(w, {
      incidentId,
      kind: 'update',
      authorUserId: actor.userId,
      authorOrg: actor.organisation,
      marking,
      audience: marking === 'TLP:RED' ? [] : (update.audience ?? defaultAudience()),
      recipients:
        marking === 'TLP:RED'
          ? await resolveRecipients(w.trx, update.recipients ?? [], {
              releasableToNato: update.releasableToNato,
            })
          : [],
      releasableToNato: update.releasableToNato,
      body: {
        ...update,
        impacts: withRelays(update.impacts, actor.organisation),
        marking,
        withheld: withReferencesWithheld(update.entities, update.withheld),
      },
    });
    if (updateMayMoveClocks(update)) await reportingClocksMayHaveChanged(w, incidentId);
    return reassessedView(w, platform, incident, actor, incident.row);
  });
}

/**
 * Merges a duplicate report of the same event into this incident. Nothing is lost: the duplicate's reports,
 * updates, assessments and notes are carried over with their own authors, markings and audiences, the duplicate
 * stays readable and points here, and the merge itself is an entry in both logs.
 */
export async function mergeIncidents(
  platform: Platform,
  actor: Actor,
  targetId: string,
  duplicateId: string,
  idempotency?: IdempotencyScope,
): Promise<Incident> {
  if (targetId === duplicateId)
    throw new Invalid('duplicateId: an incident cannot be merged into itself', 'duplicateId');
  return inWrite(platform, { actor, idempotency }, async (w) => {
    // Both rows are read, and on PostgreSQL locked, under the write lock: two merges of one duplicate at once
    // find it merged the second time, and never carry its entries twice.
    const target = await openIncident(w, actor, targetId);
    const duplicate = await openIncident(w, actor, duplicateId).catch((e: unknown) => {
      if (e instanceof NotFound) throw new Invalid(`duplicateId: no incident ${duplicateId}`, 'duplicateId');
      throw e;
    });
    const merge = {
      duplicateReportedBy: duplicate.row.reported_by,
      targetReportedBy: target.row.reported_by,
    };
    assertAllowed(incidentPolicy.mergeIncidents, onlyAsRulesSay(incidentPolicy.mergeIncidents), actor, merge);
    const kinds = {
      duplicateExercise: duplicate.row.exercise === 1,
      targetExercise: target.row.exercise === 1,
      duplicatePresidency: duplicate.row.presidency ?? null,
      targetPresidency: target.row.presidency ?? null,
    };
    if (!isAllowed(incidentPolicy.mergeWithinKind, kinds))
      throw new Conflict(
        `duplicateId: ${onlyAsRulesSay(incidentPolicy.mergeWithinKind)}`,
        'duplicateId',
        'exercise-boundary',
      );
    const entries = await store.getAllEntriesOfIncident(w.trx, duplicateId);
    const carried: readonly string[] = CARRIED_KINDS;
    for (const e of entries.filter((x) => carried.includes(x.kind))) {
      const reach = await w.trx
        .selectFrom('entry_reach')
        .selectAll()
        .where('entry_id', '=', e.id)
        .executeTakeFirstOrThrow();
      await appendEntry(w, {
        incidentId: targetId,
        // The body is carried as stored, with its provenance; the kind's schema checks it fits.
        ...({
          kind: e.kind,
          body: {
            ...(JSON.parse(e.body) as Record<string, unknown>),
            mergedFrom: { incidentId: duplicateId, entryId: e.id, createdAt: e.created_at },
          },
        } as KindedBody),
        authorUserId: e.author_user_id,
        authorOrg: e.author_org,
        marking: reach.marking,
        audience: JSON.parse(reach.audience) as string[],
        recipients: JSON.parse(reach.recipients) as RedRecipient[],
        sharingGroupId: reach.sharing_group_id,
        releasableToNato: reach.releasable_to_nato === 1 && target.releasableToNato,
      });
    }
    await appendFact(w, platform, target, actor, 'merge', {
      duplicateId,
      duplicateTitle: duplicate.title,
      into: targetId,
    });
    await appendFact(w, platform, duplicate, actor, 'merge', {
      duplicateId,
      into: targetId,
      targetTitle: target.title,
    });
    await w.trx
      .updateTable('incidents')
      .set({ merged_into: targetId })
      .where('id', '=', duplicateId)
      .execute();
    await w.audit({
      action: 'incident.merged',
      subjectType: 'incident',
      subjectId: duplicateId,
      details: { into: targetId },
    });
    await notify(w, {
      organisations: [duplicate.row.reported_by],
      kind: 'merged',
      incidentId: targetId,
      body: { duplicateId, by: actor.organisation },
    });
    // The target's reporter did not choose the merge: it is asked to check that both reports are one event.
    if (target.row.reported_by !== duplicate.row.reported_by) {
      await notify(w, {
        organisations: [target.row.reported_by],
        kind: 'duplicate-merged-in',
        incidentId: targetId,
        body: { duplicateId, duplicateReportedBy: duplicate.row.reported_by, by: actor.organisation },
      });
    }
    return reassessedView(w, platform, target, actor);
  });
}

function toDraft(row: { id: string; body: string; created_at: string; updated_at: string }): ReportDraft {
  const body = JSON.parse(row.body) as Record<string, unknown>;
  return {
    id: row.id,
    title: typeof body.title === 'string' ? body.title : '',
    body,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function listDrafts(platform: Platform, actor: Actor): Promise<ReportDraft[]> {
  return (await store.getDrafts(platform.db.kysely, actor.userId)).map(toDraft);
}

/** Saves the report form as it is; drafts are private to their author and validated only on submission. */
export async function saveDraft(
  platform: Platform,
  actor: Actor,
  id: string | null,
  body: Record<string, unknown>,
): Promise<ReportDraft> {
  assertAllowed(
    incidentPolicy.reportIncident,
    'only coordinators of participating organisations draft reports',
    actor,
  );
  if (JSON.stringify(body).length > 200_000) throw new Invalid('body: the draft is too large', 'body');
  return inWrite(platform, { actor }, async (w) => {
    if (id) {
      const row = await store.getDraft(w.trx, id);
      if (!row || row.user_id !== actor.userId) throw new NotFound(`no draft ${id}`);
      await w.trx
        .updateTable('report_drafts')
        .set({ body: JSON.stringify(body), updated_at: w.now })
        .where('id', '=', id)
        .execute();
      await w.audit({ action: 'draft.saved', subjectType: 'report-draft', subjectId: id });
      return toDraft((await store.getDraft(w.trx, id))!);
    }
    const newId = uuidv7();
    await w.trx
      .insertInto('report_drafts')
      .values({
        id: newId,
        user_id: actor.userId,
        body: JSON.stringify(body),
        created_at: w.now,
        updated_at: w.now,
      })
      .execute();
    await w.audit({ action: 'draft.created', subjectType: 'report-draft', subjectId: newId });
    return toDraft((await store.getDraft(w.trx, newId))!);
  });
}

export async function deleteDraft(platform: Platform, actor: Actor, id: string): Promise<void> {
  await inWrite(platform, { actor }, async (w) => {
    const row = await store.getDraft(w.trx, id);
    if (!row || row.user_id !== actor.userId) throw new NotFound(`no draft ${id}`);
    await w.trx.deleteFrom('report_drafts').where('id', '=', id).execute();
    await w.audit({ action: 'draft.deleted', subjectType: 'report-draft', subjectId: id });
  });
}
