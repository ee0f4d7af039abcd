/**
 * Comments on a draft line to take, folded from their log entries: each on one version, optionally anchored to a
 * language and a passage of that language's text, open until someone marks it resolved (and open again if reopened).
 */
import type { z } from 'zod';
import type { PublicMessageCommentBody, PublicMessageCommentResolvedBody } from './review-model.js';
import type { CommsFact, MessageVersion } from './rules.js';

export const COMMENT_KINDS = ['public-message-comment', 'public-message-comment-resolved'] as const;

export interface LineComment {
  id: string;
  messageId: string;
  version: number;
  language: string | null;
  passage: string | null;
  text: string;
  organisation: string;
  writtenAt: string;
  resolved: boolean;
  resolvedBy: string | null;
}

/** The comments in log order; a resolution naming a comment the reader does not have is ignored. */
export function lineComments(facts: readonly CommsFact[]): LineComment[] {
  const byId = new Map<string, LineComment>();
  for (const f of facts) {
    if (f.kind === 'public-message-comment') {
      const b = f.body as z.infer<typeof PublicMessageCommentBody>;
      byId.set(f.id, {
        id: f.id,
        messageId: b.messageId,
        version: b.version,
        language: b.language,
        passage: b.passage,
        text: b.text,
        organisation: f.authorOrg,
        writtenAt: f.createdAt,
        resolved: false,
        resolvedBy: null,
      });
    } else if (f.kind === 'public-message-comment-resolved') {
      const b = f.body as z.infer<typeof PublicMessageCommentResolvedBody>;
      const c = byId.get(b.commentId);
      if (c && c.messageId === b.messageId) {
        c.resolved = b.resolved;
        c.resolvedBy = b.resolved ? f.authorOrg : null;
      }
    }
  }
  return [...byId.values()];
}

export function commentsOn(
  comments: readonly LineComment[],
  v: Pick<MessageVersion, 'messageId' | 'version'>,
) {
  return comments.filter((c) => c.messageId === v.messageId && c.version === v.version);
}

/** Why a comment cannot be anchored where it says, or undefined: the passage must be in that language's text. */
export function anchorProblem(
  v: Pick<MessageVersion, 'texts'>,
  language: string | undefined,
  passage: string | undefined,
): { field: string; message: string } | undefined {
  if (passage !== undefined && language === undefined)
    return { field: 'language', message: 'a quoted passage names the language it is quoted from' };
  if (language === undefined) return undefined;
  const text = v.texts.find((t) => t.language === language);
  if (!text) return { field: 'language', message: `the line has no ${language} text` };
  if (passage === undefined) return undefined;
  const whole = [text.headline, text.text, text.instruction].join('\n').toLowerCase();
  if (!whole.includes(passage.toLowerCase()))
    return { field: 'passage', message: `the ${language} text does not contain this passage` };
  return undefined;
}
