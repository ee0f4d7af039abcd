import type { Kysely } from 'kysely';
import { readerOf } from '../entries/flows.js';
import { openIncident } from '../incidents/flows.js';
import { visibleIncidentRow } from '../incidents/reader-log.js';
import { appendEntry } from '../log/append.js';
import type { Actor } from '../platform/actor.js';
import type { Platform } from '../platform/context.js';
import type { Database } from '../platform/db/schema.js';
import { type IdempotencyScope, inWrite, type WriteContext } from '../platform/db/write.js';
import { Invalid, NotFound } from '../platform/errors.js';
import { presidencyOf } from '../presidency/flows.js';
import * as policy from '../sharing/isaa.js';
import { mostRestrictive, type TlpMarking } from '../sharing/model.js';
import { assertAllowed, isAllowed, onlyAsRulesSay } from '../sharing/policy.js';
import { PRESIDENCY, resolveAudience } from '../sharing/presidency.js';
import { chosenAudience } from './decisions-flows.js';
import { getVisibleResponseEntries, lockEntry, type VisibleResponseEntry } from './decisions-store.js';
import type { IncidentIsaaReports, IsaaReport, NewIsaaAnswer, NewIsaaReport } from './isaa-model.js';
import { ISAA_KINDS, type IsaaState, orderedAnswers, projectIsaa } from './isaa-rules.js';
import type { ProductDocument } from './product-documents.js';
import { compilePicture, pictureParagraphs } from './product-picture.js';

async function isaaEntries(db: Kysely<Database>, actor: Actor, incidentId: string) {
  return getVisibleResponseEntries(db, readerOf(actor), ISAA_KINDS, { incidentId });
}

function reportView(actor: Actor, s: IsaaState, presidency: string | null): IsaaReport {
  const e = s.entry as VisibleResponseEntry;
  return {
    id: e.id,
    incidentId: e.incidentId,
    title: String(e.body.title ?? ''),
    marking: e.marking,
    audience: [...e.audience].sort(),
    releasableToNato: e.releasableToNato,
    openedBy: { organisation: e.authorOrg, name: e.authorName },
    openedAt: e.createdAt,
    questions: s.questions.map((q) => ({
      id: q.entry.id,
      question: String(q.entry.body.question ?? ''),
      askedBy: { organisation: q.entry.authorOrg, name: q.entry.authorName },
      askedAt: q.entry.createdAt,
      answers: orderedAnswers(q),
    })),
    versions: s.versions.map((v) => ({
      version: v.version,
      entryId: v.entry.id,
      issuedBy: { organisation: v.entry.authorOrg, name: v.entry.authorName },
      issuedAt: v.entry.createdAt,
      note: v.note,
    })),
    abilities: {
      ask: isAllowed(policy.askIsaaQuestion, actor, presidency),
      answer: isAllowed(policy.answerIsaaQuestion, actor),
      issueVersion: isAllowed(policy.issueIsaaVersion, actor),
    },
  };
}

export async function listIsaaReports(
  platform: Platform,
  actor: Actor,
  incidentId: string,
): Promise<IncidentIsaaReports> {
  const db = platform.db.kysely;
  await visibleIncidentRow(db, actor, incidentId);
  const presidency = await presidencyOf(db, incidentId);
  const reports = projectIsaa(await isaaEntries(db, actor, incidentId));
  return {
    items: reports.map((r) => reportView(actor, r, presidency)),
    abilities: { open: isAllowed(policy.openIsaaReport, actor, presidency) },
  };
}

async function reportOrThrow(db: Kysely<Database>, actor: Actor, incidentId: string, reportId: string) {
  const all = await isaaEntries(db, actor, incidentId);
  const report = projectIsaa(all).find((r) => r.entry.id === reportId);
  if (!report) throw new NotFound(`no ISAA report ${reportId} in this incident`);
  return { report, entries: all };
}

