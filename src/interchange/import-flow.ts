import { createHash } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import { openIncident, reportIncidentIn } from '../incidents/flows.js';
import { IncidentReport } from '../incidents/model.js';
import { appendEntry } from '../log/append.js';
import type { Actor } from '../platform/actor.js';
import type { Platform } from '../platform/context.js';
import { type IdempotencyScope, inWrite, type WriteContext } from '../platform/db/write.js';
import { NotFound } from '../platform/errors.js';
import { type Importer, importedReach, importInto } from '../sharing/imports.js';
import { isAllowed } from '../sharing/policy.js';
import { IMPORT_LIMITS, type ImportLimits, ImportRefused, parseUntrusted } from './import-limits.js';
import { planMispImport } from './import-misp.js';
import { refuseNothingToImport } from './import-nothing.js';
import { planStixImport } from './import-stix.js';
import { getImportRun, insertImportRun, insertKeptFile } from './import-store.js';
import type { ImportedObject, ImportFormat, ImportPlan, ImportReport, PlannedIncident } from './model.js';

export interface ImportRequest {
  format: ImportFormat;
  content: Buffer;
  /** The incident to import into; a new incident is made from the file when absent. */
  incidentId?: string | undefined;
  /** Told after each object is written (for a progress bar); never told on a rerun, which writes nothing. */
  onProgress?: (done: number, total: number) => void;
  limits?: ImportLimits;
  /** The request's Idempotency-Key, checked and stored in the import's own transaction. */
  idempotency?: IdempotencyScope | undefined;
}

/** Reads and maps the file before any transaction opens: all of it is pure work on untrusted input. */
export function planImport(
  format: ImportFormat,
  content: Buffer,
  limits: ImportLimits = IMPORT_LIMITS,
): ImportPlan {
  const doc = parseUntrusted(content, limits);
  return format === 'misp' ? planMispImport(doc, limits) : planStixImport(doc, limits);
}

/**
 * Imports a MISP event or a STIX bundle as the actor: every object becomes an entry (mapped, or kept with the
 * object attached), or is refused with a reason; all of it in one write, so a failure leaves nothing behind. The
 * same file by the same person into the same target is imported once: a rerun writes nothing and answers with the
 * first run's report.
 */
export async function importFile(
  platform: Platform,
  actor: Actor,
  req: ImportRequest,
): Promise<ImportReport> {
  const sha256 = createHash('sha256').update(req.content).digest('hex');
  const plan = planImport(req.format, req.content, req.limits);
  if (!req.incidentId) refuseNothingToImport(plan);
  const target = req.incidentId ?? 'new';
  const importer: Importer = { userId: actor.userId, email: actor.email, organisation: actor.organisation };
  return inWrite(platform, { actor, idempotency: req.idempotency }, async (w) => {
    const key = { format: req.format, sha256, userId: actor.userId, target };
    const earlier = await getImportRun(w.trx, key);
    if (earlier) return JSON.parse(earlier.report) as ImportReport;
    const incidentId = req.incidentId
      ? await existingTarget(w, actor, req.incidentId)
      : await newIncident(w, platform, actor, plan.incident);
    const importId = uuidv7();
    const objects: ImportedObject[] = [];
    const total = plan.items.length;
    for (const [done, item] of plan.items.entries()) {
      const reach = importedReach(item.marking, item.distribution, importer);
      // A TLP marking definition is consumed as the markings of the objects that refer to it: no entry of its own.
      if (item.type === 'marking-definition' && item.outcome === 'mapped') {
        objects.push({ ref: item.ref, type: item.type, outcome: 'mapped', marking: reach.marking });
        continue;
      }
      const entry = await appendEntry(w, {
        incidentId,
        kind: 'intelligence',
        authorUserId: actor.userId,
        authorOrg: actor.organisation,
        ...reach,
        body: { ...item.body, importId },
      });
      if (item.attachment) await keepFile(w, entry.id, item.attachment, reach, incidentId);
      objects.push({
        ref: item.ref,
        type: item.type,
        outcome: item.outcome,
        marking: reach.marking,
        entryId: entry.id,
      });
      req.onProgress?.(done + 1, total);
    }
    for (const r of plan.refused)
      objects.push({ ref: r.ref, type: r.type, outcome: 'refused', reason: r.reason });
    const report: ImportReport = {
      incidentId,
      mapped: objects.filter((o) => o.outcome === 'mapped').length,
      kept: objects.filter((o) => o.outcome === 'kept').length,
      refused: objects.filter((o) => o.outcome === 'refused').length,
      objects,
    };
    await insertImportRun(w.trx, {
      id: importId,
      ...key,
      incidentId,
      report: JSON.stringify(report),
      at: w.now,
    });
    await w.audit({
      action: 'import.completed',
      subjectType: 'import',
      subjectId: importId,
      // No content in the audit chain: what was imported is in the log, under each entry's own reach.
      details: {
        format: req.format,
        sha256,
        incidentId,
        target,
        mapped: report.mapped,
        kept: report.kept,
        refused: report.refused,
      },
    });
    return report;
  });
}

