/**
 * The commands of coordinated public communication. Each loads the incident under its row lock, reads the lines
 * to take and the affected states inside its transaction, decides with the pure rules and the sharing sentences,
 * and writes log entries (TLP:CLEAR, for every participant), so sharing, audit and the stream treat them as any.
 */
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { activatingStates } from '../blueprint/rules.js';
import { registerFor } from '../cepes/references.js';
import { type IncidentRef, listIncidents, loadFacts, openIncident } from '../incidents/flows.js';
import { visibleIncidentRow } from '../incidents/reader-log.js';
import { currentFacts } from '../incidents/rules.js';
import { appendEntry } from '../log/append.js';
import type { KindedBody } from '../log/kinds.js';
import type { Actor } from '../platform/actor.js';
import type { Platform } from '../platform/context.js';
import type { Database } from '../platform/db/schema.js';
import { type IdempotencyScope, inWrite, type WriteContext } from '../platform/db/write.js';
import { Conflict, Invalid, NotFound } from '../platform/errors.js';
import * as rulesOf from '../sharing/comms.js';
import * as reviewRules from '../sharing/comms-review.js';
import { defaultAudience } from '../sharing/entries.js';
import { assertAllowed, isAllowed, onlyAsRulesSay } from '../sharing/policy.js';
import { writeCap } from './cap.js';
import { capAlertOf, capFileName } from './cap-export.js';
import { COMMENT_KINDS, commentsOn, type LineComment, lineComments } from './comments.js';
import type {
  DecisionRequest,
  DraftRequest,
  MessageVersionView,
  PublicMessagesView,
  VersionRequest,
} from './model.js';
import { factsOfKinds } from './review-store.js';
import {
  approvedByDrafter,
  approvedLanguages,
  currentVersion,
  embargoPassed,
  exportable,
  isClear,
  languageProblem,
  type MessageVersion,
  mustApprove,
  type PublicMessage,
  publicationProblem,
  publicMessages,
  statusOf,
  translationApproved,
} from './rules.js';
import { commsFacts } from './store.js';

export async function affectedStatesOf(db: Kysely<Database>, incidentId: string): Promise<string[]> {
  const report = currentFacts(await loadFacts(db, incidentId));
  return activatingStates(report, await registerFor(db, report.entities));
}

export function versionContext(v: MessageVersion, affectedStates: readonly string[]): rulesOf.VersionContext {
  return {
    affectedStates,
    draftedBy: v.draftedBy,
    mustApprove: mustApprove(v, affectedStates),
    agreed: [...v.records.values()]
      .filter((r) => r.decision === 'approved' || r.decision === 'adapted')
      .map((r) => r.organisation),
  };
}

/** Only TLP:CLEAR may become a public message: it is refused at the door, naming the field. */
function mustBeClear(marking: string) {
  if (marking !== 'TLP:CLEAR') {
    throw new Invalid(
      `marking: a public message must be TLP:CLEAR (it is ${marking})`,
      'marking',
      'not-clear',
    );
  }
}