/** A part of a report carries the report's own reach: it reaches exactly the report's readers. */
function appendPart(
  w: WriteContext,
  actor: Actor,
  report: IsaaState,
  part:
    | { kind: 'isaa-question'; body: { reportId: string; question: string } }
    | { kind: 'isaa-answer'; body: { reportId: string; questionId: string; text: string } }
    | { kind: 'isaa-version'; body: { reportId: string; version: number; note: string } },
) {
  const e = report.entry as VisibleResponseEntry;
  return appendEntry(w, {
    incidentId: e.incidentId,
    ...part,
    authorUserId: actor.userId,
    authorOrg: actor.organisation,
    marking: e.marking,
    audience: e.audience,
    recipients: [],
    releasableToNato: e.releasableToNato,
  });
}

async function viewAfter(w: WriteContext, actor: Actor, incidentId: string, reportId: string) {
  const { report } = await reportOrThrow(w.trx, actor, incidentId, reportId);
  return reportView(actor, report, await presidencyOf(w.trx, incidentId));
}

/**
 * The Presidency opens an ISAA report for the audience it chooses first, with the questions it needs answered. The
 * co-authors and the Presidency (as the role, so the next one inherits it) are always among its readers.
 */
export function openIsaaReport(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  input: NewIsaaReport,
  idempotency?: IdempotencyScope,
): Promise<IsaaReport> {
  return inWrite(platform, { actor, idempotency }, async (w) => {
    await openIncident(w, actor, incidentId);
    const presidency = await presidencyOf(w.trx, incidentId);
    assertAllowed(policy.openIsaaReport, onlyAsRulesSay(policy.openIsaaReport), actor, presidency);
    const audience = chosenAudience(input.audience, [...policy.ISAA_CO_AUTHORS, PRESIDENCY]);
    const opened = await appendEntry(w, {
      incidentId,
      kind: 'isaa-report',
      authorUserId: actor.userId,
      authorOrg: actor.organisation,
      marking: input.marking,
      audience,
      recipients: [],
      releasableToNato: input.releasableToNato,
      body: { title: input.title },
    });
    const { report } = await reportOrThrow(w.trx, actor, incidentId, opened.id);
    for (const question of input.questions)
      await appendPart(w, actor, report, { kind: 'isaa-question', body: { reportId: opened.id, question } });
    return viewAfter(w, actor, incidentId, opened.id);
  });
}

export function askIsaaQuestion(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  reportId: string,
  question: string,
  idempotency?: IdempotencyScope,
): Promise<IsaaReport> {
  return inWrite(platform, { actor, idempotency }, async (w) => {
    await openIncident(w, actor, incidentId);
    const { report } = await reportOrThrow(w.trx, actor, incidentId, reportId);
    const presidency = await presidencyOf(w.trx, incidentId);
    assertAllowed(policy.askIsaaQuestion, onlyAsRulesSay(policy.askIsaaQuestion), actor, presidency);
    await appendPart(w, actor, report, { kind: 'isaa-question', body: { reportId, question } });
    return viewAfter(w, actor, incidentId, reportId);
  });
}

/** ERCC or EEAS answers one of the Presidency's questions; its later answer replaces its earlier one. */
export function answerIsaaQuestion(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  reportId: string,
  input: NewIsaaAnswer,
  idempotency?: IdempotencyScope,
): Promise<IsaaReport> {
  return inWrite(platform, { actor, idempotency }, async (w) => {
    await openIncident(w, actor, incidentId);
    const { report } = await reportOrThrow(w.trx, actor, incidentId, reportId);
    assertAllowed(policy.answerIsaaQuestion, onlyAsRulesSay(policy.answerIsaaQuestion), actor);
    if (!report.questions.some((q) => q.entry.id === input.questionId))
      throw new Invalid(`questionId: no question ${input.questionId} in this report`, 'questionId');
    await appendPart(w, actor, report, {
      kind: 'isaa-answer',
      body: { reportId, questionId: input.questionId, text: input.text },
    });
    return viewAfter(w, actor, incidentId, reportId);
  });
}

