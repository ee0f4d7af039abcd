/**
 * Working on a line before it is public: a language version started from another language (written TLP:CLEAR, as
 * the line's texts are, and a draft translation until a person of its state approves it), and comments on a draft
 * (TLP:GREEN to the line's audience: they are the coordinators' discussion, never for the public).
 */
import type { Kysely } from 'kysely';
import { appendEntry } from '../log/append.js';
import type { Actor } from '../platform/actor.js';
import type { Platform } from '../platform/context.js';
import type { Database } from '../platform/db/schema.js';
import type { IdempotencyScope } from '../platform/db/write.js';
import { Conflict, Invalid, NotFound } from '../platform/errors.js';
import * as rulesOf from '../sharing/comms-review.js';
import { defaultAudience } from '../sharing/entries.js';
import { assertAllowed, onlyAsRulesSay } from '../sharing/policy.js';
import { anchorProblem, COMMENT_KINDS, lineComments } from './comments.js';
import { command, messageOrThrow, versionContext, write } from './flows.js';
import type { CommentRequest, TranslationRequest } from './review-model.js';
import { factsOfKinds } from './review-store.js';
import { currentVersion, translationProblem } from './rules.js';

/**
 * Who the line's version reaches, read in the command's transaction: a comment goes to the line's audience, and to
 * the NATO liaison only when the line itself is released to NATO.
 */
async function lineReach(trx: Kysely<Database>, versionEntryId: string) {
  const row = await trx
    .selectFrom('entry_reach')
    .select(['audience', 'releasable_to_nato'])
    .where('entry_id', '=', versionEntryId)
    .executeTakeFirstOrThrow();
  const audience = JSON.parse(row.audience) as string[];
  return {
    audience: audience.length > 0 ? audience : defaultAudience(),
    releasableToNato: Number(row.releasable_to_nato) === 1,
  };
}

/** A coordinator starts (or, while no one approved it, reworks) a language version of the current version. */
export function translateMessage(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  messageId: string,
  input: TranslationRequest,
  idempotency?: IdempotencyScope,
) {
  return command(platform, actor, incidentId, idempotency, async (w, s) => {
    const current = currentVersion(messageOrThrow(s, messageId));
    assertAllowed(
      rulesOf.translateLine,
      onlyAsRulesSay(rulesOf.translateLine),
      actor,
      versionContext(current, s.affected),
    );
    if (current.msgType === 'Cancel') throw new Conflict('this line was cancelled', 'msgType', 'cancelled');
    const problem = translationProblem(current, input.language, input.translatedFrom);
    if (problem?.conflict) throw new Conflict(problem.message, problem.field, 'language-written');
    if (problem) throw new Invalid(`${problem.field}: ${problem.message}`, problem.field);
    await write(w, s.incident, actor, 'public-message-translation', {
      messageId,
      version: current.version,
      language: input.language,
      translatedFrom: input.translatedFrom,
      headline: input.headline,
      text: input.text,
      instruction: input.instruction,
    });
  });
}

/** A coordinator comments on the current version, anchored to a language and a passage when given. */
export function commentOnMessage(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  messageId: string,
  input: CommentRequest,
  idempotency?: IdempotencyScope,
) {
  return command(platform, actor, incidentId, idempotency, async (w, s) => {
    const current = currentVersion(messageOrThrow(s, messageId));
    assertAllowed(
      rulesOf.commentOnLine,
      onlyAsRulesSay(rulesOf.commentOnLine),
      actor,
      versionContext(current, s.affected),
    );
    const anchor = anchorProblem(current, input.language, input.passage);
    if (anchor) throw new Invalid(`${anchor.field}: ${anchor.message}`, anchor.field);
    const line = await lineReach(w.trx, current.id);
    await appendEntry(w, {
      incidentId: s.incident.id,
      kind: 'public-message-comment',
      body: {
        messageId,
        version: current.version,
        language: input.language ?? null,
        passage: input.passage ?? null,
        text: input.text,
      },
      authorUserId: actor.userId,
      authorOrg: actor.organisation,
      marking: 'TLP:GREEN',
      audience: line.audience,
      recipients: [],
      releasableToNato: line.releasableToNato,
    });
  });
}

/** The comment's organisation or the line's drafter marks it resolved, or open again. */
export function resolveComment(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  messageId: string,
  commentId: string,
  resolved: boolean,
  idempotency?: IdempotencyScope,
) {
  return command(platform, actor, incidentId, idempotency, async (w, s) => {
    const message = messageOrThrow(s, messageId);
    const comments = lineComments(await factsOfKinds(w.trx, incidentId, COMMENT_KINDS, actor));
    const comment = comments.find((c) => c.id === commentId && c.messageId === messageId);
    if (!comment) throw new NotFound(`no comment ${commentId} on this line`);
    const drafted = message.versions.find((v) => v.version === comment.version) ?? currentVersion(message);
    assertAllowed(rulesOf.resolveComment, onlyAsRulesSay(rulesOf.resolveComment), actor, {
      draftedBy: drafted.draftedBy,
      writtenBy: comment.organisation,
    });
    if (comment.resolved === resolved) return;
    const line = await lineReach(w.trx, drafted.id);
    await appendEntry(w, {
      incidentId: s.incident.id,
      kind: 'public-message-comment-resolved',
      body: { messageId, commentId, resolved },
      authorUserId: actor.userId,
      authorOrg: actor.organisation,
      marking: 'TLP:GREEN',
      audience: line.audience,
      recipients: [],
      releasableToNato: line.releasableToNato,
    });
  });
}