function viewOf(
  v: MessageVersion,
  actor: Actor,
  affected: readonly string[],
  now: Date,
  comments: readonly LineComment[],
): MessageVersionView {
  const ctx = versionContext(v, affected);
  const orgs = [...new Set([...ctx.mustApprove, ...v.records.keys()])];
  return {
    id: v.id,
    messageId: v.messageId,
    version: v.version,
    msgType: v.msgType,
    draftedBy: v.draftedBy,
    draftedAt: v.draftedAt,
    event: v.event,
    category: v.category,
    urgency: v.urgency,
    severity: v.severity,
    certainty: v.certainty,
    embargoUntil: v.embargoUntil,
    embargoPassed: embargoPassed(v, now),
    texts: v.texts,
    translations: [...v.translations.values()].map((t) => ({
      language: t.language,
      translatedFrom: t.translatedFrom,
      translatedBy: t.translatedBy,
      translatedAt: t.translatedAt,
      approved: translationApproved(v, t.language),
    })),
    approvedLanguages: approvedLanguages(v).map((t) => t.language),
    comments: commentsOn(comments, v).map((c) => ({
      id: c.id,
      version: c.version,
      language: c.language,
      passage: c.passage,
      text: c.text,
      organisation: c.organisation,
      writtenAt: c.writtenAt,
      resolved: c.resolved,
      resolvedBy: c.resolvedBy,
      abilities: {
        resolve: isAllowed(reviewRules.resolveComment, actor, {
          draftedBy: v.draftedBy,
          writtenBy: c.organisation,
        }),
      },
    })),
    mustApprove: [...ctx.mustApprove],
    states: orgs.map((organisation) => {
      const r = v.records.get(organisation);
      return {
        organisation,
        status: statusOf(v, organisation),
        languages: r?.languages ?? [],
        reason: r?.reason ?? '',
        decidedAt: r?.decidedAt ?? null,
        publishedAt: r?.publishedAt ?? null,
        link: r?.link ?? null,
        adaptation: r?.adaptation ?? [],
      };
    }),
    exportable: exportable(v, now),
    abilities: {
      decide: isAllowed(rulesOf.decidePublicMessage, actor, ctx),
      publish:
        isAllowed(rulesOf.publishNationally, actor, ctx) &&
        publicationProblem(v, actor.organisation, now) === undefined,
      newVersion:
        isAllowed(rulesOf.reviseDraft, actor, ctx) && approvedByDrafter(v) && v.msgType !== 'Cancel',
      moveEmbargo: isAllowed(rulesOf.reviseDraft, actor, ctx) && !embargoPassed(v, now),
      translate: isAllowed(reviewRules.translateLine, actor, ctx) && v.msgType !== 'Cancel',
      comment: isAllowed(reviewRules.commentOnLine, actor, ctx),
    },
  };
}

function viewAll(
  messages: PublicMessage[],
  actor: Actor,
  affected: string[],
  now: Date,
  comments: readonly LineComment[],
): PublicMessagesView {
  return {
    messages: messages.map((m) => ({
      messageId: m.messageId,
      versions: m.versions.map((v) => viewOf(v, actor, affected, now, comments)),
    })),
    abilities: { draft: isAllowed(rulesOf.draftPublicMessage, actor, { affectedStates: affected }) },
  };
}

export async function listPublicMessages(
  platform: Platform,
  actor: Actor,
  incidentId: string,
): Promise<PublicMessagesView> {
  const db = platform.db.kysely;
  await visibleIncidentRow(db, actor, incidentId);
  const [facts, affected, comments] = await Promise.all([
    commsFacts(db, incidentId, actor),
    affectedStatesOf(db, incidentId),
    factsOfKinds(db, incidentId, COMMENT_KINDS, actor),
  ]);
  return viewAll(publicMessages(facts), actor, affected, platform.clock.now(), lineComments(comments));
}

export function write<K extends KindedBody['kind']>(
  w: WriteContext,
  incident: IncidentRef,
  actor: Actor,
  kind: K,
  body: Extract<KindedBody, { kind: K }>['body'],
) {
  return appendEntry(w, {
    incidentId: incident.id,
    ...({ kind, body } as KindedBody),
    authorUserId: actor.userId,
    authorOrg: actor.organisation,
    marking: 'TLP:CLEAR',
    audience: defaultAudience(),
    recipients: [],
    releasableToNato: incident.releasableToNato,
  });
}

export type Step = {
  incident: IncidentRef;
  affected: string[];
  messages: PublicMessage[];
};

export function command(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  idempotency: IdempotencyScope | undefined,
  run: (w: WriteContext, s: Step) => Promise<void>,
): Promise<PublicMessagesView> {
  return inWrite(platform, { actor, idempotency }, async (w) => {
    // Locks the incident's row on PostgreSQL, so two decisions on the same line are taken one after the other.
    const incident = await openIncident(w, actor, incidentId);
    const [facts, affected] = await Promise.all([
      commsFacts(w.trx, incidentId),
      affectedStatesOf(w.trx, incidentId),
    ]);
    await run(w, { incident, affected, messages: publicMessages(facts) });
    // The answer is a read like any other: only what the actor may see, comments included.
    const after = publicMessages(await commsFacts(w.trx, incidentId, actor));
    const comments = lineComments(await factsOfKinds(w.trx, incidentId, COMMENT_KINDS, actor));
    return viewAll(after, actor, affected, new Date(w.now), comments);
  });
}