/**
 * A co-author issues the next version: the report as it stands at this entry. Numbered on the versions read under
 * the report's lock, so two co-authors issuing at once get consecutive numbers.
 */
export function issueIsaaVersion(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  reportId: string,
  note: string,
  idempotency?: IdempotencyScope,
): Promise<IsaaReport> {
  return inWrite(platform, { actor, idempotency }, async (w) => {
    await openIncident(w, actor, incidentId);
    await lockEntry(w, reportId);
    const { report } = await reportOrThrow(w.trx, actor, incidentId, reportId);
    assertAllowed(policy.issueIsaaVersion, onlyAsRulesSay(policy.issueIsaaVersion), actor);
    if (report.questions.every((q) => q.answers.size === 0))
      throw new Invalid('note: answer at least one question before issuing a version', 'note', 'unanswered');
    await appendPart(w, actor, report, {
      kind: 'isaa-version',
      body: { reportId, version: report.versions.length + 1, note },
    });
    return viewAfter(w, actor, incidentId, reportId);
  });
}

const utc = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

/**
 * The report as a document: a version (the log as it stood when it was issued) or, without one, the current
 * draft. Its readers are the report's audience and the reader; the compiled picture holds only what each may see
 * and take out, and the document carries the most restrictive marking of the report and what went into it.
 */
export async function isaaDocument(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  reportId: string,
  version: number | null,
): Promise<{ document: ProductDocument; fileId: string }> {
  const db = platform.db.kysely;
  const incident = await visibleIncidentRow(db, actor, incidentId);
  const { report: current, entries } = await reportOrThrow(db, actor, incidentId, reportId);
  const issued = version === null ? null : current.versions.find((v) => v.version === version);
  if (version !== null && !issued) throw new NotFound(`no version ${version} of this ISAA report`);
  const upTo = issued ? issued.entry.seq : null;
  const report = projectIsaa(entries, upTo).find((r) => r.entry.id === reportId)!;
  const e = report.entry as VisibleResponseEntry;
  const presidency = await presidencyOf(db, incidentId);
  const organisations = [...new Set([...resolveAudience(e.audience, presidency), actor.organisation])];
  const compiled = await compilePicture(
    platform,
    db,
    actor,
    incidentId,
    { organisations, nato: e.releasableToNato },
    upTo,
  );
  const marking = mostRestrictive([e.marking as TlpMarking, compiled.marking]);
  const exercise = incident.exercise === 1;
  const heading = `${exercise ? 'EXERCISE ' : ''}ISAA report — ${String(e.body.title ?? '')}${
    issued ? ` — version ${issued.version}` : ' — draft'
  }`;
  return {
    fileId: `${reportId}${issued ? `-v${issued.version}` : '-draft'}`,
    document: {
      heading,
      marking,
      exercise,
      meta: [
        `Incident: ${incident.title}`,
        `Integrated situational awareness and analysis, co-authored by ERCC and EEAS for the Presidency (${
          presidency ?? 'none in office'
        })`,
        issued
          ? `Version ${issued.version} issued by ${issued.entry.authorName} (${issued.entry.authorOrg}), ${utc(issued.entry.createdAt)}${issued.note ? `: ${issued.note}` : ''}`
          : `Draft as of ${utc(platform.clock.now().toISOString())}`,
        `Audience: ${organisations.join(', ')}${e.releasableToNato && compiled.releasableToNato ? ', NATO liaison' : ''}`,
      ],
      sections: [
        ...report.questions.map((q, i) => ({
          title: `Question ${i + 1}: ${String(q.entry.body.question ?? '')}`,
          paragraphs: orderedAnswers(q).map((a) => `${a.organisation} (${a.name}, ${utc(a.at)}): ${a.text}`),
        })),
        { title: 'Situation at a glance', paragraphs: pictureParagraphs(compiled.picture) },
      ],
    },
  };
}
