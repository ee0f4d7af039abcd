import { z } from 'zod';
import { StatusChangeBody } from '../blueprint/derived-model.js';
import {
  AssessmentStatus,
  ConclusionReason,
  ConsultationOutcome,
  OwnLevel,
  Position,
  Proposal,
  TriggerId,
} from '../blueprint/model.js';
import { DisinformationBody } from '../comms/disinformation-model.js';
import {
  KeyFactMarkedBody,
  NationalPublicationBody,
  NationalPublicationCorrectedBody,
  NationalPublicationWithdrawnBody,
} from '../comms/divergence-model.js';
import {
  PublicMessageDecisionBody,
  PublicMessageDraftedBody,
  PublicMessageEmbargoBody,
  PublicMessagePublishedBody,
} from '../comms/model.js';
import {
  PublicMessageCommentBody,
  PublicMessageCommentResolvedBody,
  PublicMessageTranslationBody,
} from '../comms/review-model.js';
import { ENTRY_KINDS, type EntryKind, IncidentReport, UpdateRequest } from '../incidents/model.js';
import { IntelligenceBody } from '../interchange/model.js';
import { ActionStatus, DecisionLevel } from '../response/decisions-model.js';
import { ForwardedBody } from '../response/forwarding-model.js';
import { IsaaAnswerBody, IsaaQuestionBody, IsaaReportBody, IsaaVersionBody } from '../response/isaa-model.js';
import { TlpMarking, WithholdingReason } from '../sharing/model.js';

/**
 * The body each kind of entry carries, as the log stores it. Requests are validated at the edge with their own
 * (stricter) schemas; these say what an entry of a kind is, so that a flow cannot write a body of the wrong shape.
 * They are loose objects: a stored body keeps whatever fields it was written with (merge provenance, fields added
 * later), and entries written before a schema changed still read, because reading never validates against them.
 */

/** Where an entry carried over by a merge came from; its original time counts in the facts fold. */
const MergedFrom = z.object({ incidentId: z.string(), entryId: z.string(), createdAt: z.string() });

/** The free text of an entry, with the withholdings its author declared. */
const Text = z.object({
  text: z.string(),
  withheld: z.array(z.object({ field: z.string(), reason: WithholdingReason })),
});

/** Who an entry went to, without RED recipients' names: a reach-change record may reach others. */
const PublicReach = z.object({
  marking: z.string(),
  audience: z.array(z.string()),
  releasableToNato: z.boolean(),
  sharingGroupId: z.string().nullable(),
});

/** A status change stored before its reasons were kept as facts: the reasons' text, naming entities. */
const LegacyStatusChange = z.object({
  from: z.string().nullable(),
  to: z.string(),
  met: z.array(z.string()),
  reasons: z.array(z.string()),
});

const Activation = z.object({
  presidency: z.string().nullable(),
  status: AssessmentStatus,
  met: z.array(TriggerId),
  /** Why the state activates or joins, when its coordinator said so. */
  reason: z.string().max(2000).optional(),
});