export function messageOrThrow(s: Step, messageId: string): PublicMessage {
  const m = s.messages.find((x) => x.messageId === messageId);
  if (!m) throw new NotFound(`no public message ${messageId} in this incident`);
  return m;
}

/** An embargo already over when the draft is written means none: it is kept as the write's instant. */
function embargoFrom(embargoUntil: string, now: string): string {
  const at = new Date(embargoUntil).toISOString();
  return Date.parse(at) < Date.parse(now) ? now : at;
}

function draftBody(input: DraftRequest, now: string) {
  return {
    event: input.event,
    category: input.category,
    urgency: input.urgency,
    severity: input.severity,
    certainty: input.certainty,
    embargoUntil: embargoFrom(input.embargoUntil, now),
    texts: input.texts,
  };
}

/** A coordinator drafts a line to take: version 1, an Alert. */
export function draftPublicMessage(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  input: DraftRequest,
  idempotency?: IdempotencyScope,
) {
  mustBeClear(input.marking);
  return command(platform, actor, incidentId, idempotency, async (w, s) => {
    assertAllowed(rulesOf.draftPublicMessage, onlyAsRulesSay(rulesOf.draftPublicMessage), actor, {
      affectedStates: s.affected,
    });
    await write(w, s.incident, actor, 'public-message-drafted', {
      messageId: uuidv7(),
      version: 1,
      msgType: 'Alert',
      ...draftBody(input, w.now),
    });
  });
}

/** The drafter updates or cancels an approved line: a new version that needs everyone's word again. */
export function reviseMessage(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  messageId: string,
  input: VersionRequest,
  idempotency?: IdempotencyScope,
) {
  mustBeClear(input.marking);
  return command(platform, actor, incidentId, idempotency, async (w, s) => {
    const current = currentVersion(messageOrThrow(s, messageId));
    const ctx = versionContext(current, s.affected);
    assertAllowed(rulesOf.reviseDraft, onlyAsRulesSay(rulesOf.reviseDraft), actor, ctx);
    if (current.msgType === 'Cancel') throw new Conflict('this line was cancelled', 'msgType', 'cancelled');
    if (!approvedByDrafter(current)) {
      throw new Conflict(
        'only an approved line is updated or cancelled; change the draft by moving its embargo or reject it',
        'msgType',
        'not-approved',
      );
    }
    await write(w, s.incident, actor, 'public-message-drafted', {
      messageId,
      version: current.version + 1,
      msgType: input.msgType,
      ...draftBody(input, w.now),
    });
  });
}

/** An organisation that must approve the current version approves, rejects with a reason, or adapts it. */
export function decideOnMessage(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  messageId: string,
  input: DecisionRequest,
  idempotency?: IdempotencyScope,
) {
  return command(platform, actor, incidentId, idempotency, async (w, s) => {
    const current = currentVersion(messageOrThrow(s, messageId));
    assertAllowed(
      rulesOf.decidePublicMessage,
      onlyAsRulesSay(rulesOf.decidePublicMessage),
      actor,
      versionContext(current, s.affected),
    );
    if (current.records.get(actor.organisation)?.publishedAt)
      throw new Conflict('you have already published this line', 'decision', 'published');
    if (input.decision !== 'rejected' && !isClear(current))
      throw new Conflict(
        `the line is ${current.marking}; only TLP:CLEAR content can be approved as a public message`,
        'marking',
        'not-clear',
      );
    if (input.decision === 'rejected') {
      if (input.reason === '') throw new Invalid('reason: a rejection says why', 'reason');
    } else {
      const problem = languageProblem(current, actor.organisation, input.languages);
      if (problem) throw new Invalid(`languages: ${problem}`, 'languages');
    }
    if (input.decision === 'adapted' && !input.adaptation?.length)
      throw new Invalid('adaptation: an adapted line carries the national wording', 'adaptation');
    await write(w, s.incident, actor, 'public-message-decision', {
      messageId,
      version: current.version,
      organisation: actor.organisation,
      decision: input.decision,
      languages: input.decision === 'rejected' ? [] : input.languages,
      reason: input.reason,
      ...(input.decision === 'adapted' ? { adaptation: input.adaptation } : {}),
    });
  });
}