/** The named incident, read under the write's lock: visible to the importer, not merged away, not an exercise. */
async function existingTarget(w: WriteContext, actor: Actor, incidentId: string): Promise<string> {
  const incident = await openIncident(w, actor, incidentId).catch((e: unknown) => {
    throw e instanceof NotFound
      ? new ImportRefused(
          `--incident: no incident "${incidentId}" this user may see`,
          '--incident',
          'incident',
        )
      : e;
  });
  const exercise = incident.row.exercise === 1;
  if (!isAllowed(importInto, actor, { exercise }))
    throw new ImportRefused(
      exercise
        ? `--incident: ${incidentId} is an exercise incident; nothing from outside is imported into an exercise`
        : '--as: only coordinators of participating organisations import',
      exercise ? '--incident' : '--as',
      exercise ? 'exercise' : 'importer',
    );
  return incident.id;
}

/**
 * A new incident reported by the importer from what the file describes, with the file's marking. The title is
 * seen by every participating organisation, so a file kept narrower than that gives a neutral title; its own
 * words stay in the report, under the report's reach.
 */
async function newIncident(
  w: WriteContext,
  platform: Platform,
  actor: Actor,
  planned: PlannedIncident,
): Promise<string> {
  if (!isAllowed(importInto, actor, { exercise: false }))
    throw new ImportRefused(
      '--as: only coordinators of participating organisations import',
      '--as',
      'importer',
    );
  const reach = importedReach(planned.marking, planned.distribution, {
    userId: actor.userId,
    email: actor.email,
    organisation: actor.organisation,
  });
  const sharedWithAll = reach.marking === 'TLP:CLEAR' || reach.marking === 'TLP:GREEN';
  const broad = sharedWithAll && reach.audience.length > 1;
  const occurredAt = planned.occurredAt || w.now;
  const title = broad ? planned.title : `Imported intelligence of ${occurredAt.slice(0, 10)}`;
  const checked = IncidentReport.safeParse({
    title,
    reportedBy: actor.organisation,
    occurredAt,
    description: [broad ? '' : planned.title, planned.description]
      .filter(Boolean)
      .join('\n\n')
      .slice(0, 20000),
    cause: 'cyber',
    sectors: planned.sectors.map((s) => ({ ...s })),
    marking: reach.marking,
    ...(reach.marking === 'TLP:RED' ? { recipients: [actor.email] } : { audience: reach.audience }),
  });
  // What the file says becomes a report only when it makes a valid one (a title of control characters does not).
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    throw new ImportRefused(
      `FILE: no incident can be made from it: ${issue.path.join('.')}: ${issue.message}`,
    );
  }
  const report = checked.data;
  const incident = await reportIncidentIn(w, platform, actor, report);
  return incident.id;
}

async function keepFile(
  w: WriteContext,
  entryId: string,
  file: { name: string; json: string },
  reach: {
    marking: string;
    audience: readonly string[];
    recipients: ReadonlyArray<{ userId: string; email: string }>;
  },
  incidentId: string,
): Promise<void> {
  const content = Buffer.from(file.json, 'utf8');
  const sha256 = createHash('sha256').update(content).digest('hex');
  const id = uuidv7();
  await insertKeptFile(w.trx, { id, entryId, fileName: file.name, content, sha256, ...reach, at: w.now });
  await w.audit({
    action: 'attachment.added',
    subjectType: 'attachment',
    subjectId: id,
    details: { entryId, incidentId, size: content.length, sha256, marking: reach.marking },
  });
}