export const ENTRY_BODIES = {
  report: z.object({ ...IncidentReport.shape, mergedFrom: MergedFrom.optional() }),
  update: z.object({ ...UpdateRequest.shape, marking: TlpMarking, mergedFrom: MergedFrom.optional() }),
  note: Text.extend({
    mergedFrom: MergedFrom.optional(),
    /** The hybrid-response track (src/sharing/tracks.ts); absent in older notes, which are consequence management. */
    track: z.enum(['consequence-management', 'attribution']).optional(),
  }),
  'own-assessment': z.object({
    memberState: z.string(),
    level: OwnLevel,
    /** The territory inside the EU it is about (RE, AX…); absent, the state as a whole. */
    territory: z.string().optional(),
    mergedFrom: MergedFrom.optional(),
  }),
  'status-change': z.union([StatusChangeBody, LegacyStatusChange]),
  activation: Activation,
  'activation-joined': Activation,
  deactivation: z.object({ text: z.string() }),
  reopening: z.object({ text: z.string() }),
  'consultation-opened': z.object({
    deadline: z.string(),
    question: z.string(),
    consulted: z.array(z.string()),
  }),
  'consultation-position': z.object({ consultationId: z.string(), position: Position, text: z.string() }),
  'consultation-advice': z.object({ consultationId: z.string(), text: z.string() }),
  'consultation-decision': z.object({
    consultationId: z.string(),
    decision: z.enum(['yes', 'no']),
    text: z.string(),
    agreed: z.boolean(),
    yes: z.number().int(),
    of: z.number().int(),
  }),
  'consultation-requested': z.object({ text: z.string() }),
  'silence-procedure-opened': z.object({
    proposal: Proposal,
    deadline: z.string(),
    lateJoinerMinimumMinutes: z.number().int().nonnegative(),
    text: z.string(),
    /** The significantly affected states at the opening, each with its own deadline. */
    consulted: z.array(z.object({ memberState: z.string(), deadline: z.string() })),
  }),
  /** A state that became significantly affected while the procedure was open, consulted at once. */
  'silence-procedure-consulted': z.object({
    consultationId: z.string(),
    memberState: z.string(),
    deadline: z.string(),
  }),
  /** The reason is required: an objection without one is not an objection. */
  'silence-procedure-objection': z.object({ consultationId: z.string(), text: z.string().min(1) }),
  'silence-procedure-objection-withdrawn': z.object({ consultationId: z.string(), text: z.string() }),
  'silence-procedure-consent': z.object({ consultationId: z.string(), text: z.string() }),
  'silence-procedure-view': z.object({ consultationId: z.string(), text: z.string().min(1) }),
  'silence-procedure-concluded': z.object({
    consultationId: z.string(),
    outcome: ConsultationOutcome,
    agreed: z.boolean(),
    reason: ConclusionReason,
    standingObjections: z.array(z.string()),
    text: z.string(),
    /** True when the platform concluded at the last deadline, on the Presidency's behalf. */
    byPlatform: z.boolean(),
  }),
  /** In the target's log it names the duplicate; in the duplicate's, the target. */
  merge: z.object({
    duplicateId: z.string(),
    into: z.string(),
    duplicateTitle: z.string().optional(),
    targetTitle: z.string().optional(),
  }),
  'reach-change': z.object({ entryId: z.string(), previous: PublicReach, next: PublicReach }),
  retraction: Text,
  sitrep: z.object({
    sitrepId: z.string(),
    number: z.number().int(),
    title: z.string(),
    text: z.string(),
    /** The approver's comment on publishing, when given. */
    reason: z.string().max(2000).optional(),
  }),
  mechanism: z.object({
    mechanism: z.string(),
    /** An engagement's status as recorded: `requested`, `activated` (active) or `deactivated` (stood down). */
    state: z.enum(['requested', 'activated', 'deactivated']),
    mode: z.string().nullable(),
    reference: z.string().nullable(),
    /** Who leads the engagement in that mechanism; absent in records made before engagements named one. */
    leadContact: z.string().nullable().optional(),
    text: z.string(),
    /** IPCR information-sharing mode recorded by the GSC, ERCC or EEAS, in consultation with the Presidency. */
    inConsultationWithPresidency: z.boolean().optional(),
  }),
  /** CER Art. 15(1), second subparagraph: the recording state's authority notified the Commission (six or more affected). */
  'cer-commission-notified': z.object({ memberStates: z.array(z.string()).min(1), text: z.string() }),
  /** CER Art. 15(3): the recording state's single point of contact informed those of the other affected states. */
  'cer-spoc-informed': z.object({ informed: z.array(z.string()).min(1), text: z.string() }),
  /** A member state says, for itself alone, that its capacity to respond is overwhelmed (or no longer is). */
  'capacity-overwhelmed': z.object({ memberState: z.string(), overwhelmed: z.boolean(), text: z.string() }),
  'public-message-drafted': PublicMessageDraftedBody,
  'public-message-decision': PublicMessageDecisionBody,
  'public-message-published': PublicMessagePublishedBody,
  'public-message-embargo': PublicMessageEmbargoBody,
  /** A language version started from another (src/comms/review-*): a draft translation until its state approves. */
  'public-message-translation': PublicMessageTranslationBody,
  'public-message-comment': PublicMessageCommentBody,
  'public-message-comment-resolved': PublicMessageCommentResolvedBody,
  /** What a state published nationally, and the key facts coordinators mark in it (src/comms/divergence-*). */
  'national-publication': NationalPublicationBody,
  'national-publication-withdrawn': NationalPublicationWithdrawnBody,
  'national-publication-corrected': NationalPublicationCorrectedBody,
  'key-fact-marked': KeyFactMarkedBody,
  /** A false narrative observed (src/comms/disinformation-*): where, since when, reach, rebuttal line. */
  disinformation: DisinformationBody,
  /** An affected state asks for help (src/assistance): what, how much, where and when, and whether via UCPM. */
  'assistance-request': z.object({
    category: z.string(),
    description: z.string(),
    quantity: z.number().positive(),
    unit: z.string(),
    location: z.object({ country: z.string(), place: z.string() }),
    neededFrom: z.string(),
    neededUntil: z.string().nullable(),
    priority: z.string(),
    constraints: z.array(z.string()),
    ucpm: z.object({ formal: z.boolean(), cecisReference: z.string().nullable() }),
  }),
  /** An offer against a request, or (no request) a standing offer of capacity; `onBehalfOf` when ERCC relays. */
  'assistance-offer': z.object({
    requestId: z.string().nullable(),
    category: z.string(),
    what: z.string(),
    quantity: z.number().positive(),
    unit: z.string(),
    location: z.object({ country: z.string(), place: z.string() }),
    availableFrom: z.string(),
    availableUntil: z.string().nullable(),
    conditions: z.string(),
    costs: z.string(),
    onBehalfOf: z.string().nullable(),
  }),
  /** A step of an offer's lifecycle against a request; `correction` when ERCC set it for someone else. */
  'assistance-step': z.object({
    requestId: z.string(),
    offerId: z.string(),
    step: z.enum(['accepted', 'in-transit', 'deployed', 'demobilised']),
    quantity: z.number().positive().nullable(),
    correction: z.boolean(),
    note: z.string(),
  }),
  /**
   * The handover at the change of term, written by the platform for the outgoing and incoming Presidency and ERCC:
   * the incident's open consultations and how many of its entries are addressed to the Presidency (they now reach
   * the incoming one). `from` or `to` is null when the calendar has no Presidency on that side.
   */
  'presidency-handover': z.object({
    from: z.string().nullable(),
    to: z.string().nullable(),
    term: z.string().nullable(),
    openConsultations: z.array(z.string()),
    addressedToPresidency: z.number().int().nonnegative(),
  }),
  /** A decision at one level (src/response/decisions-model.ts), linking the entries it rests on. */
  decision: z.object({
    level: DecisionLevel,
    decidedBy: z.string(),
    what: z.string(),
    rationale: z.string(),
    linkedEntries: z.array(z.string()),
    meetingId: z.string().nullable(),
    /** The hybrid-response track; absent in older decisions and on consequence management. */
    track: z.enum(['consequence-management', 'attribution']).optional(),
  }),
  /** An action item for an organisation (and one of its people); its status moves by `action-status` entries. */
  action: z.object({
    title: z.string(),
    details: z.string(),
    ownerOrganisation: z.string(),
    assigneeUserId: z.string().nullable(),
    dueAt: z.string().nullable(),
    decisionId: z.string().nullable(),
    meetingId: z.string().nullable(),
  }),
  'action-status': z.object({ actionId: z.string(), status: ActionStatus, note: z.string() }),
  /** An IPCR roundtable, a technical call: when, who is invited and what is on the agenda. */
  meeting: z.object({
    title: z.string(),
    format: z.string(),
    startsAt: z.string(),
    endsAt: z.string(),
    agenda: z.string(),
    invited: z.array(z.string()),
    where: z.string(),
  }),
  'meeting-minutes': z.object({ meetingId: z.string(), minutes: z.string() }),
  /** The outgoing duty officer's note for the next shift of the same organisation. */
  'shift-handover': z.object({
    organisation: z.string(),
    changed: z.string(),
    openAsks: z.string(),
    nextCover: z.string(),
    incomingUserId: z.string().nullable(),
  }),
  'shift-handover-acknowledged': z.object({ handoverId: z.string(), note: z.string() }),
  /** A member state's entry forwarded to an engaged mechanism in its form (src/response/forwarding-*): report once. */
  forwarded: ForwardedBody,
  /** An ISAA report the Presidency opened (src/response/isaa-*); its reach is the report's audience. */
  'isaa-report': IsaaReportBody,
  'isaa-question': IsaaQuestionBody,
  'isaa-answer': IsaaAnswerBody,
  'isaa-version': IsaaVersionBody,
  /** An object imported from a MISP event or a STIX bundle (src/interchange/model.ts says what each field holds). */
  intelligence: IntelligenceBody,
} satisfies Record<EntryKind, z.ZodType>;

