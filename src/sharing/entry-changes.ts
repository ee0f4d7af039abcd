import { ownCommandOf } from '../entries/own-commands.js';
import { rule } from './policy.js';
import type { Principal } from './principal.js';
import { writesContent } from './principal.js';

/** Who may supersede an entry with a correction or a retraction. */
export const correctEntry = [
  rule(
    "the author's organisation corrects or retracts its own entries",
    (p: Principal, e: { authorOrg: string }) => writesContent(p) && p.organisation === e.authorOrg,
  ),
];

/**
 * The steps of a line to take and of the divergence view: the public communication rules fold them into lines,
 * approvals, language versions, comments, national publications and marks, which change only by their own steps.
 */
const LINE_STEP = /^(public-message-.+|national-publication(-withdrawn|-corrected)?|key-fact-marked)$/;

/** Which entries a correction or a retraction may supersede at all. */
export const supersedeEntry = [
  rule(
    "entries other than the steps of a line to take, and than those their concept changes only by its own commands (an action's status…), may be corrected or retracted: a line changes by a new version, a Cancel, a rejection or an emptied mark",
    (e: { kind: string }) => !LINE_STEP.test(e.kind) && ownCommandOf(e.kind) === null,
  ),
];

/** Which of the entries a correction may supersede a retraction may withdraw. */
export const withdrawEntry = [
  rule(
    "every entry a correction may supersede may be retracted but the incident's first report, which is what the incident is: its text is corrected, its facts changed by an update",
    (e: { firstReport: boolean }) => !e.firstReport,
  ),
];

/**
 * Entries whose reach their author chose, and imported intelligence, whose importer may narrow it (within what
 * the source allowed: `reshareImported` in imports.ts). Every other kind's reach is set by the flow that writes it.
 */
const CHOSEN_REACH_KINDS: ReadonlySet<string> = new Set([
  'note',
  'report',
  'update',
  'retraction',
  'intelligence',
]);

/** Which entries may be reshared (their audience, marking or NATO release changed) at all. */
export const reshareEntry = [
  rule(
    'notes, reports, updates and retractions, whose reach their author chose, and imported intelligence may be reshared',
    (e: { kind: string }) => CHOSEN_REACH_KINDS.has(e.kind),
  ),
];

/** The facts the assessment and its decisions rest on: CONTRACT "Who sees what", shared with everyone by design. */
const SHARED_FACT =
  /^(own-assessment|status-change|activation|activation-joined|deactivation|reopening|merge|consultation-.+|silence-procedure-.+)$/;

/** Kinds whose reach follows another entry's, so that the parts of one matter reach the same people. */
const FOLLOWS: Readonly<Record<string, string>> = {
  'assistance-step': 'the request and the offer it moves along',
  'action-status': 'its action',
  'meeting-minutes': 'its meeting',
  'public-message-comment': 'the public message it comments on',
  'public-message-comment-resolved': 'the public message it comments on',
  'isaa-question': 'its ISAA report',
  'isaa-answer': 'its ISAA report',
  'isaa-version': 'its ISAA report',
  'reach-change': 'the entry it changed',
};

/** Why an entry of this kind keeps the reach it was written with, for a refused change of reach. */
export function fixedReachReason(kind: string): string {
  if (SHARED_FACT.test(kind))
    return `a ${kind} entry is one of the facts the assessment and its decisions rest on, shared with every participating organisation`;
  if (kind === 'assistance-request')
    return 'an assistance request keeps the reach chosen when it was made: the offers against it are shared from it';
  if (kind === 'assistance-offer')
    return 'an assistance offer keeps the reach chosen when it was made, which always includes the requesting state: the steps that move it along are shared from it';
  if (FOLLOWS[kind]) return `a ${kind} entry reaches whoever ${FOLLOWS[kind]} reaches`;
  return `a ${kind} entry's reach is set by the part of the platform that records it, not chosen by its author`;
}