/** A state that agreed records where it published the line; never before the embargo. */
export function recordPublication(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  messageId: string,
  input: { link: string },
  idempotency?: IdempotencyScope,
) {
  return command(platform, actor, incidentId, idempotency, async (w, s) => {
    const current = currentVersion(messageOrThrow(s, messageId));
    assertAllowed(
      rulesOf.publishNationally,
      onlyAsRulesSay(rulesOf.publishNationally),
      actor,
      versionContext(current, s.affected),
    );
    const problem = publicationProblem(current, actor.organisation, new Date(w.now));
    if (problem)
      throw new Conflict(
        problem.message,
        problem.code === 'embargo' ? 'embargoUntil' : problem.code === 'not-clear' ? 'marking' : 'decision',
        problem.code,
      );
    await write(w, s.incident, actor, 'public-message-published', {
      messageId,
      version: current.version,
      organisation: actor.organisation,
      publishedAt: w.now,
      link: input.link,
    });
  });
}

/** The drafter moves the embargo of the current version while it still holds. */
export function moveEmbargo(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  messageId: string,
  input: { embargoUntil: string },
  idempotency?: IdempotencyScope,
) {
  return command(platform, actor, incidentId, idempotency, async (w, s) => {
    const current = currentVersion(messageOrThrow(s, messageId));
    assertAllowed(
      rulesOf.reviseDraft,
      onlyAsRulesSay(rulesOf.reviseDraft),
      actor,
      versionContext(current, s.affected),
    );
    if (embargoPassed(current, new Date(w.now)))
      throw new Conflict('the embargo has already passed', 'embargoUntil', 'embargo-passed');
    await write(w, s.incident, actor, 'public-message-embargo', {
      messageId,
      version: current.version,
      embargoUntil: embargoFrom(input.embargoUntil, w.now),
    });
  });
}

export interface CapFile {
  name: string;
  xml: string;
}

/** Every exportable version of the incident's lines as CAP 1.2, for a reader who may see the incident. */
async function capFilesOf(
  platform: Platform,
  actor: Actor,
  incidentId: string,
): Promise<Array<CapFile & { messageId: string; version: number }>> {
  const db = platform.db.kysely;
  const row = await visibleIncidentRow(db, actor, incidentId);
  const [facts, affected] = await Promise.all([
    commsFacts(db, incidentId, actor),
    affectedStatesOf(db, incidentId),
  ]);
  const now = platform.clock.now();
  const incident = { id: incidentId, exercise: row.exercise === 1 };
  return publicMessages(facts).flatMap((m) =>
    m.versions
      .filter((v) => exportable(v, now))
      .map((v) => ({
        messageId: m.messageId,
        version: v.version,
        name: capFileName(incidentId, v),
        xml: writeCap(capAlertOf(incident, m, v, affected)),
      })),
  );
}

/** The CAP alert of a message's latest exportable version; 409 while none is approved or past its embargo. */
export async function capOf(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  messageId: string,
): Promise<string> {
  const db = platform.db.kysely;
  await visibleIncidentRow(db, actor, incidentId);
  const messages = publicMessages(await commsFacts(db, incidentId, actor));
  const message = messages.find((m) => m.messageId === messageId);
  if (!message) throw new NotFound(`no public message ${messageId} in this incident`);
  const files = (await capFilesOf(platform, actor, incidentId)).filter((f) => f.messageId === messageId);
  const latest = files[files.length - 1];
  if (!latest) {
    const v = currentVersion(message);
    if (!isClear(v))
      throw new Conflict(
        `this message is ${v.marking}; only TLP:CLEAR content is exported to CAP`,
        'marking',
        'not-clear',
      );
    const why = approvedByDrafter(v)
      ? `it is under embargo until ${v.embargoUntil}`
      : `${v.draftedBy} has not approved it`;
    throw new Conflict(`this message cannot be exported yet: ${why}`, 'embargoUntil', 'not-exportable');
  }
  return latest.xml;
}

/** `blueprint export cap`: the incident's files, or those of every incident the user may see. */
export async function exportCapFiles(
  platform: Platform,
  actor: Actor,
  incidentId?: string,
): Promise<CapFile[]> {
  const ids = incidentId ? [incidentId] : (await listIncidents(platform, actor, {})).map((i) => i.id);
  const out: CapFile[] = [];
  for (const id of ids) out.push(...(await capFilesOf(platform, actor, id)));
  return out;
}