/** The body an entry of kind `K` is written with. */
export type EntryBodyOf<K extends EntryKind> = z.input<(typeof ENTRY_BODIES)[K]>;

/** An entry's kind with the body that kind carries: one case per kind, so a kind cannot go with another's body. */
export type KindedBody = { [K in EntryKind]: { kind: K; body: EntryBodyOf<K> } }[EntryKind];

/** Kinds that merges carry over into the surviving incident, with their provenance. */
export const CARRIED_KINDS = [
  'report',
  'update',
  'own-assessment',
  'note',
] as const satisfies readonly EntryKind[];
export type CarriedKind = (typeof CARRIED_KINDS)[number];

export function isEntryKind(kind: string): kind is EntryKind {
  return (ENTRY_KINDS as readonly string[]).includes(kind);
}

/**
 * Checks a body against its kind's schema before it is written. Bodies come from the flows, never straight from a
 * request, so one that does not fit is a mistake in the code: it is thrown, not answered as bad input.
 */
export function assertBodyOfKind(kind: string, body: unknown): void {
  if (!isEntryKind(kind)) throw new Error(`the log has no entry kind "${kind}"`);
  const checked = ENTRY_BODIES[kind].safeParse(body);
  if (!checked.success) {
    throw new Error(`a ${kind} entry's body does not fit its kind: ${z.prettifyError(checked.error)}`);
  }
}

/**
 * A stored entry's body read as its kind's: the fields its kind is written with, each possibly missing, because
 * reading trusts the stored JSON as written and entries older than a field do not have it.
 */
export type StoredBodyOf<K extends EntryKind> = Partial<EntryBodyOf<K>>;

/** The body of an entry of kind `K`, for read sites that branch on the kind; undefined for any other kind. */
export function bodyOf<K extends EntryKind>(
  entry: { kind: string; body: unknown },
  kind: K,
): StoredBodyOf<K> | undefined {
  return entry.kind === kind ? (entry.body as StoredBodyOf<K>) : undefined;
}
